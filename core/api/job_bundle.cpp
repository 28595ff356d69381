#include "core/api/job_bundle.h"

#include <filesystem>
#include <fstream>
#include <random>
#include <system_error>
#include <tuple>

namespace ft::api {

namespace fs = std::filesystem;

namespace {

// Inside the bundle → relative to it; anywhere else → absolute. Empty stays empty ("not set").
std::string bundlePath(const std::string& p, const fs::path& bundle) {
    if (p.empty()) return p;
    const fs::path abs = fs::absolute(fs::path(p)).lexically_normal();
    const fs::path rel = abs.lexically_relative(bundle);
    if (!rel.empty() && *rel.begin() != "..") return rel.string();
    return abs.string();
}

// Slurm job names and file names: letters, digits, '-', '_', '.'.
std::string safeName(const std::string& name) {
    std::string out;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
        out += ok ? c : '_';
    }
    return out.empty() ? std::string("finetune") : out;
}

std::string localScript(int workers) {
    const std::string n = std::to_string(workers);
    return "#!/bin/sh\n"
           "# Trains job.json with " + n + " data-parallel workers on this machine (see README.txt).\n"
           "# Extra arguments go to `finetune train`, e.g. --json or --run-dir DIR. FINETUNE names the executable.\n"
           "set -e\n"
           "here=\"$(cd \"$(dirname \"$0\")\" && pwd)\"\n"
           "FINETUNE=\"${FINETUNE:-finetune}\"\n"
           "exec \"$FINETUNE\" launch --nproc " + n + " \"$here/job.json\" \"$@\"\n";
}

std::string slurmScript(const JobConfig& job, int workers, const JobBundleOptions& o) {
    const std::string n = std::to_string(workers);
    const std::string name = safeName(job.name);
    // The srun line is docs/distributed.md's: Slurm's variables mapped to the ones torchrun sets.
    return "#!/bin/bash\n"
           "#SBATCH --job-name=" + name + "\n"
           "#SBATCH --nodes=" + std::to_string(o.slurmNodes) + "\n"
           "#SBATCH --ntasks-per-node=" + n + "\n"
           "#SBATCH --output=slurm-%j.out\n"
           "# One task per worker: " + n + " per node. Submit from the bundle folder:  cd BUNDLE && sbatch run-slurm.sh\n"
           "# (sbatch runs a copy of this script, so the bundle is found through the submit folder or BUNDLE_DIR).\n"
           "# More nodes: sbatch --nodes=N run-slurm.sh. FINETUNE names the executable (default: finetune on PATH).\n"
           "set -euo pipefail\n"
           "export BUNDLE_DIR=\"${BUNDLE_DIR:-$SLURM_SUBMIT_DIR}\"\n"
           "export FINETUNE=\"${FINETUNE:-finetune}\"\n"
           "if [ ! -f \"$BUNDLE_DIR/job.json\" ]; then\n"
           "  echo \"run-slurm.sh: no job.json in $BUNDLE_DIR; submit from the bundle folder or set BUNDLE_DIR\" >&2\n"
           "  exit 2\n"
           "fi\n"
           "srun --kill-on-bad-exit=1 bash -c 'RANK=$SLURM_PROCID WORLD_SIZE=$SLURM_NTASKS LOCAL_RANK=$SLURM_LOCALID \\\n"
           "  LOCAL_WORLD_SIZE=$SLURM_NTASKS_PER_NODE MASTER_ADDR=$(scontrol show hostnames $SLURM_JOB_NODELIST | head -1) \\\n"
           "  MASTER_PORT=" + std::to_string(o.masterPort) + " \"$FINETUNE\" train \"$BUNDLE_DIR/job.json\"'\n";
}

std::string readme(const JobConfig& job, int workers, const JobBundleOptions& o) {
    const std::string n = std::to_string(workers);
    return "Finetune Studio job bundle: " + job.name + "\n"
           "==========================================\n\n"
           "This folder trains one fine-tuning job with several worker processes (data-parallel: each worker\n"
           "trains on its own share of every batch; gradients are averaged between them). It needs the\n"
           "`finetune` command-line tool of Finetune Studio on every machine that runs a worker.\n\n"
           "Files\n"
           "  job.json       the job. Paths inside this folder are relative to it; all others are absolute\n"
           "                 paths of the machine that wrote the bundle -- edit them if the model, the data or\n"
           "                 the runs folder live elsewhere on the machine that trains.\n"
           "  run-local.sh   " + n + " workers on this machine:  ./run-local.sh   (= finetune launch --nproc " + n + " job.json)\n"
           "  run-slurm.sh   a Slurm batch job, " + std::to_string(o.slurmNodes) + " node(s) x " + n + " tasks (one task per worker):\n"
           "                   cd <this folder> && sbatch run-slurm.sh\n"
           "  README.txt     this text\n\n"
           "Both scripts take the executable from FINETUNE (default: `finetune` on PATH), e.g.\n"
           "  FINETUNE=/opt/finetune/bin/finetune ./run-local.sh\n\n"
           "By hand (or with torchrun): start every worker as `finetune train job.json` with RANK,\n"
           "WORLD_SIZE, LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR and MASTER_PORT set as torchrun sets them;\n"
           "run-slurm.sh shows how Slurm's variables map to them. All workers must be able to read the model\n"
           "and data, and rank 0 writes the run folder (shared storage is needed to resume).\n\n"
           "Notes\n"
           "  - training.batch_size in job.json is per worker: one optimizer step uses batch_size x workers\n"
           "    examples.\n"
           "  - A stopped run resumes when the same command is started again with the same number of workers.\n"
           "  - \"threads\": 0 gives each worker (cores on its machine) / (workers on that machine) threads.\n"
           "  - A worker that dies stops the others within training.distributed_timeout_s seconds (now " +
           std::to_string(job.training.distributedTimeoutS) + ").\n";
}

Status writeFile(const fs::path& file, const std::string& text, bool executable) {
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) return makeError("bundle.write_failed", "could not write " + file.filename().string(), file.string());
    }
    if (executable) {
        std::error_code ec;
        fs::permissions(file, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec, fs::perm_options::add, ec);
        if (ec) return makeError("bundle.write_failed", "could not make " + file.filename().string() + " executable: " + ec.message(), file.string());
    }
    return {};
}

}  // namespace

