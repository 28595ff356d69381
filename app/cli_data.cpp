// finetune data — the inferred schema, column mapping, statistics and every problem of a dataset file.

#include "app/cli_data.h"

#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/api/dataset_report.h"

namespace ft::cli {

namespace {

const char* kDataUsage =
    "usage: finetune data FILE [--task sequence_classification|causal_lm] [--text-column C] [--label-column C]\n"
    "                          [--validation FILE] [--model DIR] [--max-length N] [--encoding E] [--skip-bad-rows] [--json]\n"
    "  --encoding: auto (UTF-8, or UTF-16 / UTF-8 by byte-order mark), utf-8, utf-16 or latin-1\n";

void printLengths(const char* what, const api::LengthSummary& s) {
    std::printf("  %-22s min %lld  median %.0f  mean %.1f  p95 %.0f  max %lld\n", what, static_cast<long long>(s.min), s.median, s.mean,
                s.p95, static_cast<long long>(s.max));
}

void printReport(const api::DatasetReport& r, int64_t maxLength) {
    std::printf("File:      %s\nFormat:    %s, %s", r.path.c_str(), r.format.c_str(), r.encoding.c_str());
    if (!r.delimiter.empty()) std::printf(", delimiter '%s', %s", r.delimiter.c_str(), r.hasHeader ? "header row" : "no header row");
    std::printf("\nRows:      %lld\n\nColumns:\n", static_cast<long long>(r.rows));
    for (const auto& c : r.columns)
        std::printf("  %-24s %-12s distinct %-8lld missing %lld\n", c.name.c_str(), c.type.c_str(), static_cast<long long>(c.distinct),
                    static_cast<long long>(c.missing));
    std::printf("\nMapping:\n  text column:  %s\n", r.textColumn.c_str());
    if (!r.labelColumn.empty()) std::printf("  label column: %s\n", r.labelColumn.c_str());
    for (const auto& g : r.groupColumns) std::printf("  possible sensitive attribute: %s\n", g.c_str());

    std::printf("\nStatistics:\n");
    if (!r.classCounts.empty()) {
        int64_t total = 0;
        for (const auto& c : r.classCounts) total += c.second;
        for (const auto& [name, count] : r.classCounts)
            std::printf("  class %-24s %8lld  (%.1f%%)\n", name.c_str(), static_cast<long long>(count), total ? 100.0 * count / total : 0.0);
        std::printf("  imbalance (largest / smallest class): %.2f\n", r.imbalanceRatio);
    }
    printLengths("length in characters:", r.charLengths);
    if (r.tokenLengths.count > 0) {
        printLengths("length in tokens:", r.tokenLengths);
        std::printf("  longer than %lld tokens:  %lld rows (%.1f%%)\n", static_cast<long long>(maxLength), static_cast<long long>(r.truncatedRows),
                    100.0 * r.truncatedShare);
    }
    std::printf("  empty texts:            %lld\n", static_cast<long long>(r.emptyTexts));
    if (!r.labelColumn.empty()) std::printf("  missing labels:         %lld\n", static_cast<long long>(r.missingLabels));
    std::printf("  exact duplicates:       %lld rows\n  near duplicates:        %lld rows\n", static_cast<long long>(r.exactDuplicateRows),
                static_cast<long long>(r.nearDuplicateRows));
    if (r.validationRows > 0)
        std::printf("  validation overlap:     %lld of %lld rows (%lld exact)\n", static_cast<long long>(r.leakedNear),
                    static_cast<long long>(r.validationRows), static_cast<long long>(r.leakedExact));

    std::printf("\nProblems:%s\n", r.problems.empty() ? " none found" : "");
    for (const auto& p : r.problems) {
        std::printf("  %s: %s", p.severity.c_str(), p.message.c_str());
        // A message listing its examples (file:line:column each) needs no "first at".
        if (p.line >= 0 && p.message.find('\n') == std::string::npos)
            std::printf(" (first at line %lld)", static_cast<long long>(p.line));
        std::printf(" [%s]\n", p.code.c_str());
    }
}

}  // namespace

int cmdData(int argc, char** argv) {
    std::string file;
    api::DatasetReportOptions options;
    bool json = false;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        const bool hasValue = i + 1 < argc;
        if (a == "--json") json = true;
        else if (a == "--skip-bad-rows") options.skipBadRows = true;
        else if (a == "--task" && hasValue) options.task = argv[++i];
        else if (a == "--text-column" && hasValue) options.textColumn = argv[++i];
        else if (a == "--label-column" && hasValue) options.labelColumn = argv[++i];
        else if (a == "--validation" && hasValue) options.validation = argv[++i];
        else if (a == "--model" && hasValue) options.modelPath = argv[++i];
        else if (a == "--encoding" && hasValue) options.encoding = argv[++i];
        else if (a == "--max-length" && hasValue) {
            char* end = nullptr;
            options.maxLength = std::strtoll(argv[++i], &end, 10);
            if (*end != '\0' || options.maxLength < 1) {
                std::fprintf(stderr, "finetune data: --max-length must be a positive whole number\n");
                return 2;
            }
        } else if (a.rfind("--", 0) != 0 && file.empty()) file = a;
        else {
            std::fprintf(stderr, "finetune data: unexpected argument '%s'\n%s", a.c_str(), kDataUsage);
            return 2;
        }
    }
    if (file.empty()) return std::fputs(kDataUsage, stderr), 2;
    auto report = api::analyzeDataset(file, options);
    if (!report) {
        std::fprintf(stderr, "error: %s\n", report.error().describe().c_str());
        return 1;
    }
    if (json) std::fputs(api::datasetReportToJson(*report).c_str(), stdout);
    else printReport(*report, options.maxLength);
    // Exit status 1 when training would fail on this data (an "error" problem).
    for (const auto& p : report->problems)
        if (p.severity == "error") return 1;
    return 0;
}

}  // namespace ft::cli
