#include "core/tokenize/bpe.h"

#include "core/tokenize/json_util.h"

#include <queue>

namespace ft::tok {

namespace {
std::string byteToken(uint8_t b) {
    static const char* hex = "0123456789ABCDEF";
    return std::string("<0x") + hex[b >> 4] + hex[b & 15] + ">";
}
}  // namespace

Result<std::unique_ptr<BpeModel>> BpeModel::create(
    Vocab vocab, const std::vector<std::pair<std::string, std::string>>& merges, BpeOptions options,
    const std::string& path) {
    auto m = std::unique_ptr<BpeModel>(new BpeModel);
    m->m_vocab = std::move(vocab);
    m->m_options = std::move(options);
    const size_t prefixLen = m->m_options.continuingSubwordPrefix.size();
    m->m_merges.reserve(merges.size() * 2);
    for (size_t i = 0; i < merges.size(); ++i) {
        const auto& [a, b] = merges[i];
        auto ia = m->m_vocab.find(a);
        auto ib = m->m_vocab.find(b);
        std::string merged = a;
        if (prefixLen && b.compare(0, prefixLen, m->m_options.continuingSubwordPrefix) == 0)
            merged += b.substr(prefixLen);
        else
            merged += b;
        auto in = m->m_vocab.find(merged);
        if (!ia || !ib || !in) {
            const std::string& missing = !ia ? a : (!ib ? b : merged);
            const std::string field = path + ".merges[" + std::to_string(i) + "]";
            return makeError("tokenizer.merge_token_not_in_vocab",
                             "Merge " + std::to_string(i) + " ('" + a + "' '" + b + "') uses the token '" +
                                 missing + "', which is not in the vocabulary.",
                             {}, -1, field);
        }
        m->m_merges[key(*ia, *ib)] = MergeTarget{static_cast<int32_t>(i), *in};
    }
    if (m->m_options.unkToken) {
        m->m_unkId = m->m_vocab.find(*m->m_options.unkToken);
        if (!m->m_unkId)
            return makeError("tokenizer.unk_token_not_in_vocab",
                             "The unk_token '" + *m->m_options.unkToken + "' is not in the vocabulary.", {},
                             -1, path + ".unk_token");
    }
    m->m_allBytes = true;
    for (int b = 0; b < 256; ++b) {
        auto id = m->m_vocab.find(byteToken(static_cast<uint8_t>(b)));
        m->m_byteIds[b] = id ? *id : -1;
        if (!id) m->m_allBytes = false;
    }
    return m;
}

Result<std::unique_ptr<BpeModel>> BpeModel::fromJson(const nlohmann::json& j, const std::string& path) {
    using namespace jsonutil;
    BpeOptions o;
    auto unk = getString(j, "unk_token", path);
    auto prefix = getString(j, "continuing_subword_prefix", path);
    auto suffix = getString(j, "end_of_word_suffix", path);
    auto fuse = getBool(j, "fuse_unk", path, false);
    auto fallback = getBool(j, "byte_fallback", path, false);
    auto ignore = getBool(j, "ignore_merges", path, false);
    for (const Error* e : {unk ? nullptr : &unk.error(), prefix ? nullptr : &prefix.error(),
                           suffix ? nullptr : &suffix.error(), fuse ? nullptr : &fuse.error(),
                           fallback ? nullptr : &fallback.error(), ignore ? nullptr : &ignore.error()})
        if (e) return *e;
    if (j.contains("unk_token") && j["unk_token"].is_string()) o.unkToken = *unk;
    o.continuingSubwordPrefix = *prefix;
    o.endOfWordSuffix = *suffix;
    o.fuseUnk = *fuse;
    o.byteFallback = *fallback;
    o.ignoreMerges = *ignore;

    auto vit = j.find("vocab");
    if (vit == j.end() || !vit->is_object())
        return fieldError(path + ".vocab", "must be an object of token → id");
    Vocab vocab;
    for (auto it = vit->begin(); it != vit->end(); ++it) {
        if (!it.value().is_number_integer() || it.value().get<int64_t>() < 0 ||
            it.value().get<int64_t>() > INT32_MAX)
            return fieldError(path + ".vocab." + it.key(), "must be a non-negative integer id");
        vocab.add(it.key(), it.value().get<int32_t>());
    }
    auto mit = j.find("merges");
    std::vector<std::pair<std::string, std::string>> merges;
    if (mit != j.end() && !mit->is_null()) {
        if (!mit->is_array()) return fieldError(path + ".merges", "must be an array");
        merges.reserve(mit->size());
        for (size_t i = 0; i < mit->size(); ++i) {
            const auto& m = (*mit)[i];
            const std::string field = path + ".merges[" + std::to_string(i) + "]";
            if (m.is_string()) {
                const std::string s = m.get<std::string>();
                const size_t sp = s.find(' ');
                if (sp == std::string::npos || s.find(' ', sp + 1) != std::string::npos)
                    return makeError("tokenizer.bad_merges",
                                     "Merge " + std::to_string(i) + " ('" + s +
                                         "') must be two tokens separated by one space.",
                                     {}, -1, field);
                merges.emplace_back(s.substr(0, sp), s.substr(sp + 1));
            } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
                merges.emplace_back(m[0].get<std::string>(), m[1].get<std::string>());
            } else {
                return makeError(
                    "tokenizer.bad_merges",
                    "Merge " + std::to_string(i) + " must be a string \"a b\" or a pair [\"a\", \"b\"].", {},
                    -1, field);
            }
        }
    }
    auto model = create(std::move(vocab), merges, std::move(o), path);
    if (!model) return model.error();
    return std::move(*model);
}