Status writeJobBundle(const JobConfig& job, const std::string& folder, int localWorkers, const JobBundleOptions& options) {
    if (localWorkers < 1)
        return makeError("bundle.invalid_workers", "the number of workers must be at least 1, not " + std::to_string(localWorkers), {}, -1, "nproc");
    if (options.slurmNodes < 1)
        return makeError("bundle.invalid_workers", "the number of Slurm nodes must be at least 1", {}, -1, "nodes");
    if (folder.empty()) return makeError("bundle.not_a_folder", "no bundle folder was given");
    std::error_code ec;
    const fs::path target = fs::absolute(fs::path(folder), ec).lexically_normal();
    if (ec) return makeError("bundle.not_a_folder", "the bundle folder is not a valid path: " + ec.message(), folder);
    const fs::path dir = target.has_filename() ? target : target.parent_path();  // "out/" → "out"
    const auto st = fs::status(dir, ec);
    if (fs::exists(st)) {
        if (!fs::is_directory(st)) return makeError("bundle.not_a_folder", "the bundle folder is an existing file", dir.string());
        if (!fs::is_empty(dir, ec) || ec)
            return makeError("bundle.folder_not_empty", "the bundle folder already exists and is not empty; choose a new or empty folder",
                             dir.string());
    }
    fs::create_directories(dir.parent_path(), ec);
    if (ec) return makeError("bundle.write_failed", "could not create the parent folder: " + ec.message(), dir.parent_path().string());

    JobConfig out = job;
    out.model.path = bundlePath(job.model.path, dir);
    out.data.train = bundlePath(job.data.train, dir);
    out.data.validation = bundlePath(job.data.validation, dir);
    out.data.test = bundlePath(job.data.test, dir);
    out.evaluation.swapList = bundlePath(job.evaluation.swapList, dir);
    out.output.runsDir = bundlePath(job.output.runsDir, dir);
    out.output.runDir = bundlePath(job.output.runDir, dir);

    // A bundle whose job.json `finetune train` would refuse to read is no use: say why now.
    if (auto readable = parseJobConfig(jobConfigToJson(out), "job.json", dir.string()); !readable) return readable.error();

    // Staging beside the target (same file system), renamed into place once complete.
    std::random_device rd;
    fs::path staging;
    for (int attempt = 0; staging.empty() && attempt < 100; ++attempt) {
        const fs::path candidate = dir.parent_path() / ("." + dir.filename().string() + ".staging-" + std::to_string(rd() % 1000000));
        if (fs::create_directory(candidate, ec)) staging = candidate;  // false: a leftover of another writer
        else if (ec) return makeError("bundle.write_failed", "could not create a staging folder: " + ec.message(), candidate.string());
    }
    if (staging.empty()) return makeError("bundle.write_failed", "could not create a staging folder", dir.parent_path().string());
    auto cleanup = [&] { std::error_code ignored; fs::remove_all(staging, ignored); };

    for (const auto& [name, text, exec] : {std::tuple<const char*, std::string, bool>{"job.json", jobConfigToJson(out), false},
                                           {"run-local.sh", localScript(localWorkers), true},
                                           {"run-slurm.sh", slurmScript(job, localWorkers, options), true},
                                           {"README.txt", readme(job, localWorkers, options), false}}) {
        if (Status s = writeFile(staging / name, text, exec); !s) {
            cleanup();
            return s;
        }
    }
    // rename(2) replaces an empty folder; a folder that became non-empty meanwhile makes it fail.
    fs::rename(staging, dir, ec);
    if (ec) {
        cleanup();
        return makeError("bundle.write_failed", "could not move the bundle into place: " + ec.message(), dir.string());
    }
    return {};
}

}  // namespace ft::api
