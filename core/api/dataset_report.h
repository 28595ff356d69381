#pragma once
// `finetune data FILE`: one full pass over a dataset — the inferred schema, the column mapping, the
// statistics (class balance, lengths in characters and, with a tokenizer, tokens and the share cut at
// max_length, empties, duplicates, overlap with a validation file) and every problem found.

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/api/dataset_preview.h"
#include "core/common/result.h"

namespace ft::api {

struct DatasetReportOptions {
    std::string task = "sequence_classification";  // or "causal_lm" (no label column)
    std::string textColumn;     // "" = inferred
    std::string labelColumn;    // "" = inferred (classification)
    std::string validation;     // a separate validation file: overlap (leakage) with it is counted
    std::string modelPath;      // a model / tokenizer folder: lengths in tokens ("" = characters only)
    int64_t maxLength = 128;    // tokens; the share of texts longer is reported
    std::string encoding = "auto";  // of the files: "auto", "utf-8", "utf-16", "latin-1"
    bool skipBadRows = false;   // leave out ragged / broken rows (listed as a problem) instead of stopping
    const std::atomic<bool>* cancel = nullptr;  // polled while reading and measuring: stops with data.cancelled
    // Share of the pass done (0–1) and what it is doing: "reading", then "tokens" with a tokenizer.
    std::function<void(double fraction, const std::string& phase)> progress;
};

struct LengthSummary {
    int64_t count = 0, min = 0, max = 0;
    double mean = 0, median = 0, p95 = 0;
};

// Something the user should look at; `severity` is "error" (training would fail) or "warning".
struct DatasetProblem {
    std::string severity;
    std::string code;       // "data.single_class", "data.mixed_label_types", "data.duplicates", ...
    std::string message;
    int64_t line = -1;      // an example line where it applies, or -1
};

struct DatasetReport {
    std::string path, format, encoding;
    std::string delimiter;  // CSV / TSV only
    bool hasHeader = false;
    int64_t rows = 0;
    int64_t skippedRows = 0;  // with skipBadRows
    std::vector<ColumnSummary> columns;
    std::string textColumn, labelColumn;   // the mapping used (given or inferred)
    std::vector<std::string> groupColumns; // possible sensitive attributes
    int64_t emptyTexts = 0, missingLabels = 0;
    std::vector<std::pair<std::string, int64_t>> classCounts;  // label → rows, in label order
    double imbalanceRatio = 0;
    LengthSummary charLengths, tokenLengths;                    // tokenLengths.count == 0 without a tokenizer
    std::vector<int64_t> tokenHistogram;                        // rows per bin of tokenBinWidth tokens
    int64_t tokenBinWidth = 0;
    std::vector<int64_t> sortedTokenLengths;                    // every row's, ascending (for other cut-offs)
    int64_t truncatedRows = 0;                                  // longer than maxLength tokens
    double truncatedShare = 0;
    int64_t exactDuplicateRows = 0, nearDuplicateRows = 0, conflictingLabelGroups = 0;
    int64_t validationRows = 0, leakedExact = 0, leakedNear = 0;  // with a validation file
    std::vector<DatasetProblem> problems;
};

// Read errors (bad encoding, ragged rows, ...) are errors naming file, line and column; problems with
// the content are listed in the report.
Result<DatasetReport> analyzeDataset(const std::string& path, const DatasetReportOptions& options = {});

// The report as one JSON object (for --json and scripts).
std::string datasetReportToJson(const DatasetReport& report);

}  // namespace ft::api
