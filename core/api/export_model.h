#pragma once
// "Export": a run's result (or any supported model folder) as a Hugging Face folder or PEFT adapter,
// in float32 / float16 / bfloat16, with a model card; then reloaded and checked against the source.

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ft::api {

struct ExportRequest {
    std::string source;             // a run folder (holds job.json) or a model folder
    std::string output;             // written whole or not at all (an existing folder is replaced)
    std::string dtype = "float32";  // "float32" | "float16" | "bfloat16"
    bool adapterOnly = false;       // LoRA runs: the PEFT adapter instead of the merged model
    bool verify = true;             // reload the export and compare its outputs with the source's
};

struct ExportSummary {
    std::string folder;
    std::string kind;                       // "model" | "adapter"
    int64_t parameters = 0;                 // in the written weights
    double maxLogitDifference = -1;         // export vs source on a fixed batch (-1: not verified)
    double tolerance = 0;                   // what the check allowed for this dtype
    bool generationChecked = false;         // decoders: a short greedy generation ran
    bool generationEmittedEos = false;
    std::vector<std::string> warnings;
};

Result<ExportSummary> exportModel(const ExportRequest& request);

}  // namespace ft::api
