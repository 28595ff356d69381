#pragma once
// The pipeline stages of a tokenizer (formats.md §3.1), as small polymorphic objects built from
// tokenizer.json. Internal to core/tokenize: tokenizer.h hides them behind a pimpl.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ft::tok {

struct Encoding;

// A piece of text travelling through pre-tokenization. `atStart`: it begins at offset 0 of the
// original input (Metaspace's prepend_scheme "first" depends on it).
struct Piece {
    std::string text;
    bool atStart = false;
};

class Normalizer {
public:
    virtual ~Normalizer() = default;
    virtual void normalize(std::string& text) const = 0;
};

class PreTokenizer {
public:
    virtual ~PreTokenizer() = default;
    virtual void split(std::vector<Piece>& pieces) const = 0;
};

class Model {
public:
    virtual ~Model() = default;
    virtual void tokenize(std::string_view word, std::vector<int32_t>& out) const = 0;
    virtual std::optional<int32_t> tokenToId(std::string_view token) const = 0;
    virtual std::optional<std::string> idToToken(int32_t id) const = 0;
    virtual int32_t maxId() const = 0;  // -1 when empty
};

class PostProcessor {
public:
    virtual ~PostProcessor() = default;
    // `encodings` holds the first sequence and, for pairs, the second; the caller concatenates
    // whatever list is left (HF's process_encodings + Encoding::merge).
    virtual void process(std::vector<Encoding>& encodings, bool addSpecialTokens) const = 0;
};

class Decoder {
public:
    virtual ~Decoder() = default;
    virtual void decodeChain(std::vector<std::string>& tokens) const = 0;
};

}  // namespace ft::tok
