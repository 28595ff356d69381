// tokenizer.json → pipeline (formats.md §3.1).
#include "core/tokenize/decoders.h"
#include "core/tokenize/json_util.h"
#include "core/tokenize/models.h"
#include "core/tokenize/normalizers.h"
#include "core/tokenize/post_processors.h"
#include "core/tokenize/pre_tokenizers.h"
#include "core/tokenize/tokenizer_impl.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace ft::tok {

namespace {

Result<std::vector<AddedToken>> parseAddedTokens(const nlohmann::json& j) {
    std::vector<AddedToken> out;
    auto it = j.find("added_tokens");
    if (it == j.end() || it->is_null()) return out;
    if (!it->is_array()) return jsonutil::fieldError("added_tokens", "must be an array");
    for (size_t i = 0; i < it->size(); ++i) {
        const auto& t = (*it)[i];
        const std::string path = "added_tokens[" + std::to_string(i) + "]";
        if (!t.is_object()) return jsonutil::fieldError(path, "must be an object");
        AddedToken a;
        auto id = jsonutil::getInt(t, "id", path, -1);
        if (!id) return id.error();
        if (*id < 0 || *id > INT32_MAX)
            return jsonutil::fieldError(path + ".id", "must be a non-negative integer");
        auto content = jsonutil::getString(t, "content", path);
        if (!content) return content.error();
        if (content->empty()) return jsonutil::fieldError(path + ".content", "must be a non-empty string");
        auto special = jsonutil::getBool(t, "special", path, false);
        if (!special) return special.error();
        auto normalized = jsonutil::getBool(t, "normalized", path, !*special);
        auto lstrip = jsonutil::getBool(t, "lstrip", path, false);
        auto rstrip = jsonutil::getBool(t, "rstrip", path, false);
        auto single = jsonutil::getBool(t, "single_word", path, false);
        for (const auto* r : {&normalized, &lstrip, &rstrip, &single})
            if (!*r) return r->error();
        a.id = static_cast<int32_t>(*id);
        a.content = *content;
        a.special = *special;
        a.normalized = *normalized;
        a.lstrip = *lstrip;
        a.rstrip = *rstrip;
        a.singleWord = *single;
        out.push_back(std::move(a));
    }
    return out;
}

template <class T>
Result<std::unique_ptr<T>> withFile(Result<std::unique_ptr<T>> r, const std::string& file) {
    if (r) return r;
    Error e = r.error();
    e.file = file;
    return e;
}

// Well-known names fill SpecialTokens when no tokenizer_config.json says otherwise.
void inferSpecialTokens(Tokenizer::Impl& impl, const nlohmann::json& j) {
    auto id = [&](const char* tok) -> std::optional<int32_t> {
        if (auto a = impl.added.tokenToId(tok)) return a;
        return impl.model->tokenToId(tok);
    };
    auto first = [&](std::initializer_list<const char*> names) -> std::optional<int32_t> {
        for (const char* n : names)
            if (auto i = id(n)) return i;
        return std::nullopt;
    };
    SpecialTokens& s = impl.special;
    if (auto m = j.find("model"); m != j.end() && m->is_object()) {
        if (auto u = m->find("unk_token"); u != m->end() && u->is_string())
            s.unk = id(u->get<std::string>().c_str());
        if (auto u = m->find("unk_id"); u != m->end() && u->is_number_integer()) s.unk = u->get<int32_t>();
    }
    if (!s.unk) s.unk = first({"[UNK]", "<unk>"});
    s.cls = first({"[CLS]", "<s>"});
    s.sep = first({"[SEP]", "</s>"});
    s.pad = first({"[PAD]", "<pad>"});
    s.mask = first({"[MASK]", "<mask>"});
    s.bos = first({"<s>", "<|begin_of_text|>", "<|endoftext|>", "<bos>"});
    s.eos = first({"</s>", "<|end_of_text|>", "<|endoftext|>", "<eos>", "<|im_end|>"});
}

}  // namespace