void BpeModel::tokenize(std::string_view word, std::vector<int32_t>& out) const {
    if (word.empty()) return;
    if (m_options.ignoreMerges) {
        if (auto id = m_vocab.find(word)) {
            out.push_back(*id);
            return;
        }
    }
    if (m_cache.lookup(word, out)) return;
    const size_t mark = out.size();
    tokenizeUncached(word, out);
    m_cache.store(word, out.data() + mark, out.size() - mark);
}

void BpeModel::tokenizeUncached(std::string_view w, std::vector<int32_t>& out) const {
    struct Symbol {
        int32_t id;
        int32_t prev;
        int32_t next;
        bool alive;
    };
    std::vector<Symbol> symbols;
    symbols.reserve(w.size());
    auto add = [&](int32_t id) {
        const int32_t idx = static_cast<int32_t>(symbols.size());
        if (idx > 0) symbols.back().next = idx;
        symbols.push_back({id, idx - 1, -1, true});
    };
    int32_t pendingUnk = -1;  // unk id waiting to be emitted (fused runs)
    std::string s;
    size_t i = 0;
    while (i < w.size()) {
        size_t e = i + 1;
        while (e < w.size() && (static_cast<unsigned char>(w[e]) & 0xC0) == 0x80) ++e;
        const bool first = i == 0, last = e == w.size();
        s.clear();
        if (!first) s += m_options.continuingSubwordPrefix;
        s.append(w.substr(i, e - i));
        if (last) s += m_options.endOfWordSuffix;
        const std::optional<int32_t> id = m_vocab.find(s);
        if (id) {
            if (pendingUnk >= 0) {
                add(pendingUnk);
                pendingUnk = -1;
            }
            add(*id);
        } else {
            bool done = false;
            if (m_options.byteFallback) {
                bool all = true;
                for (unsigned char b : s) all = all && m_byteIds[b] >= 0;
                if (all) {
                    for (unsigned char b : s) add(m_byteIds[b]);
                    done = true;
                }
            }
            if (!done && m_unkId) {
                if (pendingUnk >= 0 && !m_options.fuseUnk) add(pendingUnk);
                pendingUnk = *m_unkId;
            }
        }
        i = e;
    }
    if (pendingUnk >= 0) add(pendingUnk);

    struct Merge {
        int32_t rank;
        int32_t pos;
        int32_t newId;
        bool operator>(const Merge& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
    };
    std::priority_queue<Merge, std::vector<Merge>, std::greater<Merge>> queue;
    auto lookup = [&](int32_t a, int32_t b) -> const MergeTarget* {
        auto it = m_merges.find(key(a, b));
        return it == m_merges.end() ? nullptr : &it->second;
    };
    for (size_t k = 0; k + 1 < symbols.size(); ++k)
        if (auto m = lookup(symbols[k].id, symbols[k + 1].id))
            queue.push({m->rank, static_cast<int32_t>(k), m->newId});
    while (!queue.empty()) {
        const Merge top = queue.top();
        queue.pop();
        Symbol& cur = symbols[static_cast<size_t>(top.pos)];
        if (!cur.alive || cur.next < 0) continue;
        Symbol& right = symbols[static_cast<size_t>(cur.next)];
        const MergeTarget* m = lookup(cur.id, right.id);
        if (!m || m->newId != top.newId) continue;  // stale entry
        cur.id = top.newId;
        right.alive = false;
        cur.next = right.next;
        if (right.next >= 0) symbols[static_cast<size_t>(right.next)].prev = top.pos;
        if (cur.prev >= 0)
            if (auto pm = lookup(symbols[static_cast<size_t>(cur.prev)].id, cur.id))
                queue.push({pm->rank, cur.prev, pm->newId});
        if (cur.next >= 0)
            if (auto nm = lookup(cur.id, symbols[static_cast<size_t>(cur.next)].id))
                queue.push({nm->rank, top.pos, nm->newId});
    }
    for (const auto& sym : symbols)
        if (sym.alive) out.push_back(sym.id);
}

}  // namespace ft::tok
