// Reading side of hf_config.h.
#include "core/io/hf_config.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "core/io/hf_config_fields.h"

namespace ft::io {
namespace {

using nlohmann::json;
using detail::FieldSpec;

// Reads typed keys, remembering every key of the wrong type so one message can list them all.
class FieldReader {
public:
    FieldReader(const json& j, std::string file) : m_j(j), m_file(std::move(file)) {}

    // Canonical key first, then its alias; JSON null counts as absent (the class default applies).
    const json* lookup(const char* key, const char* alias = nullptr) const {
        for (const char* k : {key, alias})
            if (k && m_j.contains(k) && !m_j[k].is_null()) return &m_j[k];
        return nullptr;
    }
    bool present(const char* key) const { return m_j.contains(key); }

    void read(const char* key, const char* alias, int64_t& out) {
        if (const json* v = lookup(key, alias)) {
            if (v->is_number_integer()) out = v->get<int64_t>();
            else bad(key, "an integer", *v);
        }
    }
    void read(const char* key, const char* alias, double& out) {
        if (const json* v = lookup(key, alias)) {
            if (v->is_number()) out = v->get<double>();
            else bad(key, "a number", *v);
        }
    }
    void read(const char* key, const char* alias, bool& out) {
        if (const json* v = lookup(key, alias)) {
            if (v->is_boolean()) out = v->get<bool>();
            else bad(key, "true or false", *v);
        }
    }
    void read(const char* key, const char* alias, std::string& out) {
        if (const json* v = lookup(key, alias)) {
            if (v->is_string()) out = v->get<std::string>();
            else bad(key, "a string", *v);
        }
    }
    template <class T>
    void read(const char* key, const char* alias, std::optional<T>& out) {
        if (const json* v = lookup(key, alias)) {
            T value{};
            read(key, alias, value);
            out = value;
        } else if (present(key)) {
            out.reset();  // explicit null
        }
    }

    template <class C>
    void readAll(C& c, const std::vector<FieldSpec<C>>& specs, const std::string& modelType) {
        for (const FieldSpec<C>& s : specs) {
            if (s.onlyFor && modelType != s.onlyFor) continue;
            std::visit([&](auto member) { read(s.key, s.alias, c.*member); }, s.member);
        }
    }

    // Token ids: an integer, a list of integers (first wins), or null; absent keeps the class default.
    void tokenIds(const char* key, std::optional<int64_t>& first, std::vector<int64_t>* all) {
        if (!present(key)) {
            if (all && first) *all = {*first};
            return;
        }
        const json& v = m_j[key];
        first.reset();
        if (all) all->clear();
        if (v.is_null()) return;
        if (v.is_number_integer()) {
            first = v.get<int64_t>();
        } else if (v.is_array()) {
            for (const json& e : v) {
                if (!e.is_number_integer()) return bad(key, "an integer or a list of integers", v);
                if (all) all->push_back(e.get<int64_t>());
                if (!first) first = e.get<int64_t>();
            }
        } else {
            return bad(key, "an integer or a list of integers", v);
        }
        if (all && all->empty() && first) *all = {*first};
    }

    void bad(const std::string& key, const std::string& expected, const json& got) {
        m_bad.push_back("\"" + key + "\" must be " + expected + ", not " + got.dump());
    }
    void invalid(const std::string& key, const std::string& why) { m_bad.push_back("\"" + key + "\" " + why); }

    Status status() const {
        if (m_bad.empty()) return Status::success();
        std::string msg = "Invalid config " + m_file + ": ";
        for (size_t i = 0; i < m_bad.size(); ++i) msg += (i ? "; " : "") + m_bad[i];
        const std::string& first = m_bad.front();
        return makeError("config.invalid_field", msg + ".", m_file, -1, first.substr(1, first.find('"', 1) - 1));
    }