Result<nlohmann::json> parseJsonText(std::string_view text, const std::string& file) {
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        const size_t byte = std::min(static_cast<size_t>(e.byte), text.size());
        const int64_t line =
            1 +
            std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(byte ? byte - 1 : 0), '\n');
        return makeError(
            "tokenizer.json_parse_error",
            "The file " + file + " is not valid JSON (line " + std::to_string(line) + "): " + e.what(), file,
            line);
    } catch (const std::exception& e) {
        return makeError("tokenizer.json_parse_error", "The file " + file + " is not valid JSON: " + e.what(),
                         file);
    }
}

Result<nlohmann::json> readJsonFile(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        return makeError("tokenizer.file_not_found", "The file " + file.string() + " does not exist.",
                         file.string());
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return makeError("tokenizer.file_unreadable", "The file " + file.string() + " cannot be read.",
                         file.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return parseJsonText(ss.str(), file.string());
}

Result<std::unique_ptr<Tokenizer::Impl>> buildFromJson(const nlohmann::json& j, const std::string& file) {
    try {
        if (!j.is_object())
            return makeError("tokenizer.invalid_field",
                             "The top level of " + file + " must be a JSON object.", file);
        auto vit = j.find("version");
        if (vit == j.end() || !vit->is_string() || vit->get<std::string>() != "1.0") {
            const std::string got = vit == j.end() ? "missing" : "'" + vit->dump() + "'";
            return makeError(
                "tokenizer.unsupported_version",
                "The tokenizer.json version in " + file + " is " + got + "; only \"1.0\" is supported.", file,
                -1, "version");
        }
        auto impl = std::make_unique<Tokenizer::Impl>();
        auto mit = j.find("model");
        if (mit == j.end() || mit->is_null())
            return makeError("tokenizer.invalid_field", "The file " + file + " has no 'model'.", file, -1,
                             "model");
        auto model = withFile(makeModel(*mit, "model"), file);
        if (!model) return model.error();
        impl->model = std::move(*model);
        static const nlohmann::json kNull;
        auto get = [&](const char* k) -> const nlohmann::json& {
            auto it = j.find(k);
            return it == j.end() ? kNull : *it;
        };
        auto norm = withFile(makeNormalizer(get("normalizer"), "normalizer"), file);
        if (!norm) return norm.error();
        impl->normalizer = std::move(*norm);
        auto pre = withFile(makePreTokenizer(get("pre_tokenizer"), "pre_tokenizer"), file);
        if (!pre) return pre.error();
        impl->preTokenizer = std::move(*pre);
        auto post = withFile(makePostProcessor(get("post_processor"), "post_processor"), file);
        if (!post) return post.error();
        impl->postProcessor = std::move(*post);
        auto dec = withFile(makeDecoder(get("decoder"), "decoder"), file);
        if (!dec) return dec.error();
        impl->decoder = std::move(*dec);
        auto added = parseAddedTokens(j);
        if (!added) {
            Error e = added.error();
            e.file = file;
            return e;
        }
        for (auto& a : *added) impl->added.add(std::move(a));
        impl->added.build(impl->normalizer.get());
        impl->vocabSize = std::max(impl->model->maxId(), impl->added.maxId()) + 1;
        inferSpecialTokens(*impl, j);
        return impl;
    } catch (const std::exception& e) {
        // nlohmann type errors on malformed files must not escape the public API.
        return makeError("tokenizer.invalid_field",
                         "The file " + file + " has an unexpected structure: " + e.what(), file);
    }
}

Result<Tokenizer> Tokenizer::fromJsonString(std::string_view json, const std::string& origin) {
    auto j = parseJsonText(json, origin);
    if (!j) return j.error();
    auto impl = buildFromJson(*j, origin);
    if (!impl) return impl.error();
    return Tokenizer(std::move(*impl));
}

Result<Tokenizer> Tokenizer::fromTokenizerJson(const std::filesystem::path& file) {
    auto j = readJsonFile(file);
    if (!j) return j.error();
    auto impl = buildFromJson(*j, file.string());
    if (!impl) return impl.error();
    return Tokenizer(std::move(*impl));
}

}  // namespace ft::tok
