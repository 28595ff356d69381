#include "core/api/dataset_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/data/cell_types.h"
#include "core/data/classification_data.h"
#include "core/data/table.h"
#include "core/data/reader.h"
#include "core/data/schema.h"
#include "core/data/stats.h"
#include "core/tokenize/tokenizer.h"

namespace ft::api {

namespace {

// The two passes share the progress bar: the first (schema) up to `split`, the second up to 0.95.
data::ProgressCallback progressBetween(const DatasetReportOptions& report, double from, double to, const char* phase) {
    if (!report.progress) return {};
    return [&report, from, to, phase](int64_t done, int64_t total) {
        report.progress(from + (to - from) * (total > 0 ? double(done) / double(total) : 0), phase);
    };
}

data::ReadOptions readOptionsFor(const DatasetReportOptions& report) {
    data::ReadOptions options;
    options.skipBadRows = report.skipBadRows;
    options.encoding = report.encoding;
    return options;
}

Error cancelled(const std::string& path) { return makeError("data.cancelled", "the pass over the file was cancelled", path); }

// First pass: the file's shape and the schema, one row at a time.
Result<std::pair<data::StreamInfo, data::Schema>> scanSchema(const std::string& path, const DatasetReportOptions& report, double share) {
    data::SchemaBuilder schema;
    auto info = data::streamTable(
        path, readOptionsFor(report),
        [&](const std::vector<std::string>& columns, const std::vector<std::string>& values, int64_t) {
            schema.add(columns, values);
            return true;
        },
        report.cancel, progressBetween(report, 0, share, "reading"));
    if (!info) return info.error();
    schema.declare(info->columns);
    return std::make_pair(std::move(*info), schema.finish());
}

Error unknownColumn(const std::string& path, const std::vector<std::string>& columns, const std::string& name, const char* role) {
    std::string have;
    for (const auto& c : columns) have += (have.empty() ? "" : ", ") + c;
    return makeError("data.unknown_column", std::string("the ") + role + " column '" + name + "' is not in the file (columns: " + have + ")",
                     path, -1, name);
}

bool hasColumn(const std::vector<std::string>& columns, const std::string& name) {
    return std::find(columns.begin(), columns.end(), name) != columns.end();
}

// A cell by column name in a streamed row; a JSON Lines column first seen later reads "" before.
class CellLookup {
public:
    explicit CellLookup(std::string name) : name_(std::move(name)) {}
    std::string_view operator()(const std::vector<std::string>& columns, const std::vector<std::string>& values) {
        if (index_ < 0 || columns.size() != seenColumns_) {
            seenColumns_ = columns.size();
            const auto it = std::find(columns.begin(), columns.end(), name_);
            index_ = it == columns.end() ? -1 : static_cast<int>(it - columns.begin());
        }
        return index_ >= 0 && static_cast<size_t>(index_) < values.size() ? std::string_view(values[static_cast<size_t>(index_)])
                                                                           : std::string_view();
    }

private:
    std::string name_;
    int index_ = -1;
    size_t seenColumns_ = 0;
};

// "12%", or "0.2%" below one percent (never a misleading "0%").
std::string percent(double share) {
    char text[16];
    std::snprintf(text, sizeof text, share < 0.01 ? "%.1f%%" : "%.0f%%", 100 * share);
    return text;
}

LengthSummary summary(const data::LengthStats& s) { return {s.count, s.min, s.max, s.mean, s.median, s.p95}; }

void problem(DatasetReport& r, const char* severity, const char* code, std::string message, int64_t line = -1) {
    r.problems.push_back({severity, code, std::move(message), line});
}

// Second pass: what each example says, kept as a few numbers a row (never the texts), so a 1 GB
// file is measured in memory that grows by ~40 bytes a row.
struct ExamplePass {
    std::vector<int64_t> lines;        // source line of each example
    std::vector<int64_t> charLengths;  // code points
    std::vector<int64_t> tokenLengths; // with a tokenizer
    data::DuplicateFinder duplicates{true};
    std::map<std::string, int64_t> labelCounts;  // trimmed label value → examples
    std::map<std::string, int64_t> labelSlot;    // trimmed label value → first-seen id (compared for conflicts)
    int64_t emptyTexts = 0, firstEmptyLine = -1;
    int64_t missingLabels = 0, firstMissingLabelLine = -1;
    // The label column's cells: numbers against words (a stray value in a label column).
    int64_t numberLabels = 0, wordLabels = 0, firstNumberLine = -1, firstWordLine = -1;
};

}  // namespace

Result<DatasetReport> analyzeDataset(const std::string& path, const DatasetReportOptions& options) {
    const bool classify = options.task != "causal_lm";
    if (options.task != "causal_lm" && options.task != "sequence_classification")
        return makeError("data.invalid_task", "--task must be sequence_classification or causal_lm, not '" + options.task + "'", {}, -1,
                         "task");
    const double schemaShare = options.modelPath.empty() ? 0.45 : 0.25;
    auto scanned = scanSchema(path, options, schemaShare);
    if (!scanned) return scanned.error();
    const data::StreamInfo& info = scanned->first;
    const data::Schema& schema = scanned->second;
    DatasetReport r;
    r.path = path;
    r.format = data::formatName(info.format);
    r.encoding = info.encoding;
    if (info.delimiter) r.delimiter = info.delimiter == '\t' ? "\\t" : std::string(1, info.delimiter);
    r.hasHeader = info.hasHeader;
    r.rows = info.rows;

    for (const auto& c : schema.columns) r.columns.push_back({c.name, data::columnTypeName(c.type), c.missing, c.distinct});
    for (int g : schema.groupColumns) r.groupColumns.push_back(info.columns[static_cast<size_t>(g)]);
    r.textColumn = !options.textColumn.empty() ? options.textColumn
                   : schema.textColumn >= 0   ? info.columns[static_cast<size_t>(schema.textColumn)]
                                              : std::string();
    if (r.textColumn.empty()) return makeError("data.no_text_column", "no column holds text; name one with --text-column", path);
    if (!hasColumn(info.columns, r.textColumn)) return unknownColumn(path, info.columns, r.textColumn, "text");
    if (classify) {
        r.labelColumn = !options.labelColumn.empty() ? options.labelColumn
                        : schema.labelColumn >= 0   ? info.columns[static_cast<size_t>(schema.labelColumn)]
                                                    : std::string();
        if (r.labelColumn.empty())
            return makeError("data.no_label_column", "no column looks like a label; name one with --label-column", path);
        if (!hasColumn(info.columns, r.labelColumn)) return unknownColumn(path, info.columns, r.labelColumn, "label");
    }

    std::optional<tok::Tokenizer> tokenizer;
    if (!options.modelPath.empty()) {
        auto loaded = tok::Tokenizer::load(options.modelPath);
        if (!loaded) return loaded.error();
        tokenizer.emplace(std::move(*loaded));
    }

    ExamplePass pass;
    CellLookup textOf(r.textColumn), labelOf(r.labelColumn);
    int64_t seen = 0;
    bool stopped = false;
    auto second = data::streamTable(
        path, readOptionsFor(options),
        [&](const std::vector<std::string>& columns, const std::vector<std::string>& values, int64_t line) {
            if (++seen % 256 == 0 && options.cancel && options.cancel->load()) return !(stopped = true);
            const std::string_view text = textOf(columns, values);
            int64_t slot = -1;
            if (classify) {
                const std::string_view raw = labelOf(columns, values);
                const std::string_view label = data::trimmed(raw);
                if (label.empty()) {
                    if (pass.missingLabels++ == 0) pass.firstMissingLabelLine = line;
                    return true;
                }
                if (data::isNumber(raw)) {
                    if (pass.numberLabels++ == 0) pass.firstNumberLine = line;
                } else if (pass.wordLabels++ == 0) {
                    pass.firstWordLine = line;
                }
                const std::string key(label);
                ++pass.labelCounts[key];
                slot = pass.labelSlot.emplace(key, static_cast<int64_t>(pass.labelSlot.size())).first->second;
            }
            pass.lines.push_back(line);
            pass.charLengths.push_back(data::codePointCount(text));
            if (tokenizer) pass.tokenLengths.push_back(static_cast<int64_t>(tokenizer->encode(text).ids.size()));
            if (data::trimmed(text).empty() && pass.emptyTexts++ == 0) pass.firstEmptyLine = line;
            pass.duplicates.add(text, slot);
            return true;
        },
        options.cancel, progressBetween(options, schemaShare, 0.95, tokenizer ? "tokens" : "reading"));
    if (!second) return second.error();
    if (stopped) return cancelled(path);

    r.emptyTexts = pass.emptyTexts;
    r.missingLabels = pass.missingLabels;
    std::vector<std::string> names;
    for (const auto& [name, count] : pass.labelCounts) names.push_back(name);
    names = data::orderedLabelNames(std::move(names));
    std::vector<int64_t> counts;
    for (const auto& name : names) counts.push_back(pass.labelCounts.at(name));
    const data::ClassBalance balance = data::classBalanceOfCounts(names, counts);
    for (size_t c = 0; c < balance.names.size(); ++c) r.classCounts.emplace_back(balance.names[c], balance.counts[c]);
    r.imbalanceRatio = balance.imbalanceRatio;
    r.charLengths = summary(data::lengthStatsOf(std::move(pass.charLengths)));
    const data::DuplicateReport duplicates = pass.duplicates.finish();
    r.exactDuplicateRows = duplicates.exactDuplicateRows;
    r.nearDuplicateRows = duplicates.nearDuplicateRows;
    r.conflictingLabelGroups = duplicates.conflictingLabelGroups;
    if (tokenizer) {
        std::vector<int64_t>& lengths = pass.tokenLengths;
        r.tokenLengths = summary(data::lengthStatsOf(lengths));
        const int64_t top = std::max<int64_t>(options.maxLength, r.tokenLengths.max);
        r.tokenBinWidth = std::max<int64_t>(1, (top + 39) / 40);
        r.tokenHistogram.assign(static_cast<size_t>(top / r.tokenBinWidth + 1), 0);
        for (int64_t n : lengths) {
            ++r.tokenHistogram[static_cast<size_t>(n / r.tokenBinWidth)];
            r.truncatedRows += n > options.maxLength;
        }
        r.truncatedShare = lengths.empty() ? 0 : double(r.truncatedRows) / double(lengths.size());
        std::sort(lengths.begin(), lengths.end());
        r.sortedTokenLengths = std::move(lengths);
    }

    const auto lineOf = [&](size_t example) { return pass.lines[example]; };
    r.skippedRows = info.skippedRows;
    if (info.skippedRows > 0) {
        std::string message = std::to_string(info.skippedRows) + " unreadable rows were left out; the first:";
        for (const Error& e : info.skippedExamples) message += "\n    " + e.describe();
        problem(r, "warning", "data.bad_rows_skipped", message, info.skippedExamples.front().line);
    }
    if (classify && pass.numberLabels > 0 && pass.wordLabels > 0) {
        const bool fewWords = pass.wordLabels <= pass.numberLabels;
        const int64_t line = fewWords ? pass.firstWordLine : pass.firstNumberLine;
        problem(r, "warning", "data.mixed_label_types",
                "the label column '" + r.labelColumn + "' mixes numbers (" + std::to_string(pass.numberLabels) + " rows) and text (" +
                    std::to_string(pass.wordLabels) + " rows); first " + (fewWords ? "text" : "number") + " at line " + std::to_string(line),
                line);
    }
    if (classify && r.classCounts.size() < 2)
        problem(r, "error", "data.single_class",
                "the label column '" + r.labelColumn + "' has " + (r.classCounts.empty() ? "no values" : "a single class ('" + r.classCounts[0].first + "')") +
                    "; classification needs at least two");
    if (r.missingLabels > 0)
        problem(r, "warning", "data.missing_labels", std::to_string(r.missingLabels) + " rows have no label and are skipped in training",
                pass.firstMissingLabelLine);
    if (r.emptyTexts > 0) problem(r, "warning", "data.empty_texts", std::to_string(r.emptyTexts) + " rows have an empty text", pass.firstEmptyLine);
    if (r.exactDuplicateRows > 0)
        problem(r, "warning", "data.duplicates",
                std::to_string(r.exactDuplicateRows) + " rows repeat an earlier text exactly (" + std::to_string(r.nearDuplicateRows) +
                    " up to case, spacing and punctuation)",
                lineOf(duplicates.exactGroups.front()[1]));
    else if (r.nearDuplicateRows > 0)
        problem(r, "warning", "data.near_duplicates",
                std::to_string(r.nearDuplicateRows) + " rows repeat an earlier text up to case, spacing and punctuation",
                lineOf(duplicates.nearGroups.front()[1]));
    if (r.conflictingLabelGroups > 0)
        problem(r, "warning", "data.conflicting_labels",
                std::to_string(r.conflictingLabelGroups) + " texts occur more than once with different labels");
    if (r.imbalanceRatio > 10)
        problem(r, "warning", "data.imbalanced",
                "the largest class is " + std::to_string(static_cast<int64_t>(std::lround(r.imbalanceRatio))) +
                    "x the smallest; consider a stratified split and watch per-class metrics");
    if (r.truncatedRows > 0)
        problem(r, "warning", "data.truncated",
                std::to_string(r.truncatedRows) + " texts (" + percent(r.truncatedShare) + ") are longer than max_length (" +
                    std::to_string(options.maxLength) + " tokens) and would be cut");

    if (!options.validation.empty()) {
        // The validation file's pass is not part of the progress shown.
        const data::TextFingerprints train = pass.duplicates.fingerprints();
        CellLookup validationText(r.textColumn);
        int64_t firstLeakLine = -1;
        auto v = data::streamTable(
            options.validation, readOptionsFor(options),
            [&](const std::vector<std::string>& columns, const std::vector<std::string>& values, int64_t line) {
                const std::string_view text = validationText(columns, values);
                ++r.validationRows;
                r.leakedExact += train.containsExact(text);
                if (train.containsNear(text) && r.leakedNear++ == 0) firstLeakLine = line;
                return true;
            },
            options.cancel);
        if (!v) return v.error();
        if (!hasColumn(v->columns, r.textColumn)) return unknownColumn(options.validation, v->columns, r.textColumn, "text");
        if (r.leakedNear > 0)
            problem(r, "warning", "data.leakage",
                    std::to_string(r.leakedNear) + " validation rows also occur in the training file (" + std::to_string(r.leakedExact) +
                        " exactly); validation scores will be optimistic",
                    firstLeakLine);
    }
    if (options.progress) options.progress(1.0, "done");
    return r;
}

std::string datasetReportToJson(const DatasetReport& r) {
    using json = nlohmann::ordered_json;  // keys in the order a reader expects: file, format, ..., problems
    const auto lengths = [](const LengthSummary& s) {
        return json{{"count", s.count}, {"min", s.min}, {"max", s.max}, {"mean", s.mean}, {"median", s.median}, {"p95", s.p95}};
    };
    json columns = json::array();
    for (const auto& c : r.columns) columns.push_back({{"name", c.name}, {"type", c.type}, {"missing", c.missing}, {"distinct", c.distinct}});
    json classes = json::array();
    for (const auto& [name, count] : r.classCounts) classes.push_back({{"label", name}, {"count", count}});
    json problems = json::array();
    for (const auto& p : r.problems)
        problems.push_back({{"severity", p.severity}, {"code", p.code}, {"message", p.message}, {"line", p.line}});
    json j = {{"file", r.path},
              {"format", r.format},
              {"encoding", r.encoding},
              {"delimiter", r.delimiter},
              {"header", r.hasHeader},
              {"rows", r.rows},
              {"skipped_rows", r.skippedRows},
              {"columns", columns},
              {"mapping", {{"text_column", r.textColumn}, {"label_column", r.labelColumn}, {"group_columns", r.groupColumns}}},
              {"statistics",
               {{"empty_texts", r.emptyTexts},
                {"missing_labels", r.missingLabels},
                {"classes", classes},
                {"imbalance_ratio", r.imbalanceRatio},
                {"char_lengths", lengths(r.charLengths)},
                {"token_lengths", lengths(r.tokenLengths)},
                {"token_histogram", {{"bin_width", r.tokenBinWidth}, {"counts", r.tokenHistogram}}},
                {"truncated_rows", r.truncatedRows},
                {"truncated_share", r.truncatedShare},
                {"exact_duplicate_rows", r.exactDuplicateRows},
                {"near_duplicate_rows", r.nearDuplicateRows},
                {"conflicting_label_groups", r.conflictingLabelGroups},
                {"validation_rows", r.validationRows},
                {"leaked_exact", r.leakedExact},
                {"leaked_near", r.leakedNear}}},
              {"problems", problems}};
    return j.dump(2) + "\n";
}

}  // namespace ft::api