    const json& j() const { return m_j; }

private:
    const json& m_j;
    std::string m_file;
    std::vector<std::string> m_bad;
};

void readRope(FieldReader& r, LlamaConfig& c) {
    r.read("rope_theta", nullptr, c.ropeTheta);  // v4 layout
    // v5 renamed rope_scaling to rope_parameters and moved rope_theta into it. With both present, v5
    // takes a non-empty rope_scaling (`rope_scaling or rope_parameters`); rope_theta then comes from it,
    // else from the top level.
    const json* scaling = r.lookup("rope_scaling");
    const bool scalingWins = scaling && !(scaling->is_object() && scaling->empty());
    const json* rope = scalingWins ? scaling : r.lookup("rope_parameters");
    const char* ropeKey = scalingWins ? "rope_scaling" : "rope_parameters";
    if (!rope) return;
    if (!rope->is_object()) return r.bad(ropeKey, "an object", *rope);
    json params = *rope;
    if (params.contains("full_attention") && params["full_attention"].is_object())
        params = params["full_attention"];  // per-layer-type form: the full-attention layers use the base theta
    if (params.contains("rope_theta")) {
        if (!params["rope_theta"].is_number()) return r.bad(std::string(ropeKey) + ".rope_theta", "a number", params["rope_theta"]);
        c.ropeTheta = params["rope_theta"].get<double>();
        params.erase("rope_theta");
    }
    if (params.contains("type") && !params.contains("rope_type")) params["rope_type"] = params["type"];
    params.erase("type");
    if (params.contains("rope_type")) {
        if (!params["rope_type"].is_string()) return r.bad(std::string(ropeKey) + ".rope_type", "a string", params["rope_type"]);
        c.ropeType = params["rope_type"].get<std::string>();
    }
    c.ropeScaling = (c.ropeType == "default") ? json() : params;
}

void applyFamilyDefaults(LlamaConfig& c, const std::string& modelType) {
    if (modelType == "mistral") {  // transformers MistralConfig
        c.intermediateSize = 14336;
        c.maxPositionEmbeddings = 4096 * 32;
        c.slidingWindow = 4096;
    } else if (modelType == "qwen2") {  // transformers Qwen2Config
        c.vocabSize = 151936;
        c.intermediateSize = 22016;
        c.maxPositionEmbeddings = 32768;
    }
}

LlamaConfig readLlama(FieldReader& r, const std::string& modelType) {
    LlamaConfig c;
    applyFamilyDefaults(c, modelType);
    r.readAll(c, detail::llamaFields(), modelType);
    // null or absent means "same as num_attention_heads" (MHA), except Mistral's class default of 8.
    std::optional<int64_t> kvHeads;
    if (modelType == "mistral") kvHeads = 8;
    r.read("num_key_value_heads", nullptr, kvHeads);
    c.numKeyValueHeads = kvHeads.value_or(c.numAttentionHeads);
    std::optional<int64_t> headDim;
    r.read("head_dim", nullptr, headDim);
    c.headDim = headDim.value_or(c.numAttentionHeads > 0 ? c.hiddenSize / c.numAttentionHeads : 0);
    readRope(r, c);
    if (modelType == "mistral") {
        r.read("sliding_window", nullptr, c.slidingWindow);
    } else if (modelType == "qwen2") {
        std::optional<int64_t> window = 4096;  // sliding_window, only meaningful with use_sliding_window
        r.read("sliding_window", nullptr, window);
        if (c.useSlidingWindow) c.slidingWindow = window;
    }
    c.qkvBias = modelType == "qwen2" || c.attentionBias;
    c.oBias = modelType != "qwen2" && c.attentionBias;
    return c;
}

void checkShape(FieldReader& r, const ModelConfig& m) {
    auto positive = [&](const char* key, int64_t v) {
        if (v <= 0) r.invalid(key, "must be positive, not " + std::to_string(v));
    };
    positive("vocab_size", vocabSize(m));
    std::visit(
        [&](const auto& c) {
            using C = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<C, Gpt2Config>) {
                positive("n_layer", c.nLayer);
                positive("n_embd", c.nEmbd);
                positive("n_head", c.nHead);
                if (c.nHead > 0 && c.nEmbd % c.nHead != 0) r.invalid("n_head", "must divide n_embd");
            } else if constexpr (std::is_same_v<C, BertConfig>) {
                positive("num_hidden_layers", c.numHiddenLayers);
                positive("hidden_size", c.hiddenSize);
                positive("num_attention_heads", c.numAttentionHeads);
                if (c.numAttentionHeads > 0 && c.hiddenSize % c.numAttentionHeads != 0)
                    r.invalid("num_attention_heads", "must divide hidden_size");
            } else if constexpr (std::is_same_v<C, DistilBertConfig>) {
                positive("n_layers", c.nLayers);
                positive("dim", c.dim);
                positive("n_heads", c.nHeads);
                if (c.nHeads > 0 && c.dim % c.nHeads != 0) r.invalid("n_heads", "must divide dim");
            } else if constexpr (std::is_same_v<C, T5Config>) {
                positive("num_layers", c.numLayers);
                positive("num_decoder_layers", c.decoderLayers());
                positive("d_model", c.dModel);
                positive("d_kv", c.dKv);
                positive("d_ff", c.dFf);
                positive("num_heads", c.numHeads);
                positive("relative_attention_num_buckets", c.relativeAttentionNumBuckets);
                positive("relative_attention_max_distance", c.relativeAttentionMaxDistance);
                const std::string& p = c.feedForwardProj;
                const size_t dashes = static_cast<size_t>(std::count(p.begin(), p.end(), '-'));
                if (dashes > 1 || (dashes == 1 && !c.gatedFeedForward()))
                    r.invalid("feed_forward_proj", "must be an activation such as \"relu\" or \"gated-gelu\", not \"" + p + "\"");
            } else {
                positive("num_hidden_layers", c.numHiddenLayers);
                positive("hidden_size", c.hiddenSize);
                positive("num_attention_heads", c.numAttentionHeads);
                positive("num_key_value_heads", c.numKeyValueHeads);
                positive("head_dim", c.headDim);
                if (c.numKeyValueHeads > 0 && c.numAttentionHeads % c.numKeyValueHeads != 0)
                    r.invalid("num_key_value_heads", "must divide num_attention_heads");
            }
        },
        m.arch);
}

// Old configs may lack model_type; the head class name tells the family.
std::string inferModelType(const std::vector<std::string>& architectures) {
    static const std::vector<std::pair<std::string, std::string>> prefixes{
        {"GPT2", "gpt2"}, {"DistilBert", "distilbert"}, {"Bert", "bert"},
        {"Llama", "llama"}, {"Mistral", "mistral"}, {"Qwen2", "qwen2"}, {"T5", "t5"}};
    for (const std::string& a : architectures)
        for (const auto& [prefix, type] : prefixes)
            if (a.rfind(prefix, 0) == 0 && (a.size() == prefix.size() || std::isupper(static_cast<unsigned char>(a[prefix.size()]))))
                return type;
    return {};
}

void readLabels(FieldReader& r, ModelConfig& m) {
    if (const json* v = r.lookup("id2label")) {
        if (!v->is_object()) return r.bad("id2label", "an object such as {\"0\": \"NEG\"}", *v);
        std::vector<std::pair<int64_t, std::string>> items;
        int64_t maxId = -1;
        for (auto it = v->begin(); it != v->end(); ++it) {
            const std::string& k = it.key();
            const bool digits = !k.empty() && k.size() < 10 &&
                                k.find_first_not_of("0123456789") == std::string::npos;
            if (!digits || !it.value().is_string())
                return r.invalid("id2label", "must map class ids (\"0\", \"1\", ...) to label strings");
            items.emplace_back(std::stoll(k), it.value().get<std::string>());
            maxId = std::max(maxId, items.back().first);
        }
        m.id2label.assign(static_cast<size_t>(maxId + 1), std::string());
        for (size_t i = 0; i < m.id2label.size(); ++i) m.id2label[i] = "LABEL_" + std::to_string(i);
        for (auto& [id, label] : items) m.id2label[static_cast<size_t>(id)] = std::move(label);
    } else if (const json* n = r.lookup("num_labels")) {
        if (!n->is_number_integer() || n->get<int64_t>() < 0 || n->get<int64_t>() > 1'000'000)
            return r.bad("num_labels", "a non-negative integer", *n);
        for (int64_t i = 0; i < n->get<int64_t>(); ++i) m.id2label.push_back("LABEL_" + std::to_string(i));
    }
}

}  // namespace

