#pragma once
// README.md for an exported model or adapter: the Hugging Face model-card layout (YAML front matter
// with library_name / base_model / pipeline_tag, then prose and tables) filled from the run.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ft::exporting {

struct ModelCardInfo {
    std::string title;                         // "demo-reviews"
    std::string baseModel;                     // path or Hub id
    std::string task;                          // "sequence_classification" | "causal_lm"
    bool adapter = false;                      // a PEFT adapter rather than full weights
    std::string dataset;                       // training file
    int64_t trainExamples = 0, validationExamples = 0;
    std::vector<std::string> labels;
    std::vector<std::pair<std::string, std::string>> settings;  // ("learning rate", "5e-05"), …
    std::vector<std::pair<std::string, double>> metrics;        // ("accuracy", 0.91), …
    std::vector<std::string> fairness;                          // one line per group / disparity
    std::string dtype = "float32";
};

std::string modelCardMarkdown(const ModelCardInfo& info);

}  // namespace ft::exporting
