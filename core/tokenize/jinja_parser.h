#pragma once
// Tokens → statement tree, following jinja2's parser.py (operator precedence, filters binding
// tighter than arithmetic, `is` tests, slices, implicit string concatenation). Constructs outside
// the supported subset are errors naming the line and the construct.

#include "core/tokenize/jinja_ast.h"
#include "core/tokenize/jinja_lexer.h"

namespace ft::tok::jinja {

Result<Body> parse(const std::vector<Token>& tokens, const std::string& origin);

}  // namespace ft::tok::jinja
