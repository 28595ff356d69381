#pragma once
// JSON in and out of template values: messages arrive as JSON, and `tojson` writes what
// transformers' override of it writes (Python's json.dumps, ensure_ascii=False by default).

#include "core/tokenize/jinja_value.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace ft::tok::jinja {

// Objects keep their key order (ordered_json), as Python's json.load does.
Value fromJson(const nlohmann::ordered_json& j);

struct JsonStyle {
    std::optional<int> indent;                               // None: one line
    std::optional<std::string> itemSeparator, keySeparator;  // defaults as json.dumps picks them
    bool sortKeys = false;
    bool ensureAscii = false;
};

// Errors (code "chat_template.render") for values JSON cannot hold (Undefined, namespaces, functions).
Result<std::string> dumpJson(const Value& v, const JsonStyle& style);

}  // namespace ft::tok::jinja
