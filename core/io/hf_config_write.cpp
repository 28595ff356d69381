// Writing side of hf_config.h: one config.json that transformers 4.x and 5.x both load.
#include <string>

#include "core/io/hf_config.h"
#include "core/io/hf_config_fields.h"

namespace ft::io {
namespace {

using nlohmann::json;
using detail::FieldSpec;

template <class T>
json toJson(const T& v) { return json(v); }
template <class T>
json toJson(const std::optional<T>& v) { return v ? json(*v) : json(); }

template <class C>
void writeAll(json& out, const C& c, const std::vector<FieldSpec<C>>& specs, const std::string& modelType) {
    for (const FieldSpec<C>& s : specs) {
        // The canonical key is written; a stale alias copy would contradict it after edits.
        if (s.alias) out.erase(s.alias);
        if (s.onlyFor && modelType != s.onlyFor) continue;
        std::visit([&](auto member) { out[s.key] = toJson(c.*member); }, s.member);
    }
}

void writeLlama(json& out, const LlamaConfig& c, const std::string& modelType) {
    writeAll(out, c, detail::llamaFields(), modelType);
    out["num_key_value_heads"] = c.numKeyValueHeads;
    out["head_dim"] = c.headDim;
    // v4 reads top-level rope_theta + rope_scaling; v5 reads rope_parameters (and converts the v4 keys).
    out["rope_theta"] = c.ropeTheta;
    json params = c.ropeScaling.is_object() ? c.ropeScaling : json::object();
    params["rope_type"] = c.ropeType;
    out["rope_scaling"] = c.ropeType == "default" ? json() : params;
    params["rope_theta"] = c.ropeTheta;
    out["rope_parameters"] = params;
    if (modelType == "mistral" || modelType == "qwen2") out["sliding_window"] = toJson(c.slidingWindow);
    if (modelType == "qwen2" && !c.useSlidingWindow) out.erase("sliding_window");
}

json tokenId(const std::optional<int64_t>& id) { return id ? json(*id) : json(); }

}  // namespace

json toConfigJson(const ModelConfig& m) {
    json out = m.raw.is_object() ? m.raw : json::object();
    out["model_type"] = m.modelType;
    if (!m.architectures.empty()) out["architectures"] = m.architectures;
    std::visit(
        [&](const auto& c) {
            using C = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<C, Gpt2Config>) writeAll(out, c, detail::gpt2Fields(), m.modelType);
            else if constexpr (std::is_same_v<C, BertConfig>) writeAll(out, c, detail::bertFields(), m.modelType);
            else if constexpr (std::is_same_v<C, DistilBertConfig>)
                writeAll(out, c, detail::distilBertFields(), m.modelType);
            else if constexpr (std::is_same_v<C, T5Config>) {
                writeAll(out, c, detail::t5Fields(), m.modelType);
                out["is_encoder_decoder"] = true;
            }
            else writeLlama(out, c, m.modelType);
        },
        m.arch);

    out.erase("id2label");
    out.erase("label2id");
    out.erase("num_labels");  // derived from id2label; a stale count would contradict it
    if (!m.id2label.empty()) {
        json id2label = json::object(), label2id = json::object();
        for (size_t i = 0; i < m.id2label.size(); ++i) {
            id2label[std::to_string(i)] = m.id2label[i];
            label2id[m.id2label[i]] = static_cast<int64_t>(i);
        }
        out["id2label"] = id2label;
        out["label2id"] = label2id;
    }
    if (m.problemType.empty()) out.erase("problem_type");
    else out["problem_type"] = m.problemType;

    out["pad_token_id"] = tokenId(m.padTokenId);
    out["bos_token_id"] = tokenId(m.bosTokenId);
    if (m.eosTokenIds.size() > 1) out["eos_token_id"] = m.eosTokenIds;
    else out["eos_token_id"] = tokenId(m.eosTokenId);

    out.erase("torch_dtype");
    out.erase("dtype");
    if (!m.dtype.empty()) {
        out["torch_dtype"] = m.dtype;  // transformers 4.x
        out["dtype"] = m.dtype;        // transformers 5.x
    }
    return out;
}

}  // namespace ft::io
