// A Hugging Face tokenizer folder: tokenizer.json or legacy vocab files, plus the
// tokenizer_config.json / special_tokens_map.json that name special tokens, and the chat templates
// (formats.md §3.9, §3.10); a tokenizer.model-only folder goes through the sentencepiece bridge.
#include "core/tokenize/post_processors.h"
#include "core/tokenize/tokenizer_impl.h"

#include <fstream>
#include <sstream>

namespace ft::tok {

namespace fs = std::filesystem;

namespace {

constexpr double kUnboundedModelLength = 1e12;  // transformers writes int(1e30) for "unknown"

bool isFile(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

Result<std::string> readText(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in)
        return makeError("tokenizer.file_unreadable", "The file " + p.string() + " cannot be read.",
                         p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        out.push_back(line);
    }
    return out;
}

nlohmann::json addedToken(const std::string& content, int32_t id) {
    return {{"id", id},        {"content", content},  {"single_word", false}, {"lstrip", false},
            {"rstrip", false}, {"normalized", false}, {"special", true}};
}

// vocab.json + merges.txt → the tokenizer.json transformers' GPT2Converter would produce.
Result<nlohmann::json> legacyGpt2(const fs::path& folder, const nlohmann::json& config) {
    auto vocab = readJsonFile(folder / "vocab.json");
    if (!vocab) return vocab.error();
    if (!vocab->is_object())
        return makeError("tokenizer.invalid_field", "vocab.json must map tokens to ids.",
                         (folder / "vocab.json").string());
    auto text = readText(folder / "merges.txt");
    if (!text) return text.error();
    nlohmann::json merges = nlohmann::json::array();
    const auto ls = lines(*text);
    for (size_t i = 0; i < ls.size(); ++i) {
        if (ls[i].empty() || ls[i].rfind("#version", 0) == 0) continue;
        const size_t sp = ls[i].find(' ');
        if (sp == std::string::npos || ls[i].find(' ', sp + 1) != std::string::npos)
            return makeError(
                "tokenizer.bad_merges",
                "Line " + std::to_string(i + 1) + " of merges.txt must be two tokens separated by one space.",
                (folder / "merges.txt").string(), static_cast<int64_t>(i + 1));
        merges.push_back({ls[i].substr(0, sp), ls[i].substr(sp + 1)});
    }
    const bool prefix = config.value("add_prefix_space", false);
    nlohmann::json added = nlohmann::json::array();
    if (auto it = vocab->find("<|endoftext|>"); it != vocab->end() && it->is_number_integer())
        added.push_back(addedToken("<|endoftext|>", it->get<int32_t>()));
    return nlohmann::json{
        {"version", "1.0"},
        {"added_tokens", added},
        {"normalizer", nullptr},
        {"pre_tokenizer",
         {{"type", "ByteLevel"}, {"add_prefix_space", prefix}, {"trim_offsets", true}, {"use_regex", true}}},
        {"post_processor",
         {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", false}, {"use_regex", true}}},
        {"decoder",
         {{"type", "ByteLevel"}, {"add_prefix_space", true}, {"trim_offsets", true}, {"use_regex", true}}},
        {"model",
         {{"type", "BPE"},
          {"dropout", nullptr},
          {"unk_token", nullptr},
          {"continuing_subword_prefix", ""},
          {"end_of_word_suffix", ""},
          {"fuse_unk", false},
          {"byte_fallback", false},
          {"ignore_merges", false},
          {"vocab", *vocab},
          {"merges", merges}}}};
}

// vocab.txt → the tokenizer.json transformers' BertConverter would produce.
Result<nlohmann::json> legacyBert(const fs::path& folder, const nlohmann::json& config) {
    auto text = readText(folder / "vocab.txt");
    if (!text) return text.error();
    nlohmann::json vocab = nlohmann::json::object();
    int32_t id = 0;
    for (auto& l : lines(*text)) {
        while (!l.empty() && (l.back() == ' ' || l.back() == '\t')) l.pop_back();
        if (!vocab.contains(l)) vocab[l] = id;
        ++id;
    }
    const bool lower = config.value("do_lower_case", true);
    nlohmann::json added = nlohmann::json::array();
    std::vector<std::pair<std::string, int32_t>> specials;
    for (const char* s : {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"})
        if (vocab.contains(s)) specials.emplace_back(s, vocab[s].get<int32_t>());
    std::sort(specials.begin(), specials.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    for (const auto& [s, i] : specials) added.push_back(addedToken(s, i));
    nlohmann::json post = nullptr;
    if (vocab.contains("[CLS]") && vocab.contains("[SEP]")) {
        const int32_t cls = vocab["[CLS]"], sep = vocab["[SEP]"];
        auto special = [](const char* n, int t) {
            return nlohmann::json{{"SpecialToken", {{"id", n}, {"type_id", t}}}};
        };
        auto seq = [](const char* n, int t) {
            return nlohmann::json{{"Sequence", {{"id", n}, {"type_id", t}}}};
        };
        post = {{"type", "TemplateProcessing"},
                {"single", {special("[CLS]", 0), seq("A", 0), special("[SEP]", 0)}},
                {"pair",
                 {special("[CLS]", 0), seq("A", 0), special("[SEP]", 0), seq("B", 1), special("[SEP]", 1)}},
                {"special_tokens",
                 {{"[CLS]", {{"id", "[CLS]"}, {"ids", {cls}}, {"tokens", {"[CLS]"}}}},
                  {"[SEP]", {{"id", "[SEP]"}, {"ids", {sep}}, {"tokens", {"[SEP]"}}}}}}};
    }
    return nlohmann::json{{"version", "1.0"},
                          {"added_tokens", added},
                          {"normalizer",
                           {{"type", "BertNormalizer"},
                            {"clean_text", true},
                            {"handle_chinese_chars", true},
                            {"strip_accents", nullptr},
                            {"lowercase", lower}}},
                          {"pre_tokenizer", {{"type", "BertPreTokenizer"}}},
                          {"post_processor", post},
                          {"decoder", {{"type", "WordPiece"}, {"prefix", "##"}, {"cleanup", true}}},
                          {"model",
                           {{"type", "WordPiece"},
                            {"unk_token", "[UNK]"},
                            {"continuing_subword_prefix", "##"},
                            {"max_input_chars_per_word", 100},
                            {"vocab", vocab}}}};
}

std::optional<std::string> tokenContent(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_object())
        if (auto c = v.find("content"); c != v.end() && c->is_string()) return c->get<std::string>();
    return std::nullopt;
}

// Special tokens, model_max_length and BOS/EOS insertion from the config files.
void applyConfig(Tokenizer& tok, Tokenizer::Impl& impl, const nlohmann::json& config,
                 const nlohmann::json& specialMap) {
    static const std::pair<const char*, std::optional<int32_t> SpecialTokens::*> keys[] = {
        {"bos_token", &SpecialTokens::bos},  {"eos_token", &SpecialTokens::eos},
        {"pad_token", &SpecialTokens::pad},  {"unk_token", &SpecialTokens::unk},
        {"cls_token", &SpecialTokens::cls},  {"sep_token", &SpecialTokens::sep},
        {"mask_token", &SpecialTokens::mask}};
    bool any = false;
    for (const auto* src : {&config, &specialMap})
        for (const auto& [k, member] : keys) any = any || (src->is_object() && src->contains(k));
    if (any) {
        SpecialTokens s;
        for (const auto& [k, member] : keys) {
            for (const auto* src : {&config, &specialMap}) {  // special_tokens_map.json wins
                if (!src->is_object()) continue;
                auto it = src->find(k);
                if (it == src->end()) continue;
                auto content = tokenContent(*it);
                s.*member = content ? tok.tokenToId(*content) : std::nullopt;
                if (content) impl.templateTokens[k] = *content;
                else impl.templateTokens.erase(k);
            }
        }
        impl.special = s;
    }
    for (const auto* src : {&config, &specialMap}) {
        if (!src->is_object()) continue;
        auto it = src->find("additional_special_tokens");
        if (it == src->end() || !it->is_array()) continue;
        nlohmann::ordered_json extra = nlohmann::ordered_json::array();
        for (const auto& t : *it)
            if (auto content = tokenContent(t)) extra.push_back(*content);
        if (extra.empty()) impl.templateTokens.erase("additional_special_tokens");
        else impl.templateTokens["additional_special_tokens"] = extra;
    }
    if (config.is_object()) {
        if (auto it = config.find("model_max_length"); it != config.end() && it->is_number()) {
            const double v = it->get<double>();
            impl.modelMaxLength = (v <= 0 || v > kUnboundedModelLength) ? 0 : static_cast<int64_t>(v);
        }
        // transformers' Llama/Gemma fast tokenizers rebuild their template from these flags.
        const std::string cls = config.value("tokenizer_class", std::string());
        const bool llamaLike =
            cls.rfind("Llama", 0) == 0 || cls.rfind("CodeLlama", 0) == 0 || cls.rfind("Gemma", 0) == 0;
        if (llamaLike && (config.contains("add_bos_token") || config.contains("add_eos_token"))) {
            const bool addBos = config.value("add_bos_token", true);
            const bool addEos = config.value("add_eos_token", false);
            std::optional<std::pair<std::string, int32_t>> bos, eos;
            if (addBos && impl.special.bos)
                bos = std::make_pair(tok.idToToken(*impl.special.bos), *impl.special.bos);
            if (addEos && impl.special.eos)
                eos = std::make_pair(tok.idToToken(*impl.special.eos), *impl.special.eos);
            impl.postProcessor = makeBosEosTemplate(bos, eos);
        }
    }
}

// An absent or non-object config reads as {} so lookups need no null checks.
Result<nlohmann::json> optionalJson(const fs::path& p) {
    if (!isFile(p)) return nlohmann::json::object();
    auto j = readJsonFile(p);
    if (j && !j->is_object()) return nlohmann::json::object();
    return j;
}

// The folder's sentencepiece model: tokenizer.model (Llama) or spiece.model (T5, ALBERT); "" if none.
fs::path sentencePieceFile(const fs::path& folder) {
    for (const char* name : {"tokenizer.model", "spiece.model"})
        if (isFile(folder / name)) return folder / name;
    return {};
}

// The pipeline from whichever tokenizer files the folder has (tokenizer.json first).
Result<std::unique_ptr<Tokenizer::Impl>> buildForFolder(const fs::path& folder,
                                                        const nlohmann::json& config) {
    if (isFile(folder / "tokenizer.json")) {
        auto j = readJsonFile(folder / "tokenizer.json");
        if (!j) return j.error();
        auto built = buildFromJson(*j, (folder / "tokenizer.json").string());
        // A component we do not implement: the sentencepiece model the file was converted from, when
        // the folder has it, tokenizes the same way through the bridge.
        if (!built && built.error().code == "tokenizer.unsupported_component" && !sentencePieceFile(folder).empty())
            return buildFromSentencePiece(sentencePieceFile(folder), config);
        return built;
    }
    if (isFile(folder / "vocab.json") && isFile(folder / "merges.txt")) {
        auto j = legacyGpt2(folder, config);
        if (!j) return j.error();
        return buildFromJson(*j, (folder / "vocab.json").string());
    }
    if (isFile(folder / "vocab.txt")) {
        auto j = legacyBert(folder, config);
        if (!j) return j.error();
        return buildFromJson(*j, (folder / "vocab.txt").string());
    }
    if (!sentencePieceFile(folder).empty()) return buildFromSentencePiece(sentencePieceFile(folder), config);
    return makeError(
        "tokenizer.no_tokenizer_files",
        "The folder " + folder.string() + " has no tokenizer.json, vocab.json + merges.txt, vocab.txt or sentencepiece model.",
        folder.string());
}

}  // namespace

Result<Tokenizer> Tokenizer::load(const fs::path& folder) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        return makeError("tokenizer.folder_not_found", "The folder " + folder.string() + " does not exist.",
                         folder.string());
    auto config = optionalJson(folder / "tokenizer_config.json");
    if (!config) return config.error();
    auto specialMap = optionalJson(folder / "special_tokens_map.json");
    if (!specialMap) return specialMap.error();
    try {
        auto impl = buildForFolder(folder, *config);
        if (!impl) return impl.error();
        Impl* raw = impl->get();
        Tokenizer tok(std::move(*impl));
        applyConfig(tok, *raw, *config, *specialMap);
        raw->chatTemplates = ChatTemplates::fromFolder(folder, *config);
        return tok;
    } catch (const std::exception& e) {
        // Legacy files with unexpected JSON types throw inside nlohmann; report, never propagate.
        return makeError(
            "tokenizer.invalid_field",
            "The tokenizer files in " + folder.string() + " have an unexpected structure: " + e.what(),
            folder.string());
    }
}

}  // namespace ft::tok
