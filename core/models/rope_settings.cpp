// rope_scaling (rope_parameters in transformers v5) → RopeSettings, with errors that name the field.
#include <cmath>
#include <optional>
#include <utility>

#include "core/models/rope.h"

namespace ft::models {

namespace {

const char* kSupported = "supported: default, linear, dynamic, llama3, yarn";

Error ropeError(const std::string& message, const std::string& field) {
    return makeError("model.unsupported_rope", message, {}, -1, field);
}

// rope_scaling[key] as a number; nullopt when absent or null.
Result<std::optional<double>> number(const io::LlamaConfig& c, const char* key) {
    const auto& s = c.ropeScaling;
    if (!s.is_object() || !s.contains(key) || s[key].is_null()) return std::optional<double>();
    if (!s[key].is_number())
        return ropeError(c.ropeType + " RoPE scaling: rope_scaling." + key + " must be a number", std::string("rope_scaling.") + key);
    return std::optional<double>(s[key].get<double>());
}

// rope_scaling[key] as a positive number, required.
Result<double> required(const io::LlamaConfig& c, const char* key) {
    auto v = number(c, key);
    if (!v) return v.error();
    if (!*v || !(**v > 0))
        return ropeError(c.ropeType + " RoPE scaling needs a positive rope_scaling." + key, std::string("rope_scaling.") + key);
    return **v;
}

Status readLlama3(const io::LlamaConfig& c, RopeSettings& r) {
    const std::pair<const char*, double*> fields[] = {
        {"factor", &r.factor}, {"low_freq_factor", &r.lowFreqFactor}, {"high_freq_factor", &r.highFreqFactor}};
    for (const auto& [key, target] : fields) {
        auto v = required(c, key);
        if (!v) return v.error();
        *target = *v;
    }
    auto original = required(c, "original_max_position_embeddings");
    if (!original) return original.error();
    r.originalMaxPositions = int64_t(*original);
    if (!(r.highFreqFactor > r.lowFreqFactor))
        return ropeError("llama3 RoPE scaling needs rope_scaling.high_freq_factor greater than low_freq_factor",
                         "rope_scaling.high_freq_factor");
    return {};
}

// transformers v5: factor as given (else max / original), the correction range measured on the original
// length (else max_position_embeddings), attention_factor given or from the mscale rule.
Status readYarn(const io::LlamaConfig& c, RopeSettings& r) {
    auto factor = number(c, "factor"), original = number(c, "original_max_position_embeddings");
    auto attention = number(c, "attention_factor"), mscale = number(c, "mscale"), mscaleAllDim = number(c, "mscale_all_dim");
    auto betaFast = number(c, "beta_fast"), betaSlow = number(c, "beta_slow");
    for (const auto* v : {&factor, &original, &attention, &mscale, &mscaleAllDim, &betaFast, &betaSlow})
        if (!v->ok()) return v->error();
    r.originalMaxPositions = *original ? int64_t(**original) : c.maxPositionEmbeddings;
    if (r.originalMaxPositions <= 0)
        return ropeError("yarn RoPE scaling needs a positive rope_scaling.original_max_position_embeddings",
                         "rope_scaling.original_max_position_embeddings");
    r.factor = *factor ? **factor : double(c.maxPositionEmbeddings) / double(r.originalMaxPositions);
    if (!(r.factor > 0)) return ropeError("yarn RoPE scaling needs a positive rope_scaling.factor", "rope_scaling.factor");
    auto mscaleOf = [](double scale, double m) { return scale <= 1 ? 1.0 : 0.1 * m * std::log(scale) + 1.0; };
    if (*attention) r.attentionFactor = **attention;
    else if (*mscale && *mscaleAllDim && **mscale != 0 && **mscaleAllDim != 0)
        r.attentionFactor = mscaleOf(r.factor, **mscale) / mscaleOf(r.factor, **mscaleAllDim);
    else r.attentionFactor = mscaleOf(r.factor, 1.0);
    // Python's `x or default`: a missing, null or zero beta takes the paper's value.
    r.betaFast = *betaFast && **betaFast != 0 ? **betaFast : 32.0;
    r.betaSlow = *betaSlow && **betaSlow != 0 ? **betaSlow : 1.0;
    const auto& s = c.ropeScaling;
    if (s.contains("truncate") && !s["truncate"].is_null()) {
        if (!s["truncate"].is_boolean()) return ropeError("yarn RoPE scaling: rope_scaling.truncate must be true or false", "rope_scaling.truncate");
        r.truncate = s["truncate"].get<bool>();
    }
    return {};
}

}  // namespace

Result<RopeSettings> ropeSettings(const io::LlamaConfig& config) {
    RopeSettings rope;
    rope.theta = config.ropeTheta;
    rope.maxPositions = config.maxPositionEmbeddings;
    const std::string& type = config.ropeType;
    if (type == "default") return rope;
    if (type == "linear" || type == "dynamic") {
        rope.type = type == "linear" ? RopeType::Linear : RopeType::Dynamic;
        auto factor = required(config, "factor");
        if (!factor) return factor.error();
        rope.factor = *factor;
        return rope;
    }
    if (type == "llama3") {
        rope.type = RopeType::Llama3;
        if (Status st = readLlama3(config, rope); !st) return st.error();
        return rope;
    }
    if (type == "yarn") {
        rope.type = RopeType::Yarn;
        if (Status st = readYarn(config, rope); !st) return st.error();
        return rope;
    }
    return ropeError("RoPE type '" + type + "' (config.json rope_scaling.rope_type) is not implemented; " + kSupported,
                     "rope_scaling.rope_type");
}

}  // namespace ft::models
