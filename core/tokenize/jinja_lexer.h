#pragma once
// Template source → tokens, with jinja2's whitespace control as transformers configures it
// (trim_blocks, lstrip_blocks, `-` and `+` markers, one trailing newline dropped). Comments vanish
// and {% raw %} blocks become text here, so the parser sees only text, tags and expression tokens.

#include "core/common/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace ft::tok::jinja {

enum class TokenType {
    Text,
    VariableBegin,
    VariableEnd,
    BlockBegin,
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    Operator,
    End
};

struct Token {
    TokenType type;
    std::string value;  // text, name, operator, or the unescaped string literal
    int line;
};

Result<std::vector<Token>> lex(std::string_view source, const std::string& origin);

}  // namespace ft::tok::jinja
