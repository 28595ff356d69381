#pragma once
// Runs a parsed template: statements write text, expressions evaluate with jinja2's scoping
// (a loop iteration is a scope of its own; `if` is not; namespace() objects are shared).

#include "core/tokenize/jinja_ast.h"

namespace ft::tok::jinja {

Result<std::string> renderBody(const Body& body, const std::string& origin, const DictData& variables);

}  // namespace ft::tok::jinja
