#include "core/train/before_after.h"

#include <cmath>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/io/atomic_file.h"
#include "core/train/prepared_data.h"

namespace ft::train {

using nlohmann::json;

Result<std::vector<Example>> referenceBlocks(const tok::Tokenizer& tokenizer, const std::filesystem::path& file,
                                             int64_t blockLength, size_t maxBlocks) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return makeError("data.file_not_found", "cannot read the reference text", file.string(), -1, "evaluation.reference_text");
    std::vector<Example> rows;
    int64_t tokens = 0;
    const int64_t enough = blockLength * static_cast<int64_t>(maxBlocks) + blockLength;
    for (std::string line; tokens < enough && std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        Example ex;
        const auto enc = tokenizer.encode(line);
        ex.ids.assign(enc.ids.begin(), enc.ids.end());
        tokens += static_cast<int64_t>(ex.ids.size()) + 1;
        rows.push_back(std::move(ex));
    }
    std::vector<Example> blocks = packExamples(rows, blockLength, tokenizer.specialTokens().eos);
    if (blocks.size() > maxBlocks) blocks.resize(maxBlocks);
    if (blocks.empty() || blocks.front().ids.size() < 2)
        return makeError("data.empty", "the reference text has too little text to score", file.string(), -1, "evaluation.reference_text");
    return blocks;
}

ReferenceScore scoreReference(models::Model& model, const std::vector<Example>& blocks, int64_t batchSize, int64_t padId,
                              const torch::Device& device) {
    const EvalSummary s = evaluate(model, blocks, batchSize, padId, 0, device, true);
    ReferenceScore r;
    r.perplexity = s.perplexity;
    for (const auto& row : s.rows) r.tokens += row.tokenCount;
    return r;
}

namespace {

json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
double numberOr(const json& j, const char* key, double fallback) {
    return j.contains(key) && j[key].is_number() ? j[key].get<double>() : fallback;
}

}  // namespace

Status writeBeforeTraining(const std::filesystem::path& file, const BeforeTrainingMeasure& m) {
    json j = json::object();
    if (m.validation)
        j["validation"] = {{"loss", number(m.validation->loss)}, {"accuracy", number(m.validation->accuracy)},
                           {"f1_macro", number(m.validation->f1Macro)}, {"perplexity", number(m.validation->perplexity)}};
    if (m.reference) j["reference"] = {{"perplexity", number(m.reference->perplexity)}, {"tokens", m.reference->tokens}};
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    return io::writeFileAtomic(file, j.dump(2) + "\n");
}

std::optional<BeforeTrainingMeasure> readBeforeTraining(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return std::nullopt;
    json j = json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return std::nullopt;
    BeforeTrainingMeasure m;
    if (j.contains("validation") && j["validation"].is_object()) {
        const json& v = j["validation"];
        EvalSummary s;
        s.loss = numberOr(v, "loss", std::nan(""));
        s.accuracy = numberOr(v, "accuracy", -1);
        s.f1Macro = numberOr(v, "f1_macro", -1);
        s.perplexity = numberOr(v, "perplexity", -1);
        m.validation = s;
    }
    if (j.contains("reference") && j["reference"].is_object()) {
        ReferenceScore r;
        r.perplexity = numberOr(j["reference"], "perplexity", -1);
        r.tokens = static_cast<int64_t>(numberOr(j["reference"], "tokens", 0));
        m.reference = r;
    }
    return m;
}

void addBeforeAfter(eval::EvalReport& report, const BeforeTrainingMeasure& before, const std::optional<ReferenceScore>& after,
                    const std::string& referencePath) {
    const auto metric = [](double v, bool applies, const char* why) {
        return applies && std::isfinite(v) ? eval::MetricValue::of(v) : eval::MetricValue::undefined(why);
    };
    if (before.validation) {
        const EvalSummary& v = *before.validation;
        const bool causal = report.task != "classification";  // a language model: causal_lm or seq2seq_lm
        eval::BeforeTraining b;
        b.loss = metric(v.loss, true, "not_measured");
        b.accuracy = metric(v.accuracy, !causal, "causal_lm");
        b.f1Macro = metric(v.f1Macro, !causal, "causal_lm");
        b.perplexity = metric(v.perplexity, causal, "classification");
        report.beforeTraining = b;
    }
    if (before.reference && after) {
        eval::ForgettingCheck f;
        f.reference = referencePath;
        f.tokens = after->tokens;
        f.perplexityBefore = metric(before.reference->perplexity, true, "not_measured");
        f.perplexityAfter = metric(after->perplexity, true, "not_measured");
        f.change = f.perplexityBefore.defined && f.perplexityAfter.defined && before.reference->perplexity > 0
                       ? eval::MetricValue::of(after->perplexity / before.reference->perplexity - 1.0)
                       : eval::MetricValue::undefined("not_measured");
        report.forgetting = f;
    }
}

}  // namespace ft::train
