#pragma once
// Evaluate a trained model on a labelled file it has not seen — a held-out test set, new data — with
// the same report a run ends with (metrics, confusion, calibration, fairness slices, counterfactual
// test). `finetune eval` and the API share it.

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ft::api {

struct EvaluationRequest {
    std::string source;                     // a run folder (its best / merged model) or a model folder
    std::string dataFile;                   // CSV / TSV / JSONL / JSON / TXT
    std::string outDir;                     // gets job.json and eval/report.{json,csv,html}
    std::string textColumn, labelColumn;    // "" = the run's mapping (required for a plain model folder)
    std::string targetColumn;               // a text-to-text model's target column ("" = the run's)
    std::vector<std::string> groupColumns;  // sensitive attributes; empty = the run's
    std::string split;                      // "" = every row; "test" = the rows data.split_column marks so (a run's
                                            //   job.json names the column)
    bool counterfactual = true;             // the identity-term swap test
    std::string device = "auto";            // "auto" | "cpu" | "cuda"
};

struct EvaluationResult {
    std::string reportFile;                 // <outDir>/eval/report.json
    int64_t examples = 0;
    double loss = 0;
    double accuracy = -1, f1Macro = -1, perplexity = -1;  // -1 where the task has none
};

Result<EvaluationResult> evaluateOnFile(const EvaluationRequest& request);

}  // namespace ft::api