const std::vector<std::string>& supportedModelTypes() {
    static const std::vector<std::string> types{"gpt2", "bert", "distilbert", "llama", "mistral", "qwen2", "t5"};
    return types;
}

Result<ModelConfig> parseModelConfig(const json& j, const std::string& fileForMessages) {
    if (!j.is_object())
        return makeError("config.invalid_json", "The config " + fileForMessages + " is not a JSON object.",
                         fileForMessages);
    ModelConfig m;
    m.raw = j;
    FieldReader r(j, fileForMessages);

    if (const json* a = r.lookup("architectures")) {
        if (a->is_array() && std::all_of(a->begin(), a->end(), [](const json& e) { return e.is_string(); }))
            m.architectures = a->get<std::vector<std::string>>();
        else
            r.bad("architectures", "a list of strings", *a);
    }
    r.read("model_type", nullptr, m.modelType);
    if (m.modelType.empty()) m.modelType = inferModelType(m.architectures);
    const auto& types = supportedModelTypes();
    if (std::find(types.begin(), types.end(), m.modelType) == types.end()) {
        std::string list;
        for (const std::string& t : types) list += (list.empty() ? "" : ", ") + t;
        return makeError("config.unsupported_model_type",
                         "The config " + fileForMessages + " has model_type \"" + m.modelType +
                             "\", which is not supported. Supported model types: " + list + ".",
                         fileForMessages, -1, "model_type");
    }

    if (m.modelType == "gpt2") {
        Gpt2Config c;
        r.readAll(c, detail::gpt2Fields(), m.modelType);
        m.arch = c;
        m.bosTokenId = m.eosTokenId = 50256;
    } else if (m.modelType == "bert") {
        BertConfig c;
        r.readAll(c, detail::bertFields(), m.modelType);
        m.arch = c;
        m.padTokenId = 0;
    } else if (m.modelType == "distilbert") {
        DistilBertConfig c;
        r.readAll(c, detail::distilBertFields(), m.modelType);
        m.arch = c;
        m.padTokenId = 0;
    } else if (m.modelType == "t5") {
        T5Config c;
        r.readAll(c, detail::t5Fields(), m.modelType);
        m.arch = c;
        m.padTokenId = 0, m.eosTokenId = 1;
    } else {
        m.arch = readLlama(r, m.modelType);
        if (m.modelType != "qwen2") m.bosTokenId = 1, m.eosTokenId = 2;
    }
    r.tokenIds("pad_token_id", m.padTokenId, nullptr);
    r.tokenIds("bos_token_id", m.bosTokenId, nullptr);
    r.tokenIds("eos_token_id", m.eosTokenId, &m.eosTokenIds);
    readLabels(r, m);
    r.read("problem_type", nullptr, m.problemType);
    r.read("torch_dtype", nullptr, m.dtype);
    r.read("dtype", nullptr, m.dtype);  // v5 name wins when both exist
    Status s = r.status();
    if (!s) return s.error();
    checkShape(r, m);
    s = r.status();
    if (!s) return s.error();
    return m;
}

