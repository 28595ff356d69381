// `finetune bundle JOB.json --out DIR [--nproc N] [--nodes M]`: the job as a folder with scripts that
// start its data-parallel workers locally or under Slurm (core/api/job_bundle.h).

#include "app/cli_bundle.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/api/job_bundle.h"
#include "core/api/job_config.h"

namespace ft::cli {

namespace {

constexpr const char* kBundleUsage = "usage: finetune bundle JOB.json --out DIR [--nproc N] [--nodes M]\n";

bool parseCount(const char* text, int& out) {
    char* end = nullptr;
    const long v = std::strtol(text, &end, 10);
    if (end == text || *end != '\0' || v < 1 || v > 100000) return false;
    out = static_cast<int>(v);
    return true;
}

}  // namespace

int cmdBundle(int argc, char** argv) {
    std::string jobFile, outDir;
    int workers = 2;
    api::JobBundleOptions options;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        const bool takesValue = a == "--out" || a == "--nproc" || a == "--nodes";
        if (takesValue && i + 1 >= argc) return std::fprintf(stderr, "error: option %s needs a value\n%s", a.c_str(), kBundleUsage), 2;
        if (a == "--out") {
            outDir = argv[++i];
        } else if (a == "--nproc" || a == "--nodes") {
            int& target = a == "--nproc" ? workers : options.slurmNodes;
            if (!parseCount(argv[++i], target))
                return std::fprintf(stderr, "error: option %s expects a whole number >= 1, not '%s'\n", a.c_str(), argv[i]), 2;
        } else if (a.rfind("--", 0) == 0 || !jobFile.empty()) {
            return std::fprintf(stderr, "error: unexpected argument '%s'\n%s", a.c_str(), kBundleUsage), 2;
        } else {
            jobFile = a;
        }
    }
    if (jobFile.empty() || outDir.empty()) return std::fputs(kBundleUsage, stderr), 2;

    auto job = api::readJobConfig(jobFile);
    if (!job) return std::fprintf(stderr, "error: %s\n", job.error().describe().c_str()), 1;
    if (Status st = api::writeJobBundle(*job, outDir, workers, options); !st)
        return std::fprintf(stderr, "error: %s\n", st.error().describe().c_str()), 1;
    std::printf("Wrote the job bundle %s (job.json, run-local.sh, run-slurm.sh, README.txt)\n"
                "  this machine, %d workers:  %s/run-local.sh\n"
                "  Slurm, %d node(s) x %d:     cd %s && sbatch run-slurm.sh\n",
                outDir.c_str(), workers, outDir.c_str(), options.slurmNodes, workers, outDir.c_str());
    return 0;
}

}  // namespace ft::cli
