#include "core/tokenize/post_processors.h"

#include "core/tokenize/json_util.h"
#include "core/tokenize/tokenizer.h"

#include <map>

namespace ft::tok {
namespace {

void appendSpecial(Encoding& e, const std::vector<int32_t>& ids, int32_t typeId) {
    for (int32_t id : ids) {
        e.ids.push_back(id);
        e.typeIds.push_back(typeId);
        e.specialMask.push_back(1);
    }
}

void appendSequence(Encoding& e, const Encoding& src, int32_t typeId) {
    e.ids.insert(e.ids.end(), src.ids.begin(), src.ids.end());
    e.typeIds.insert(e.typeIds.end(), src.ids.size(), typeId);
    e.specialMask.insert(e.specialMask.end(), src.specialMask.begin(), src.specialMask.end());
}

class Template final : public PostProcessor {
public:
    struct PieceT {
        bool special;
        std::string name;  // special token name, or "A"/"B"
        int32_t typeId;
    };
    std::vector<PieceT> m_single, m_pair;
    std::map<std::string, std::vector<int32_t>> m_specials;

    void process(std::vector<Encoding>& encs, bool add) const override {
        const bool isPair = encs.size() > 1;
        Encoding out;
        for (const auto& p : isPair ? m_pair : m_single) {
            if (p.special) {
                if (add) appendSpecial(out, m_specials.at(p.name), p.typeId);
            } else {
                const size_t idx = p.name == "A" ? 0 : 1;
                if (idx < encs.size()) appendSequence(out, encs[idx], p.typeId);
            }
        }
        encs.assign(1, std::move(out));
    }
};

class BertLike final : public PostProcessor {
public:
    BertLike(int32_t cls, int32_t sep, bool roberta) : m_cls(cls), m_sep(sep), m_roberta(roberta) {}
    void process(std::vector<Encoding>& encs, bool add) const override {
        if (!add) {
            if (m_roberta)  // RoBERTa has one segment embedding: even plain pairs get type id 0
                for (auto& e : encs) e.typeIds.assign(e.typeIds.size(), 0);
            return;
        }
        Encoding out;
        appendSpecial(out, {m_cls}, 0);
        appendSequence(out, encs[0], 0);
        appendSpecial(out, {m_sep}, 0);
        if (encs.size() > 1) {
            // RoBERTa has a single segment embedding: its pair keeps type id 0 throughout.
            const int32_t t = m_roberta ? 0 : 1;
            if (m_roberta) appendSpecial(out, {m_sep}, t);
            appendSequence(out, encs[1], t);
            appendSpecial(out, {m_sep}, t);
        }
        encs.assign(1, std::move(out));
    }

private:
    int32_t m_cls, m_sep;
    bool m_roberta;
};

class Passthrough final : public PostProcessor {
public:
    void process(std::vector<Encoding>&, bool) const override {}
};

class SequencePost final : public PostProcessor {
public:
    explicit SequencePost(std::vector<std::unique_ptr<PostProcessor>> items) : m_items(std::move(items)) {}
    void process(std::vector<Encoding>& encs, bool add) const override {
        for (const auto& p : m_items) p->process(encs, add);
    }

private:
    std::vector<std::unique_ptr<PostProcessor>> m_items;
};

Result<std::vector<Template::PieceT>> parseTemplate(const nlohmann::json& j, const std::string& path) {
    std::vector<Template::PieceT> out;
    if (j.is_string()) {  // Python-API string form "[CLS]:0 $A:0 [SEP]:0"
        std::string s = j.get<std::string>();
        size_t pos = 0;
        while (pos < s.size()) {
            while (pos < s.size() && s[pos] == ' ') ++pos;
            size_t end = s.find(' ', pos);
            if (end == std::string::npos) end = s.size();
            std::string item = s.substr(pos, end - pos);
            pos = end;
            if (item.empty()) continue;
            int32_t typeId = 0;
            const size_t colon = item.rfind(':');
            if (colon != std::string::npos && colon + 1 < item.size() &&
                item.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
                typeId = std::stoi(item.substr(colon + 1));
                item = item.substr(0, colon);
            }
            if (item[0] == '$') {
                std::string id = item.substr(1);
                if (id.empty() || id == "A")
                    out.push_back({false, "A", typeId});
                else if (id == "B")
                    out.push_back({false, "B", typeId});
                else if (id.find_first_not_of("0123456789") == std::string::npos)
                    out.push_back({false, "A", std::stoi(id)});
                else
                    return jsonutil::fieldError(path, "has an unknown sequence '" + item + "'");
            } else {
                out.push_back({true, item, typeId});
            }
        }
        return out;
    }
    if (!j.is_array()) return jsonutil::fieldError(path, "must be an array of template pieces");
    for (size_t i = 0; i < j.size(); ++i) {
        const auto& p = j[i];
        const std::string ip = path + "[" + std::to_string(i) + "]";
        const auto* sp = p.is_object() && p.contains("SpecialToken") ? &p["SpecialToken"] : nullptr;
        const auto* sq = p.is_object() && p.contains("Sequence") ? &p["Sequence"] : nullptr;
        const auto* body = sp ? sp : sq;
        if (!body || !body->is_object() || !body->contains("id") || !(*body)["id"].is_string())
            return jsonutil::fieldError(ip, "must be {\"SpecialToken\": {...}} or {\"Sequence\": {...}}");
        auto typeId = jsonutil::getInt(*body, "type_id", ip, 0);
        if (!typeId) return typeId.error();
        const std::string id = (*body)["id"].get<std::string>();
        if (sq && id != "A" && id != "B")
            return jsonutil::fieldError(ip + ".Sequence.id", "must be \"A\" or \"B\"");
        out.push_back({sp != nullptr, id, static_cast<int32_t>(*typeId)});
    }
    return out;
}

Result<std::pair<std::string, int32_t>> parseTokenPair(const nlohmann::json& j, const std::string& key,
                                                       const std::string& path,
                                                       std::pair<std::string, int32_t> fallback) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    if (!it->is_array() || it->size() != 2 || !(*it)[0].is_string() || !(*it)[1].is_number_integer())
        return jsonutil::fieldError(path + "." + key, "must be [token, id]");
    return std::make_pair((*it)[0].get<std::string>(), (*it)[1].get<int32_t>());
}

}  // namespace