Result<ModelConfig> readModelConfig(const std::filesystem::path& configJson) {
    const std::string file = configJson.string();
    std::ifstream in(configJson, std::ios::binary);
    if (!in) return makeError("config.not_found", "Cannot read the model config " + file + ".", file);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    json j;
    try {
        j = json::parse(text);
    } catch (const json::parse_error& e) {
        // nlohmann reports a byte offset; users want line and column.
        const size_t at = std::min<size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
        int64_t line = 1, column = 1;
        for (size_t i = 0; i < at; ++i) {
            if (text[i] == '\n') ++line, column = 1;
            else ++column;
        }
        return makeError("config.invalid_json",
                         "The model config " + file + " is not valid JSON (line " + std::to_string(line) +
                             ", column " + std::to_string(column) + ").",
                         file, line);
    }
    return parseModelConfig(j, file);
}

int64_t numLayers(const ModelConfig& m) {
    return std::visit([](const auto& c) -> int64_t {
        using C = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<C, Gpt2Config>) return c.nLayer;
        else if constexpr (std::is_same_v<C, DistilBertConfig>) return c.nLayers;
        else if constexpr (std::is_same_v<C, T5Config>) return c.numLayers + c.decoderLayers();
        else return c.numHiddenLayers;
    }, m.arch);
}

int64_t hiddenSize(const ModelConfig& m) {
    return std::visit([](const auto& c) -> int64_t {
        using C = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<C, Gpt2Config>) return c.nEmbd;
        else if constexpr (std::is_same_v<C, DistilBertConfig>) return c.dim;
        else if constexpr (std::is_same_v<C, T5Config>) return c.dModel;
        else return c.hiddenSize;
    }, m.arch);
}

int64_t vocabSize(const ModelConfig& m) {
    return std::visit([](const auto& c) -> int64_t { return c.vocabSize; }, m.arch);
}

int64_t maxPositions(const ModelConfig& m) {
    return std::visit([](const auto& c) -> int64_t {
        using C = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<C, Gpt2Config>) return c.nPositions;
        else if constexpr (std::is_same_v<C, T5Config>) return 0;  // relative positions: no fixed limit
        else return c.maxPositionEmbeddings;
    }, m.arch);
}

void overrideDropout(ModelConfig& config, double p) {
    if (auto* c = std::get_if<Gpt2Config>(&config.arch)) {
        c->residPdrop = c->embdPdrop = c->attnPdrop = p;
    } else if (auto* c = std::get_if<BertConfig>(&config.arch)) {
        c->hiddenDropoutProb = c->attentionProbsDropoutProb = p;
        c->classifierDropout = p;
    } else if (auto* c = std::get_if<DistilBertConfig>(&config.arch)) {
        c->dropout = c->attentionDropout = c->qaDropout = c->seqClassifDropout = p;
    } else if (auto* c = std::get_if<LlamaConfig>(&config.arch)) {
        c->attentionDropout = p;
    } else if (auto* c = std::get_if<T5Config>(&config.arch)) {
        c->dropoutRate = p;
    }
}

}  // namespace ft::io
