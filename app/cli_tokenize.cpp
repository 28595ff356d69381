// `finetune tokenize`: what a model's tokenizer makes of a text, a list of ids, or a conversation
// rendered through its chat template.
#include "app/cli_tokenize.h"

#include "core/tokenize/token_spans.h"
#include "core/tokenize/tokenizer.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

using ft::Error;
using ft::Result;
using ojson = nlohmann::ordered_json;

const char* kTokenizeUsage =
    "usage: finetune tokenize MODEL_OR_TOKENIZER_DIR (--text T | --file F) [--pair T2] [--no-special-tokens] "
    "[--json]\n"
    "       finetune tokenize MODEL_OR_TOKENIZER_DIR --decode \"1,2,3\" [--skip-special-tokens] [--json]\n"
    "       finetune tokenize MODEL_OR_TOKENIZER_DIR --chat MESSAGES.json [--generation-prompt] [--template "
    "NAME] [--json]\n";

int fail(const Error& e) {
    std::fprintf(stderr, "error: %s\n", e.describe().c_str());
    return 1;
}

int usage() {
    std::fputs(kTokenizeUsage, stderr);
    return 2;
}

struct Options {
    std::string folder;
    std::map<std::string, std::string> values;
    std::vector<std::string> flags;
    bool has(const std::string& f) const {
        for (const auto& x : flags)
            if (x == f) return true;
        return false;
    }
    const std::string* value(const std::string& key) const {
        auto it = values.find(key);
        return it == values.end() ? nullptr : &it->second;
    }
};

Result<Options> parse(int argc, char** argv) {
    static const char* const kValued[] = {"--text", "--file", "--pair", "--decode", "--chat", "--template"};
    static const char* const kFlags[] = {"--json", "--no-special-tokens", "--skip-special-tokens",
                                         "--generation-prompt"};
    Options o;
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        bool known = false;
        for (const char* v : kValued)
            if (a == v) {
                if (i + 1 >= argc)
                    return ft::makeError("cli.missing_value", "option " + a + " needs a value", {}, -1, a);
                o.values[a] = argv[++i];
                known = true;
            }
        for (const char* f : kFlags)
            if (a == f) o.flags.push_back(a), known = true;
        if (known) continue;
        if (a.rfind("--", 0) == 0)
            return ft::makeError("cli.unknown_option", "unknown option " + a, {}, -1, a);
        if (!o.folder.empty()) return ft::makeError("cli.extra_argument", "unexpected argument '" + a + "'");
        o.folder = a;
    }
    return o;
}

