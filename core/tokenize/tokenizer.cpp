#include "core/tokenize/tokenizer.h"

#include "core/tokenize/tokenizer_impl.h"
#include "core/tokenize/unicode.h"

namespace ft::tok {

Tokenizer::Tokenizer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

void Tokenizer::Impl::encodeSequence(std::string_view raw, int32_t typeId, Encoding& out) const {
    const std::string text = uni::sanitize(raw);
    std::vector<Segment> segments;
    added.extract(text, normalizer.get(), segments);
    std::vector<Piece> pieces;
    for (auto& seg : segments) {
        if (seg.id) {
            out.ids.push_back(*seg.id);
            continue;
        }
        pieces.clear();
        pieces.push_back(Piece{std::move(seg.text), seg.atStart});
        if (preTokenizer) preTokenizer->split(pieces);
        for (const auto& p : pieces) model->tokenize(p.text, out.ids);
    }
    out.typeIds.assign(out.ids.size(), typeId);
    out.specialMask.assign(out.ids.size(), 0);
}

static Encoding finish(const Tokenizer::Impl& impl, std::vector<Encoding> encs, bool addSpecialTokens) {
    if (impl.postProcessor) impl.postProcessor->process(encs, addSpecialTokens);
    if (encs.size() == 1) return std::move(encs[0]);
    Encoding out;
    for (auto& e : encs) {
        out.ids.insert(out.ids.end(), e.ids.begin(), e.ids.end());
        out.typeIds.insert(out.typeIds.end(), e.typeIds.begin(), e.typeIds.end());
        out.specialMask.insert(out.specialMask.end(), e.specialMask.begin(), e.specialMask.end());
    }
    return out;
}

Encoding Tokenizer::encode(std::string_view text, bool addSpecialTokens) const {
    std::vector<Encoding> encs(1);
    m_impl->encodeSequence(text, 0, encs[0]);
    return finish(*m_impl, std::move(encs), addSpecialTokens);
}

Encoding Tokenizer::encodePair(std::string_view a, std::string_view b, bool addSpecialTokens) const {
    std::vector<Encoding> encs(2);
    m_impl->encodeSequence(a, 0, encs[0]);
    m_impl->encodeSequence(b, 1, encs[1]);
    return finish(*m_impl, std::move(encs), addSpecialTokens);
}

std::string Tokenizer::decode(const std::vector<int32_t>& ids, bool skipSpecialTokens) const {
    std::vector<std::string> tokens;
    tokens.reserve(ids.size());
    for (int32_t id : ids) {
        if (const std::string* t = m_impl->added.idToToken(id)) {
            if (skipSpecialTokens && m_impl->added.isSpecial(id)) continue;
            tokens.push_back(*t);
        } else if (auto t = m_impl->model->idToToken(id)) {
            tokens.push_back(std::move(*t));
        }
    }
    if (!m_impl->decoder) {
        std::string out;
        for (size_t i = 0; i < tokens.size(); ++i) out += (i ? " " : "") + tokens[i];
        return out;
    }
    m_impl->decoder->decodeChain(tokens);
    std::string out;
    for (const auto& t : tokens) out += t;
    return out;
}

int32_t Tokenizer::vocabSize() const {
    return m_impl->vocabSize;
}

std::optional<int32_t> Tokenizer::tokenToId(std::string_view token) const {
    if (auto id = m_impl->added.tokenToId(token)) return id;
    return m_impl->model->tokenToId(token);
}

std::string Tokenizer::idToToken(int32_t id) const {
    if (const std::string* t = m_impl->added.idToToken(id)) return *t;
    return m_impl->model->idToToken(id).value_or(std::string());
}

const SpecialTokens& Tokenizer::specialTokens() const {
    return m_impl->special;
}
int64_t Tokenizer::modelMaxLength() const {
    return m_impl->modelMaxLength;
}

}  // namespace ft::tok
