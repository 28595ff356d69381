#include "core/tokenize/normalizers.h"
#include "core/tokenize/pre_tokenizers.h"
#include "core/tokenize/train_bpe.h"
#include "core/tokenize/unicode.h"

#include <algorithm>
#include <map>
#include <set>

namespace ft::tok {

namespace {
const char* const kSpecials[] = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"};

nlohmann::json addedToken(const std::string& content, int32_t id) {
    return {{"id", id},        {"content", content},  {"single_word", false}, {"lstrip", false},
            {"rstrip", false}, {"normalized", false}, {"special", true}};
}
}  // namespace

Result<nlohmann::json> trainWordPiece(const std::vector<std::string>& corpus, int32_t vocabSize) {
    if (vocabSize < 5)
        return makeError("tokenizer.train_vocab_too_small",
                         "A WordPiece vocabulary needs at least the 5 BERT special tokens.", {}, -1,
                         "vocabSize");
    const nlohmann::json normJson = {{"type", "BertNormalizer"},
                                     {"clean_text", true},
                                     {"handle_chinese_chars", true},
                                     {"strip_accents", nullptr},
                                     {"lowercase", true}};
    const nlohmann::json preJson = {{"type", "BertPreTokenizer"}};
    auto norm = makeNormalizer(normJson, "normalizer");
    auto pre = makePreTokenizer(preJson, "pre_tokenizer");
    if (!norm) return norm.error();
    if (!pre) return pre.error();

    std::map<std::string, int64_t> wordCounts;
    std::set<char32_t> firstChars, innerChars;
    for (const auto& line : corpus) {
        std::string text = uni::sanitize(line);
        (*norm)->normalize(text);
        std::vector<Piece> pieces{Piece{text, true}};
        (*pre)->split(pieces);
        for (const auto& p : pieces) {
            ++wordCounts[p.text];
            size_t pos = 0;
            bool first = true;
            while (pos < p.text.size()) {
                (first ? firstChars : innerChars).insert(uni::next(p.text, pos));
                first = false;
            }
        }
    }
    std::vector<std::string> vocab(std::begin(kSpecials), std::end(kSpecials));
    std::set<std::string> seen(vocab.begin(), vocab.end());
    auto add = [&](const std::string& t) {
        if (static_cast<int32_t>(vocab.size()) < vocabSize && seen.insert(t).second) vocab.push_back(t);
    };
    std::set<char32_t> allChars = firstChars;
    allChars.insert(innerChars.begin(), innerChars.end());
    for (char32_t c : allChars) {
        std::string s;
        uni::append(s, c);
        add(s);
    }
    for (char32_t c : innerChars) {
        std::string s = "##";
        uni::append(s, c);
        add(s);
    }
    std::vector<std::pair<std::string, int64_t>> byFreq(wordCounts.begin(), wordCounts.end());
    std::stable_sort(byFreq.begin(), byFreq.end(),
                     [](const auto& x, const auto& y) { return x.second > y.second; });
    for (const auto& [w, c] : byFreq)
        if (uni::countChars(w) > 1) add(w);

    nlohmann::json vocabJson = nlohmann::json::object();
    for (size_t i = 0; i < vocab.size(); ++i) vocabJson[vocab[i]] = static_cast<int32_t>(i);
    nlohmann::json added = nlohmann::json::array();
    for (int32_t i = 0; i < 5; ++i) added.push_back(addedToken(kSpecials[i], i));
    auto special = [](const char* n, int t) {
        return nlohmann::json{{"SpecialToken", {{"id", n}, {"type_id", t}}}};
    };
    auto seq = [](const char* n, int t) { return nlohmann::json{{"Sequence", {{"id", n}, {"type_id", t}}}}; };
    return nlohmann::json{
        {"version", "1.0"},
        {"truncation", nullptr},
        {"padding", nullptr},
        {"added_tokens", added},
        {"normalizer", normJson},
        {"pre_tokenizer", preJson},
        {"post_processor",
         {{"type", "TemplateProcessing"},
          {"single", {special("[CLS]", 0), seq("A", 0), special("[SEP]", 0)}},
          {"pair", {special("[CLS]", 0), seq("A", 0), special("[SEP]", 0), seq("B", 1), special("[SEP]", 1)}},
          {"special_tokens",
           {{"[CLS]", {{"id", "[CLS]"}, {"ids", {2}}, {"tokens", {"[CLS]"}}}},
            {"[SEP]", {{"id", "[SEP]"}, {"ids", {3}}, {"tokens", {"[SEP]"}}}}}}}},
        {"decoder", {{"type", "WordPiece"}, {"prefix", "##"}, {"cleanup", true}}},
        {"model",
         {{"type", "WordPiece"},
          {"unk_token", "[UNK]"},
          {"continuing_subword_prefix", "##"},
          {"max_input_chars_per_word", 100},
          {"vocab", vocabJson}}}};
}

}  // namespace ft::tok
