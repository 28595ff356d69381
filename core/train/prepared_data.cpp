#include "core/train/prepared_data.h"

#include "core/train/seq2seq_examples.h"
#include "core/train/sft_examples.h"

#include <cctype>
#include <limits>
#include <map>
#include <optional>

#include "core/data/cell_types.h"
#include "core/data/classification_data.h"
#include "core/data/cleaning.h"
#include "core/data/reader.h"
#include "core/data/splits.h"

namespace ft::train {

namespace {

Result<int> requireColumn(const data::Table& table, const std::string& name, const char* field) {
    const int index = table.columnIndex(name);
    if (index >= 0) return index;
    std::string have;
    for (const auto& c : table.columns) have += (have.empty() ? "" : ", ") + c;
    return makeError("data.missing_column", "column '" + name + "' is not in the file (columns: " + have + ")",
                     table.source.string(), -1, field);
}

struct Columns {
    int text = -1, pair = -1, label = -1, target = -1;
    std::vector<int> groups;
};

Result<Columns> mapColumns(const data::Table& table, const api::JobConfig& job) {
    Columns c;
    if (job.data.format == api::DataFormat::Text) {   // instruction / chat formats map their own columns
        auto text = requireColumn(table, job.data.textColumn, "data.text_column");
        if (!text) return text.error();
        c.text = *text;
    }
    if (!job.data.textPairColumn.empty()) {
        auto pair = requireColumn(table, job.data.textPairColumn, "data.text_pair_column");
        if (!pair) return pair.error();
        c.pair = *pair;
    }
    if (job.task == api::Task::SequenceClassification) {
        auto label = requireColumn(table, job.data.labelColumn, "data.label_column");
        if (!label) return label.error();
        c.label = *label;
    }
    if (job.task == api::Task::Seq2SeqLM && job.data.format == api::DataFormat::Text) {
        auto target = requireColumn(table, job.data.targetColumn, "data.target_column");
        if (!target) return target.error();
        c.target = *target;
    }
    for (const auto& g : job.data.groupColumns) {
        auto group = requireColumn(table, g, "data.group_columns");
        if (!group) return group.error();
        c.groups.push_back(*group);
    }
    return c;
}

// data.cleaning on one file's table: trim, drop empty texts, deduplicate; a note per step that did something.
Status cleanTable(data::Table& table, const api::JobConfig& job, const char* fileRole, std::vector<std::string>& notes) {
    const auto& c = job.data.cleaning;
    if (c.trim) {
        std::vector<std::string> columns{job.data.textColumn};
        if (!job.data.textPairColumn.empty()) columns.push_back(job.data.textPairColumn);
        if (job.task == api::Task::SequenceClassification) columns.push_back(job.data.labelColumn);
        if (job.task == api::Task::Seq2SeqLM) columns.push_back(job.data.targetColumn);
        auto n = data::trimWhitespace(table, columns);
        if (!n) return n.error();
        if (*n > 0) notes.push_back(std::string(fileRole) + ": whitespace trimmed in " + std::to_string(*n) + " cells");
    }
    if (c.dropEmpty) {
        auto n = data::dropEmpty(table, job.data.textColumn);
        if (!n) return n.error();
        if (*n > 0) notes.push_back(std::string(fileRole) + ": " + std::to_string(*n) + " rows with an empty text dropped");
    }
    if (c.deduplicate != "none") {
        auto n = data::deduplicate(table, job.data.textColumn, c.deduplicate == "near");
        if (!n) return n.error();
        if (*n > 0)
            notes.push_back(std::string(fileRole) + ": " + std::to_string(*n) + " duplicate rows dropped (" + c.deduplicate + ")");
    }
    return Status::success();
}

std::string lowerTrimmed(const std::string& value) {
    std::string out(data::trimmed(value));
    for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

}  // namespace

std::string canonicalSplitName(const std::string& value) {
    const std::string v = lowerTrimmed(value);
    if (v == "train" || v == "training") return "train";
    if (v == "validation" || v == "valid" || v == "val" || v == "dev" || v == "eval") return "validation";
    if (v == "test" || v == "testing") return "test";
    return {};
}

std::vector<Example> packExamples(const std::vector<Example>& rows, int64_t blockLength, std::optional<int32_t> separator) {
    std::vector<int32_t> stream;
    for (const Example& row : rows) {
        stream.insert(stream.end(), row.ids.begin(), row.ids.end());
        if (separator) stream.push_back(*separator);
    }
    std::vector<Example> blocks;
    const size_t block = static_cast<size_t>(blockLength);
    // As run_clm's group_texts: whole blocks only; a stream shorter than one block is kept as it is.
    const size_t whole = stream.size() < block ? (stream.empty() ? 0 : 1) : stream.size() / block;
    for (size_t b = 0; b < whole; ++b) {
        Example ex;
        const size_t begin = b * block, end = std::min(stream.size(), begin + block);
        ex.ids.assign(stream.begin() + static_cast<std::ptrdiff_t>(begin), stream.begin() + static_cast<std::ptrdiff_t>(end));
        ex.row = static_cast<int64_t>(b);
        blocks.push_back(std::move(ex));
    }
    return blocks;
}

bool encodeExample(const tok::Tokenizer& tokenizer, const std::string& text, const std::string* pairText, int64_t maxLength,
                   bool classification, Example& ex) {
    auto enc = pairText ? tokenizer.encodePair(text, *pairText) : tokenizer.encode(text);
    ex.ids.assign(enc.ids.begin(), enc.ids.end());
    if (classification && tokenizer.specialTokens().eos && ex.ids.empty()) ex.ids.push_back(*tokenizer.specialTokens().eos);
    if (static_cast<int64_t>(ex.ids.size()) > maxLength) {
        ex.ids.resize(static_cast<size_t>(maxLength));
        return true;
    }
    return false;
}

Result<PreparedData> prepareData(const api::JobConfig& job, const tok::Tokenizer& tokenizer, const std::vector<std::string>* fixedLabels,
                                 const std::string& onlySplit) {
    data::ReadOptions readOptions;
    readOptions.skipBadRows = job.data.skipBadRows;
    readOptions.encoding = job.data.encoding;
    auto train = data::readTable(job.data.train, readOptions);
    if (!train) return train.error();
    if (train->rows.empty()) return makeError("data.empty", "the training file has no rows", job.data.train);
    auto columns = mapColumns(*train, job);
    if (!columns) return columns.error();
    const bool sft = job.data.format != api::DataFormat::Text;
    SftColumns sftColumns;
    if (sft) {
        auto mapped = mapSftColumns(train->columns, job.data, job.data.train);
        if (!mapped) return mapped.error();
        sftColumns = *mapped;
    }

    data::Table validation;
    const bool separateValidation = !job.data.validation.empty();
    if (separateValidation) {
        auto v = data::readTable(job.data.validation, readOptions);
        if (!v) return v.error();
        validation = std::move(*v);
        auto vc = mapColumns(validation, job);
        if (!vc) return vc.error();
        if (sft) {
            auto vs = mapSftColumns(validation.columns, job.data, job.data.validation);
            if (!vs) return vs.error();
            if (vs->prompt != sftColumns.prompt || vs->response != sftColumns.response || vs->input != sftColumns.input ||
                vs->messages != sftColumns.messages)
                return makeError("data.column_mismatch", "the validation file's columns are not in the same order as the training file's",
                                 job.data.validation);
        }
        if (vc->text != columns->text || vc->label != columns->label || vc->pair != columns->pair || vc->target != columns->target ||
            vc->groups != columns->groups)
            return makeError("data.column_mismatch", "the validation file's columns are not in the same order as the training file's",
                             job.data.validation);
    }

    PreparedData out;
    if (Status st = cleanTable(*train, job, "training file", out.cleaningNotes); !st) return st.error();
    if (separateValidation)
        if (Status st = cleanTable(validation, job, "validation file", out.cleaningNotes); !st) return st.error();
    if (train->rows.empty())
        return makeError("data.empty", "no training rows are left after cleaning (data.cleaning)", job.data.train, -1, "data.cleaning");
    for (const data::Table* table : {&*train, &validation}) {
        out.skippedBadRows += table->skippedRows;
        for (const Error& e : table->skippedExamples)
            if (out.skippedBadRowExamples.size() < data::kSkippedExamples) out.skippedBadRowExamples.push_back(e.describe());
    }
    const bool classify = job.task == api::Task::SequenceClassification;
    const bool textToText = job.task == api::Task::Seq2SeqLM;
    std::map<std::string, int64_t> labelId;
    if (classify && fixedLabels) {
        out.labels = *fixedLabels;
        for (size_t i = 0; i < out.labels.size(); ++i) labelId[out.labels[i]] = static_cast<int64_t>(i);
    } else if (classify) {
        // Label ids follow core/data's order: numeric labels numerically, others lexicographically.
        auto mapped = data::makeClassificationData(*train, job.data.textColumn, job.data.labelColumn);
        if (!mapped) return mapped.error();
        out.labels = mapped->labelNames;
        if (out.labels.size() < 2)
            return makeError("data.too_few_labels", "the label column '" + job.data.labelColumn + "' needs at least two different values",
                             job.data.train, -1, "data.label_column");
        for (size_t i = 0; i < out.labels.size(); ++i) labelId[out.labels[i]] = static_cast<int64_t>(i);
    }

    // Packed rows are encoded whole and cut into blocks afterwards.
    const int64_t maxLength = job.data.pack ? std::numeric_limits<int64_t>::max() : job.data.maxLength;
    auto encodeRow = [&](const std::vector<std::string>& row, Example& ex) {
        return encodeExample(tokenizer, row[columns->text], columns->pair >= 0 ? &row[columns->pair] : nullptr, maxLength, classify, ex);
    };

    // Split the training table unless a validation file was given: stratified by label, seeded.
    std::vector<size_t> trainRows, validationRows;
    const data::Table* validationTable = &validation;
    if (separateValidation) {
        for (size_t i = 0; i < train->rows.size(); ++i) trainRows.push_back(i);
        for (size_t i = 0; i < validation.rows.size(); ++i) validationRows.push_back(i);
    } else if (!job.data.splitColumn.empty()) {
        // The file says which split each row is in.
        auto splitColumn = requireColumn(*train, job.data.splitColumn, "data.split_column");
        if (!splitColumn) return splitColumn.error();
        for (size_t i = 0; i < train->rows.size(); ++i) {
            const std::string& value = train->rows[i][static_cast<size_t>(*splitColumn)];
            const std::string split = canonicalSplitName(value);
            if (split.empty())
                return makeError("data.invalid_split", "the split column says '" + value +
                                                           "'; each row needs train, validation (valid, val, dev) or test",
                                 train->source.string(), train->sourceLines[i], job.data.splitColumn);
            if (!onlySplit.empty()) {
                if (split == onlySplit) validationRows.push_back(i);
            } else if (split == "train") {
                trainRows.push_back(i);
            } else if (split == "validation") {
                validationRows.push_back(i);
            } else {
                ++out.testRowsHeldOut;
            }
        }
        validationTable = &*train;  // the same table, other rows (no copy)
        if (!onlySplit.empty() && validationRows.empty())
            return makeError("data.empty", "no row of the split column '" + job.data.splitColumn + "' says " + onlySplit, job.data.train, -1,
                             "data.split_column");
        if (!onlySplit.empty()) trainRows = validationRows;  // the labels must come from somewhere: these rows' own
    } else {
        // Stratified by label (rows without a label are skipped later), one stratum for language modelling;
        // with stratify_by_group, by label and the group columns' values together.
        std::vector<int64_t> strata(train->rows.size(), 0);
        std::map<std::string, int64_t> strataIds;
        for (size_t i = 0; i < train->rows.size(); ++i) {
            const auto& row = train->rows[i];
            int64_t label = 0;
            if (classify) {
                auto it = labelId.find(row[columns->label]);
                label = it == labelId.end() ? 0 : it->second;
            }
            if (!job.data.stratifyByGroup) {
                strata[i] = label;
                continue;
            }
            std::string key = std::to_string(label);
            for (int g : columns->groups) key += '\x1f' + row[static_cast<size_t>(g)];
            strata[i] = strataIds.emplace(key, static_cast<int64_t>(strataIds.size())).first->second;
        }
        data::SplitFractions fractions;
        fractions.validation = job.data.validationFraction;
        fractions.test = 0;
        fractions.train = 1.0 - fractions.validation;
        auto split = data::stratifiedSplit(strata, fractions, job.training.seed);
        if (!split) return split.error();
        trainRows = split->train;
        validationRows = split->validation;
        validationTable = &*train;  // the same table, other rows (no copy)
    }
    if (classify && job.data.fewShotPerClass > 0) {
        // k seeded examples per class of the training split; the validation split stays whole.
        std::vector<int64_t> labels;
        for (size_t r : trainRows) {
            auto it = labelId.find(train->rows[r][columns->label]);
            labels.push_back(it == labelId.end() ? -1 : it->second);
        }
        const data::KShot shot = data::kShotPerClass(labels, job.data.fewShotPerClass, job.training.seed);
        std::vector<size_t> kept;
        for (size_t i : shot.indices) kept.push_back(trainRows[i]);
        trainRows = std::move(kept);
        for (int64_t c : shot.shortClasses) out.fewShotShortClasses.push_back(out.labels[static_cast<size_t>(c)]);
    }
    const bool augment = job.data.augmentation.enabled;

    auto build = [&](const data::Table& table, const std::vector<size_t>& rows, bool isValidation) -> Status {
        for (size_t r : rows) {
            const auto& row = table.rows[r];
            Example ex;
            ex.row = static_cast<int64_t>(r);
            if (classify) {
                const std::string& value = row[columns->label];
                if (value.empty()) {
                    if (!job.data.cleaning.dropMissingLabel)
                        return makeError("data.missing_label", "this row has no label (data.cleaning.drop_missing_label is off)",
                                         table.source.string(), table.sourceLines[r], job.data.labelColumn);
                    ++out.skippedMissingLabel;
                    continue;
                }
                auto it = labelId.find(value);
                if (it == labelId.end()) {
                    std::string known;
                    for (const auto& l : out.labels) known += (known.empty() ? "" : ", ") + l;
                    return makeError("data.unknown_label",
                                     "label '" + value + "' " +
                                         (fixedLabels ? "is not one of the model's labels (" + known + ")" : "does not occur in the training data"),
                                     table.source.string(), table.sourceLines[r], job.data.labelColumn);
                }
                ex.label = it->second;
            }
            bool cut = false;
            if (textToText) {
                const std::string& source = sft ? row[static_cast<size_t>(sftColumns.prompt)] : row[columns->text];
                const std::string& target = sft ? row[static_cast<size_t>(sftColumns.response)] : row[columns->target];
                cut = encodeSeq2SeqExample(tokenizer, source, target, job.data.maxLength, job.data.maxTargetLength, ex);
            } else if (sft) {
                auto encoded = encodeSftRow(tokenizer, row, sftColumns, job.data, maxLength, ex);
                if (!encoded) {
                    Error e = encoded.error();
                    e.file = table.source.string();
                    e.line = table.sourceLines[r];
                    return e;
                }
                cut = *encoded;
            } else {
                cut = encodeRow(row, ex);
            }
            if (ex.ids.empty()) continue;  // empty text in an LM corpus: nothing to learn from
            if (isValidation) {
                std::vector<std::string> groups;
                for (int g : columns->groups) groups.push_back(row[g]);
                out.validationGroups.push_back(std::move(groups));
                out.validationTexts.push_back(sft ? sftDisplayText(row, sftColumns, job.data) : row[columns->text]);
                out.validationPairTexts.push_back(columns->pair >= 0 ? row[columns->pair] : std::string());
                out.validationLines.push_back(table.sourceLines[r]);
                out.validation.push_back(std::move(ex));
            } else {
                out.truncated += cut ? 1 : 0;
                out.train.push_back(std::move(ex));
                if (augment) {
                    out.trainTexts.push_back(row[columns->text]);
                    out.trainPairTexts.push_back(columns->pair >= 0 ? row[columns->pair] : std::string());
                }
            }
        }
        return Status::success();
    };
    if (Status st = build(*train, trainRows, false); !st) return st.error();
    if (Status st = build(*validationTable, validationRows, true); !st) return st.error();
    if (job.data.pack) {
        const std::optional<int32_t> eos = tokenizer.specialTokens().eos;
        out.train = packExamples(out.train, job.data.maxLength, eos);
        out.validation = packExamples(out.validation, job.data.maxLength, eos);
        // A block spans several rows: no per-row groups, texts or lines (nothing to slice or swap).
        out.validationGroups.clear();
        out.validationTexts.clear();
        out.validationPairTexts.clear();
        out.validationLines.clear();
    }
    if (out.train.empty()) return makeError("data.empty", "no usable training examples after splitting", job.data.train);
    if (out.validation.empty())
        return makeError("data.empty", "the validation split is empty: add rows or raise validation_fraction", job.data.train, -1,
                         "data.validation_fraction");
    return out;
}

}  // namespace ft::train