Result<std::unique_ptr<PostProcessor>> makePostProcessor(const nlohmann::json& j, const std::string& path) {
    using Ptr = std::unique_ptr<PostProcessor>;
    if (j.is_null()) return Ptr{};
    if (!j.is_object()) return jsonutil::fieldError(path, "must be an object or null");
    auto type = jsonutil::getString(j, "type", path);
    if (!type) return type.error();
    const std::string& t = *type;
    if (t == "TemplateProcessing") {
        auto tp = std::make_unique<Template>();
        auto single = parseTemplate(j.value("single", nlohmann::json::array()), path + ".single");
        if (!single) return single.error();
        auto pair = parseTemplate(j.value("pair", nlohmann::json::array()), path + ".pair");
        if (!pair) return pair.error();
        tp->m_single = std::move(*single);
        tp->m_pair = std::move(*pair);
        if (auto st = j.find("special_tokens"); st != j.end() && st->is_object()) {
            for (auto it = st->begin(); it != st->end(); ++it) {
                const auto& ids = it.value().find("ids");
                if (ids == it.value().end() || !ids->is_array())
                    return jsonutil::fieldError(path + ".special_tokens." + it.key() + ".ids",
                                                "must be an array of ids");
                std::vector<int32_t> v;
                for (const auto& id : *ids) {
                    if (!id.is_number_integer())
                        return jsonutil::fieldError(path + ".special_tokens." + it.key() + ".ids",
                                                    "must hold integers");
                    v.push_back(id.get<int32_t>());
                }
                tp->m_specials[it.key()] = std::move(v);
            }
        }
        for (const auto* list : {&tp->m_single, &tp->m_pair})
            for (const auto& p : *list)
                if (p.special && !tp->m_specials.count(p.name))
                    return makeError("tokenizer.template_missing_special_token",
                                     "The template at '" + path + "' uses '" + p.name +
                                         "', which special_tokens does not define.",
                                     {}, -1, path + ".special_tokens");
        return Ptr(std::move(tp));
    }
    if (t == "BertProcessing" || t == "RobertaProcessing") {
        const bool roberta = t == "RobertaProcessing";
        auto sep = parseTokenPair(
            j, "sep", path,
            roberta ? std::make_pair(std::string("</s>"), 2) : std::make_pair(std::string("[SEP]"), 102));
        if (!sep) return sep.error();
        auto cls = parseTokenPair(
            j, "cls", path,
            roberta ? std::make_pair(std::string("<s>"), 0) : std::make_pair(std::string("[CLS]"), 101));
        if (!cls) return cls.error();
        return Ptr(new BertLike(cls->second, sep->second, roberta));
    }
    if (t == "ByteLevel") return Ptr(new Passthrough);  // only trims offsets, which we do not track
    if (t == "Sequence") {
        auto it = j.find("processors");
        if (it == j.end() || !it->is_array())
            return jsonutil::fieldError(path + ".processors", "must be an array");
        std::vector<Ptr> items;
        for (size_t i = 0; i < it->size(); ++i) {
            auto p = makePostProcessor((*it)[i], path + ".processors[" + std::to_string(i) + "]");
            if (!p) return p.error();
            if (*p) items.push_back(std::move(*p));
        }
        return Ptr(new SequencePost(std::move(items)));
    }
    return jsonutil::unsupported(path + ".type", "post-processor", t);
}

std::unique_ptr<PostProcessor> makeBosEosTemplate(std::optional<std::pair<std::string, int32_t>> bos,
                                                  std::optional<std::pair<std::string, int32_t>> eos) {
    auto tp = std::make_unique<Template>();
    for (int pass = 0; pass < 2; ++pass) {
        auto& list = pass == 0 ? tp->m_single : tp->m_pair;
        const int32_t typeIds[2] = {0, 1};
        for (int seq = 0; seq < (pass == 0 ? 1 : 2); ++seq) {
            if (bos) list.push_back({true, bos->first, typeIds[seq]});
            list.push_back({false, seq == 0 ? "A" : "B", typeIds[seq]});
            if (eos) list.push_back({true, eos->first, typeIds[seq]});
        }
    }
    if (bos) tp->m_specials[bos->first] = {bos->second};
    if (eos) tp->m_specials[eos->first] = {eos->second};
    return tp;
}

}  // namespace ft::tok