Result<std::string> readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return ft::makeError("cli.file_unreadable", "The file " + path + " cannot be read.", path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string dump(const ojson& j) {
    return j.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

// A token as JSON would quote it, so spaces, newlines and byte-level characters stay visible;
// padded to `width` characters (not bytes) for the table.
std::string quoted(const std::string& token, size_t width) {
    std::string q = dump(ojson(token));
    size_t chars = 0;
    for (unsigned char c : q) chars += (c & 0xC0) != 0x80;
    if (chars < width) q.append(width - chars, ' ');
    return q;
}

Result<std::vector<int32_t>> parseIds(const std::string& text) {
    std::vector<int32_t> ids;
    std::string item;
    std::istringstream in(text);
    while (std::getline(in, item, ',')) {
        const size_t b = item.find_first_not_of(" \t[]"), e = item.find_last_not_of(" \t[]");
        if (b == std::string::npos) continue;
        const std::string digits = item.substr(b, e - b + 1);
        char* end = nullptr;
        const long v = std::strtol(digits.c_str(), &end, 10);
        if (*end != 0 || v < 0 || v > INT32_MAX)
            return ft::makeError("cli.invalid_value",
                                 "--decode expects ids like \"1,2,3\", not '" + digits + "'", {}, -1,
                                 "--decode");
        ids.push_back(int32_t(v));
    }
    return ids;
}

// Spans for an encoding of one text, or of a pair (first text's tokens, then the second's).
std::vector<std::optional<ft::tok::TokenSpan>> spansFor(const ft::tok::Tokenizer& tok,
                                                        const ft::tok::Encoding& enc, const std::string& a,
                                                        const std::string* b, std::vector<int>& sequence,
                                                        bool& available) {
    available = true;
    std::vector<std::optional<ft::tok::TokenSpan>> out(enc.ids.size());
    sequence.assign(enc.ids.size(), -1);
    std::vector<std::optional<ft::tok::TokenSpan>> parts[2];
    const std::string* texts[2] = {&a, b};
    for (int s = 0; s < (b ? 2 : 1); ++s) {
        auto one = ft::tok::tokenSpans(tok, *texts[s], tok.encode(*texts[s], false));
        if (!one)
            available = false;
        else
            parts[s] = std::move(*one);
    }
    const size_t firstCount = tok.encode(a, false).ids.size();
    size_t content = 0;
    for (size_t i = 0; i < enc.ids.size(); ++i) {
        if (i < enc.specialMask.size() && enc.specialMask[i]) continue;
        const int s = content < firstCount ? 0 : 1;
        const size_t k = s == 0 ? content : content - firstCount;
        sequence[i] = s;
        if (k < parts[s].size()) out[i] = parts[s][k];
        ++content;
    }
    return out;
}

int encodeText(const ft::tok::Tokenizer& tok, const Options& o, const std::string& text) {
    const std::string* pair = o.value("--pair");
    const bool addSpecial = !o.has("--no-special-tokens");
    const ft::tok::Encoding enc =
        pair ? tok.encodePair(text, *pair, addSpecial) : tok.encode(text, addSpecial);
    std::vector<int> sequence;
    bool available = false;
    const auto spans = spansFor(tok, enc, text, pair, sequence, available);
    if (o.has("--json")) {
        ojson j = {{"ids", enc.ids},
                   {"tokens", ojson::array()},
                   {"offsets", ojson::array()},
                   {"type_ids", enc.typeIds},
                   {"special_tokens_mask", enc.specialMask}};
        for (size_t i = 0; i < enc.ids.size(); ++i) {
            j["tokens"].push_back(tok.idToToken(enc.ids[i]));
            if (available && spans[i])
                j["offsets"].push_back({spans[i]->begin, spans[i]->end});
            else
                j["offsets"].push_back(nullptr);
        }
        if (pair) j["sequence_ids"] = sequence;
        std::printf("%s\n", dump(j).c_str());
        return 0;
    }
    std::printf("%zu tokens%s\n", enc.ids.size(),
                available
                    ? "; offsets are byte ranges of the input"
                    : "; offsets unavailable (decoding does not give this text back, or over 4096 tokens)");
    std::printf("%6s %10s  %-28s %s\n", "#", "id", "token", pair ? "seq  offsets" : "offsets");
    for (size_t i = 0; i < enc.ids.size(); ++i) {
        std::string where = "special";
        if (sequence[i] >= 0)
            where = available && spans[i]
                        ? "[" + std::to_string(spans[i]->begin) + ", " + std::to_string(spans[i]->end) + ")"
                        : "-";
        if (pair)
            where = (sequence[i] >= 0 ? std::to_string(sequence[i]) : std::string("-")) + "    " + where;
        std::printf("%6zu %10d  %s %s\n", i, enc.ids[i], quoted(tok.idToToken(enc.ids[i]), 28).c_str(),
                    where.c_str());
    }
    return 0;
}

int decodeIds(const ft::tok::Tokenizer& tok, const Options& o) {
    auto ids = parseIds(*o.value("--decode"));
    if (!ids) return fail(ids.error());
    const std::string text = tok.decode(*ids, o.has("--skip-special-tokens"));
    if (o.has("--json")) {
        ojson tokens = ojson::array();
        for (int32_t id : *ids) tokens.push_back(tok.idToToken(id));
        std::printf("%s\n", dump({{"text", text}, {"tokens", tokens}}).c_str());
    } else {
        std::printf("%s\n", text.c_str());
    }
    return 0;
}

// MESSAGES.json: a list of messages, or an object with "messages" plus other template variables
// (tools, date_string, ...).
int chat(const ft::tok::Tokenizer& tok, const Options& o) {
    auto text = readFile(*o.value("--chat"));
    if (!text) return fail(text.error());
    ojson doc;
    try {
        doc = ojson::parse(*text);
    } catch (const nlohmann::json::parse_error& e) {
        return fail(ft::makeError("cli.invalid_json", std::string("not valid JSON: ") + e.what(),
                                  *o.value("--chat")));
    }
    ojson messages = doc, extra = ojson::object();
    if (doc.is_object()) {
        messages = doc.contains("messages") ? doc["messages"] : ojson::array();
        for (auto it = doc.begin(); it != doc.end(); ++it)
            if (it.key() != "messages") extra[it.key()] = it.value();
    }
    const std::string* name = o.value("--template");
    auto r = tok.applyChatTemplateJson(dump(messages), o.has("--generation-prompt"), dump(extra),
                                       name ? *name : "");
    if (!r) {
        Error e = r.error();
        if (e.file.empty() && e.code == "chat_template.invalid_messages") e.file = *o.value("--chat");
        return fail(e);
    }
    if (o.has("--json")) {
        ojson tokens = ojson::array();
        for (int32_t id : r->encoding.ids) tokens.push_back(tok.idToToken(id));
        std::printf("%s\n", dump({{"text", r->text}, {"ids", r->encoding.ids}, {"tokens", tokens}}).c_str());
        return 0;
    }
    std::printf("%s\n---\n%zu ids:", r->text.c_str(), r->encoding.ids.size());
    for (size_t i = 0; i < r->encoding.ids.size(); ++i)
        std::printf("%s%d", i ? ", " : " ", r->encoding.ids[i]);
    std::printf("\n");
    return 0;
}

}  // namespace

int cmdTokenize(int argc, char** argv) {
    auto o = parse(argc, argv);
    if (!o) return fail(o.error());
    const int modes = int(o->value("--text") != nullptr) + int(o->value("--file") != nullptr) +
                      int(o->value("--decode") != nullptr) + int(o->value("--chat") != nullptr);
    if (o->folder.empty() || modes != 1) return usage();
    auto tok = ft::tok::Tokenizer::load(o->folder);
    if (!tok) return fail(tok.error());
    if (o->value("--decode")) return decodeIds(*tok, *o);
    if (o->value("--chat")) return chat(*tok, *o);
    if (const std::string* file = o->value("--file")) {
        auto text = readFile(*file);
        if (!text) return fail(text.error());
        return encodeText(*tok, *o, *text);
    }
    return encodeText(*tok, *o, *o->value("--text"));
}
