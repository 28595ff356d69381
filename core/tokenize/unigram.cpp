#include "core/tokenize/unigram.h"

#include "core/tokenize/json_util.h"

#include <algorithm>
#include <limits>

namespace ft::tok {

namespace {
constexpr double kUnkPenalty = 10.0;
}

Result<std::unique_ptr<UnigramModel>> UnigramModel::fromJson(const nlohmann::json& j,
                                                             const std::string& path) {
    auto vit = j.find("vocab");
    if (vit == j.end() || !vit->is_array())
        return jsonutil::fieldError(path + ".vocab", "must be an array of [piece, score]");
    auto m = std::make_unique<UnigramModel>();
    double minScore = std::numeric_limits<double>::max();
    for (size_t i = 0; i < vit->size(); ++i) {
        const auto& e = (*vit)[i];
        if (!e.is_array() || e.size() != 2 || !e[0].is_string() || !e[1].is_number())
            return jsonutil::fieldError(path + ".vocab[" + std::to_string(i) + "]", "must be [piece, score]");
        const std::string piece = e[0].get<std::string>();
        m->m_vocab.add(piece, static_cast<int32_t>(i));
        m->m_scores.push_back(e[1].get<double>());
        minScore = std::min(minScore, m->m_scores.back());
        m->m_maxPieceBytes = std::max(m->m_maxPieceBytes, piece.size());
    }
    auto unk = jsonutil::getInt(j, "unk_id", path, -1);
    if (!unk) return unk.error();
    if (*unk >= static_cast<int64_t>(m->m_scores.size()))
        return jsonutil::fieldError(path + ".unk_id", "is outside the vocabulary");
    if (*unk >= 0) m->m_unkId = static_cast<int32_t>(*unk);
    auto fb = jsonutil::getBool(j, "byte_fallback", path, false);
    if (!fb) return fb.error();
    m->m_byteFallback = *fb;
    m->m_unkScore = (m->m_scores.empty() ? 0.0 : minScore) - kUnkPenalty;
    return m;
}

void UnigramModel::tokenize(std::string_view word, std::vector<int32_t>& out) const {
    if (word.empty() || m_cache.lookup(word, out)) return;
    const size_t mark = out.size();
    tokenizeUncached(word, out);
    m_cache.store(word, out.data() + mark, out.size() - mark);
}

void UnigramModel::tokenizeUncached(std::string_view s, std::vector<int32_t>& out) const {
    const size_t n = s.size();
    struct Node {
        double score = 0;
        size_t start = 0;
        int32_t id = -1;
        bool set = false;
    };
    std::vector<Node> best(n + 1);
    best[0].set = true;
    std::string piece;
    for (size_t pos = 0; pos < n; ++pos) {
        if (!best[pos].set || (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) continue;
        size_t charEnd = pos + 1;
        while (charEnd < n && (static_cast<unsigned char>(s[charEnd]) & 0xC0) == 0x80) ++charEnd;
        bool singleChar = false;
        for (size_t end = charEnd; end <= n && end - pos <= m_maxPieceBytes; ++end) {
            if (end < n && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) continue;
            auto id = m_vocab.find(s.substr(pos, end - pos));
            if (!id) continue;
            if (end == charEnd) singleChar = true;
            const double cand = best[pos].score + m_scores[static_cast<size_t>(*id)];
            if (!best[end].set || cand > best[end].score) best[end] = {cand, pos, *id, true};
        }
        if (!singleChar && m_unkId) {
            const double cand = best[pos].score + m_unkScore;
            if (!best[charEnd].set || cand > best[charEnd].score) best[charEnd] = {cand, pos, *m_unkId, true};
        }
    }
    if (!best[n].set) return;  // no unk id and an unknown char: HF errors; we emit nothing
    std::vector<std::pair<size_t, size_t>> spans;  // reversed
    std::vector<bool> isUnk;
    for (size_t end = n; end > 0;) {
        const Node& node = best[end];
        const bool unk = m_unkId && node.id == *m_unkId;
        if (unk && !isUnk.empty() && isUnk.back())
            spans.back().first = node.start;  // fuse unk runs
        else {
            spans.emplace_back(node.start, end);
            isUnk.push_back(unk);
        }
        end = node.start;
    }
    for (size_t k = spans.size(); k-- > 0;) {
        const auto sv = s.substr(spans[k].first, spans[k].second - spans[k].first);
        auto id = m_vocab.find(sv);
        if (!id || (m_unkId && *id == *m_unkId && isUnk[k])) {
            if (m_byteFallback) {
                std::vector<int32_t> bytes;
                static const char* hex = "0123456789ABCDEF";
                for (unsigned char b : sv) {
                    const std::string tok = std::string("<0x") + hex[b >> 4] + hex[b & 15] + ">";
                    if (auto bid = m_vocab.find(tok))
                        bytes.push_back(*bid);
                    else
                        break;
                }
                if (bytes.size() == sv.size()) {
                    out.insert(out.end(), bytes.begin(), bytes.end());
                    continue;
                }
            }
            if (m_unkId) out.push_back(*m_unkId);
            continue;
        }
        out.push_back(*id);
    }
}

}  // namespace ft::tok
