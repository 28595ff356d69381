#pragma once
// The final evaluation of a run, as the Evaluate panel shows it (read back from eval/report.json).

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.h"

namespace ft::api {

struct ClassMetrics {
    std::string label;
    double precision = 0, recall = 0, f1 = 0;
    int64_t support = 0;
};

struct GroupMetrics {
    std::string attribute;      // column name
    std::string group;          // value
    int64_t n = 0;
    double accuracy = 0, f1Macro = 0, selectionRate = 0, truePositiveRate = 0, falsePositiveRate = 0;
    double accuracyLow = 0, accuracyHigh = 0;  // 95% interval
    std::string warning;        // small-group warning, empty if none
};

struct EvalReport {
    std::string runDir;
    std::string split;          // "validation"
    int64_t n = 0;
    double loss = 0, accuracy = 0, balancedAccuracy = 0;
    double precisionMacro = 0, recallMacro = 0, f1Macro = 0, f1Micro = 0, f1Weighted = 0;
    double perplexity = -1;
    std::vector<std::string> labels;
    std::vector<std::vector<int64_t>> confusion;   // [true][predicted]
    std::vector<ClassMetrics> perClass;
    std::vector<GroupMetrics> groups;
    std::vector<std::string> disparities;          // human-readable lines: "gender: accuracy difference 0.12 [0.03, 0.21]"
};

Result<EvalReport> readEvalReport(const std::string& runDir);

}  // namespace ft::api
