#include "core/tokenize/write_tokenizer.h"

#include <fstream>

namespace ft::tok {

namespace fs = std::filesystem;

namespace {

Status writeAtomically(const fs::path& file, const std::string& text) {
    fs::path tmp = file;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out)
            return makeError("tokenizer.write_failed", "Cannot create " + tmp.string() + ".", tmp.string());
        out << text;
        out.flush();
        if (!out)
            return makeError("tokenizer.write_failed", "Cannot write " + tmp.string() + ".", tmp.string());
    }
    std::error_code ec;
    fs::rename(tmp, file, ec);
    if (ec) {
        fs::remove(tmp, ec);
        return makeError("tokenizer.write_failed",
                         "Cannot move " + tmp.string() + " to " + file.string() + ".", file.string());
    }
    return Status::success();
}

std::optional<int32_t> findId(const nlohmann::json& tj, const std::string& token) {
    if (auto at = tj.find("added_tokens"); at != tj.end() && at->is_array())
        for (const auto& t : *at)
            if (t.value("content", std::string()) == token && t.contains("id")) return t["id"].get<int32_t>();
    if (auto m = tj.find("model"); m != tj.end() && m->contains("vocab") && (*m)["vocab"].is_object())
        if (auto v = (*m)["vocab"].find(token); v != (*m)["vocab"].end() && v->is_number_integer())
            return v->get<int32_t>();
    return std::nullopt;
}

}  // namespace

Status writeTokenizerFiles(const fs::path& folder, const nlohmann::json& tokenizerJson,
                           const TokenizerFilesConfig& config) {
    try {
        std::error_code ec;
        fs::create_directories(folder, ec);
        if (ec)
            return makeError("tokenizer.write_failed", "Cannot create the folder " + folder.string() + ".",
                             folder.string());
        nlohmann::json tj = tokenizerJson;
        if (config.addBosToken) {
            if (!config.bos)
                return makeError("tokenizer.missing_bos", "add_bos_token is set but no bos token is given.",
                                 {}, -1, "bos");
            const auto id = findId(tj, *config.bos);
            if (!id)
                return makeError("tokenizer.missing_bos",
                                 "The bos token '" + *config.bos + "' is not in the vocabulary.", {}, -1,
                                 "bos");
            auto piece = [](const char* kind, const std::string& name, int t) {
                return nlohmann::json{{kind, {{"id", name}, {"type_id", t}}}};
            };
            tj["post_processor"] = {
                {"type", "TemplateProcessing"},
                {"single", {piece("SpecialToken", *config.bos, 0), piece("Sequence", "A", 0)}},
                {"pair",
                 {piece("SpecialToken", *config.bos, 0), piece("Sequence", "A", 0),
                  piece("SpecialToken", *config.bos, 1), piece("Sequence", "B", 1)}},
                {"special_tokens",
                 {{*config.bos, {{"id", *config.bos}, {"ids", {*id}}, {"tokens", {*config.bos}}}}}}};
        }
        nlohmann::json cfg = {{"tokenizer_class", config.tokenizerClass},
                              {"model_max_length", config.modelMaxLength},
                              {"add_bos_token", config.addBosToken},
                              {"clean_up_tokenization_spaces", false}};
        nlohmann::json map = nlohmann::json::object();
        const std::pair<const char*, const std::optional<std::string>*> keys[] = {
            {"bos_token", &config.bos},  {"eos_token", &config.eos}, {"pad_token", &config.pad},
            {"unk_token", &config.unk},  {"cls_token", &config.cls}, {"sep_token", &config.sep},
            {"mask_token", &config.mask}};
        for (const auto& [key, value] : keys)
            if (*value) {
                cfg[key] = **value;
                map[key] = **value;
            }
        if (Status s = writeAtomically(folder / "tokenizer.json", tj.dump(2)); !s) return s;
        if (Status s = writeAtomically(folder / "tokenizer_config.json", cfg.dump(2)); !s) return s;
        return writeAtomically(folder / "special_tokens_map.json", map.dump(2));
    } catch (const std::exception& e) {
        return makeError("tokenizer.write_failed",
                         std::string("Cannot write the tokenizer files: ") + e.what(), folder.string());
    }
}

}  // namespace ft::tok
