#pragma once
// Python's operators on template values: arithmetic, `~`, comparisons and `in`, with Python's
// results and TypeError messages (jinja2 evaluates them on Python objects).

#include "core/tokenize/jinja_value.h"

#include <string>

namespace ft::tok::jinja {

// op: + - * / // % ** ~
Result<Value> binaryOp(const std::string& op, const Value& a, const Value& b);
// op: == != < <= > >= in notin
Result<bool> compareOp(const std::string& op, const Value& a, const Value& b);
Result<Value> unaryOp(const std::string& op, const Value& a);  // - +

}  // namespace ft::tok::jinja
