// finetune export — a run's result (or a model folder) as a Hugging Face folder or PEFT adapter.

#include "app/cli_export.h"

#include <cstdio>
#include <string>

#include "core/api/export_model.h"

namespace ft::cli {

namespace {
const char* kExportUsage =
    "usage: finetune export RUN_OR_MODEL_DIR --out DIR [--dtype float32|float16|bfloat16] [--adapter] [--no-verify]\n";
}

int cmdExport(int argc, char** argv) {
    api::ExportRequest request;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        if ((a == "--out" || a == "--dtype") && i + 1 < argc) {
            (a == "--out" ? request.output : request.dtype) = argv[++i];
        } else if (a == "--adapter") {
            request.adapterOnly = true;
        } else if (a == "--no-verify") {
            request.verify = false;
        } else if (a.rfind("--", 0) != 0 && request.source.empty()) {
            request.source = a;
        } else {
            std::fprintf(stderr, "finetune export: unexpected argument '%s'\n%s", a.c_str(), kExportUsage);
            return 2;
        }
    }
    if (request.source.empty() || request.output.empty()) return std::fputs(kExportUsage, stderr), 2;
    auto summary = api::exportModel(request);
    if (!summary) {
        std::fprintf(stderr, "error: %s\n", summary.error().describe().c_str());
        return 1;
    }
    std::printf("Exported the %s (%lld parameters, %s) to %s\n", summary->kind.c_str(), static_cast<long long>(summary->parameters),
                request.dtype.c_str(), summary->folder.c_str());
    if (summary->maxLogitDifference >= 0)
        std::printf("Verified: reloaded outputs differ by at most %.3g (allowed %.3g)\n", summary->maxLogitDifference, summary->tolerance);
    if (summary->generationChecked)
        std::printf("Generation check: %s\n", summary->generationEmittedEos ? "emits end-of-sequence" : "no end-of-sequence in 48 tokens");
    for (const auto& w : summary->warnings) std::printf("warning: %s\n", w.c_str());
    return 0;
}

}  // namespace ft::cli
