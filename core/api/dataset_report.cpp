#include "core/api/dataset_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include <nlohmann/json.hpp>

#include "core/data/cell_types.h"
#include "core/data/classification_data.h"
#include "core/data/reader.h"
#include "core/data/schema.h"
#include "core/data/stats.h"
#include "core/tokenize/tokenizer.h"

namespace ft::api {

namespace {

// Reading is the first `share` of the pass's progress.
Result<std::pair<data::Table, data::StreamInfo>> readWithInfo(const std::string& path, const DatasetReportOptions& report, double share) {
    data::Table table;
    table.source = path;
    data::ReadOptions options;
    options.skipBadRows = report.skipBadRows;
    data::ProgressCallback progress;
    if (report.progress)
        progress = [&](int64_t done, int64_t total) { report.progress(total > 0 ? share * double(done) / double(total) : 0, "reading"); };
    auto info = data::streamTable(
        path, options,
        [&](const std::vector<std::string>&, const std::vector<std::string>& values, int64_t line) {
            table.rows.push_back(values);
            table.sourceLines.push_back(line);
            return true;
        },
        report.cancel, progress);
    if (!info) return info.error();
    table.columns = info->columns;
    for (auto& row : table.rows) row.resize(table.columns.size());
    return std::make_pair(std::move(table), std::move(*info));
}

Result<int> columnNamed(const data::Table& table, const std::string& name, const char* role) {
    const int index = table.columnIndex(name);
    if (index >= 0) return index;
    std::string have;
    for (const auto& c : table.columns) have += (have.empty() ? "" : ", ") + c;
    return makeError("data.unknown_column", std::string("the ") + role + " column '" + name + "' is not in the file (columns: " + have + ")",
                     table.source.string(), -1, name);
}

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

// A label column whose values are partly numbers and partly words usually holds a stray value.
void checkLabelTypes(const data::Table& table, int label, DatasetReport& r) {
    int64_t numbers = 0, words = 0, firstWordLine = -1, firstNumberLine = -1;
    for (size_t i = 0; i < table.rows.size(); ++i) {
        const std::string& v = table.rows[i][static_cast<size_t>(label)];
        if (data::trimmed(v).empty()) continue;
        if (data::isNumber(v)) {
            if (numbers++ == 0) firstNumberLine = table.sourceLines[i];
        } else if (words++ == 0) {
            firstWordLine = table.sourceLines[i];
        }
    }
    if (numbers == 0 || words == 0) return;
    const bool fewWords = words <= numbers;
    problem(r, "warning", "data.mixed_label_types",
            "the label column '" + r.labelColumn + "' mixes numbers (" + std::to_string(numbers) + " rows) and text (" +
                std::to_string(words) + " rows); first " + (fewWords ? "text" : "number") + " at line " +
                std::to_string(fewWords ? firstWordLine : firstNumberLine),
            fewWords ? firstWordLine : firstNumberLine);
}

}  // namespace

Result<DatasetReport> analyzeDataset(const std::string& path, const DatasetReportOptions& options) {
    const bool classify = options.task != "causal_lm";
    if (options.task != "causal_lm" && options.task != "sequence_classification")
        return makeError("data.invalid_task", "--task must be sequence_classification or causal_lm, not '" + options.task + "'", {}, -1,
                         "task");
    const double readShare = options.modelPath.empty() ? 0.9 : 0.5;
    auto read = readWithInfo(path, options, readShare);
    if (!read) return read.error();
    const data::Table& table = read->first;
    const data::StreamInfo& info = read->second;
    DatasetReport r;
    r.path = path;
    r.format = data::formatName(info.format);
    r.encoding = info.encoding;
    if (info.delimiter) r.delimiter = info.delimiter == '\t' ? "\\t" : std::string(1, info.delimiter);
    r.hasHeader = info.hasHeader;
    r.rows = static_cast<int64_t>(table.rows.size());

    const data::Schema schema = data::inferSchema(table);
    for (const auto& c : schema.columns) r.columns.push_back({c.name, data::columnTypeName(c.type), c.missing, c.distinct});
    for (int g : schema.groupColumns) r.groupColumns.push_back(table.columns[static_cast<size_t>(g)]);
    r.textColumn = !options.textColumn.empty() ? options.textColumn
                   : schema.textColumn >= 0   ? table.columns[static_cast<size_t>(schema.textColumn)]
                                              : std::string();
    if (r.textColumn.empty()) return makeError("data.no_text_column", "no column holds text; name one with --text-column", path);
    auto text = columnNamed(table, r.textColumn, "text");
    if (!text) return text.error();

    std::optional<tok::Tokenizer> tokenizer;
    if (!options.modelPath.empty()) {
        auto loaded = tok::Tokenizer::load(options.modelPath);
        if (!loaded) return loaded.error();
        tokenizer.emplace(std::move(*loaded));
    }
    const data::TokenCounter counter = tokenizer ? data::TokenCounter([&](std::string_view t) {
        return static_cast<int>(tokenizer->encode(t).ids.size());
    })
                                                 : data::TokenCounter();

    data::ClassificationData examples;
    if (classify) {
        r.labelColumn = !options.labelColumn.empty() ? options.labelColumn
                        : schema.labelColumn >= 0   ? table.columns[static_cast<size_t>(schema.labelColumn)]
                                                    : std::string();
        if (r.labelColumn.empty())
            return makeError("data.no_label_column", "no column looks like a label; name one with --label-column", path);
        auto label = columnNamed(table, r.labelColumn, "label");
        if (!label) return label.error();
        auto mapped = data::makeClassificationData(table, r.textColumn, r.labelColumn);
        if (!mapped) return mapped.error();
        examples = std::move(*mapped);
        checkLabelTypes(table, *label, r);
    } else {
        for (size_t i = 0; i < table.rows.size(); ++i) {
            examples.texts.push_back(table.rows[i][static_cast<size_t>(*text)]);
            examples.tableRows.push_back(i);
        }
    }
    // Token lengths once, each row's (the statistics below count characters only).
    std::vector<int64_t> lengths;
    if (tokenizer) {
        lengths.reserve(examples.texts.size());
        for (size_t i = 0; i < examples.texts.size(); ++i) {
            if (i % 256 == 0) {
                if (options.cancel && options.cancel->load()) return makeError("data.cancelled", "the pass over the file was cancelled", path);
                if (options.progress)
                    options.progress(readShare + (0.95 - readShare) * double(i) / double(examples.texts.size()), "tokens");
            }
            lengths.push_back(counter(examples.texts[i]));
        }
    }
    const data::DatasetStats stats = data::computeStats(examples);
    r.emptyTexts = stats.emptyTexts;
    r.missingLabels = stats.missingLabels;
    for (size_t c = 0; c < stats.balance.names.size(); ++c) r.classCounts.emplace_back(stats.balance.names[c], stats.balance.counts[c]);
    r.imbalanceRatio = stats.balance.imbalanceRatio;
    r.charLengths = summary(stats.charLengths);
    r.exactDuplicateRows = stats.duplicates.exactDuplicateRows;
    r.nearDuplicateRows = stats.duplicates.nearDuplicateRows;
    r.conflictingLabelGroups = stats.duplicates.conflictingLabelGroups;
    if (tokenizer) {
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

    const auto lineOf = [&](size_t example) { return table.sourceLines[examples.tableRows[example]]; };
    r.skippedRows = info.skippedRows;
    if (info.skippedRows > 0) {
        std::string message = std::to_string(info.skippedRows) + " unreadable rows were left out; the first:";
        for (const Error& e : info.skippedExamples) message += "\n    " + e.describe();
        problem(r, "warning", "data.bad_rows_skipped", message, info.skippedExamples.front().line);
    }
    if (classify && r.classCounts.size() < 2)
        problem(r, "error", "data.single_class",
                "the label column '" + r.labelColumn + "' has " + (r.classCounts.empty() ? "no values" : "a single class ('" + r.classCounts[0].first + "')") +
                    "; classification needs at least two");
    if (r.missingLabels > 0)
        problem(r, "warning", "data.missing_labels",
                std::to_string(r.missingLabels) + " rows have no label and are skipped in training",
                examples.missingLabelLines.empty() ? -1 : examples.missingLabelLines.front());
    if (r.emptyTexts > 0) {
        int64_t first = -1;
        for (size_t i = 0; i < examples.texts.size() && first < 0; ++i)
            if (data::trimmed(examples.texts[i]).empty()) first = lineOf(i);
        problem(r, "warning", "data.empty_texts", std::to_string(r.emptyTexts) + " rows have an empty text", first);
    }
    if (r.exactDuplicateRows > 0)
        problem(r, "warning", "data.duplicates",
                std::to_string(r.exactDuplicateRows) + " rows repeat an earlier text exactly (" + std::to_string(r.nearDuplicateRows) +
                    " up to case, spacing and punctuation)",
                lineOf(stats.duplicates.exactGroups.front()[1]));
    else if (r.nearDuplicateRows > 0)
        problem(r, "warning", "data.near_duplicates",
                std::to_string(r.nearDuplicateRows) + " rows repeat an earlier text up to case, spacing and punctuation",
                lineOf(stats.duplicates.nearGroups.front()[1]));
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
        DatasetReportOptions quiet = options;  // the validation file's read is not part of the progress shown
        quiet.progress = {};
        auto validation = readWithInfo(options.validation, quiet, 0);
        if (!validation) return validation.error();
        auto vtext = columnNamed(validation->first, r.textColumn, "text");
        if (!vtext) return vtext.error();
        std::vector<std::string> vtexts;
        for (const auto& row : validation->first.rows) vtexts.push_back(row[static_cast<size_t>(*vtext)]);
        const data::LeakageReport leak = data::findOverlap(examples.texts, vtexts);
        r.validationRows = static_cast<int64_t>(vtexts.size());
        r.leakedExact = static_cast<int64_t>(leak.exactOverlap.size());
        r.leakedNear = static_cast<int64_t>(leak.nearOverlap.size());
        if (r.leakedNear > 0)
            problem(r, "warning", "data.leakage",
                    std::to_string(r.leakedNear) + " validation rows also occur in the training file (" + std::to_string(r.leakedExact) +
                        " exactly); validation scores will be optimistic",
                    validation->first.sourceLines[leak.nearOverlap.front()]);
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
