#pragma once
// Fast path for JSON Lines: one flat object per line ({"key": "text" | integer | true | false | null, ...}),
// parsed without building a DOM. Anything else (nested values, fractions, odd escapes, invalid JSON)
// returns false and the caller parses the line with nlohmann::json, which also words the errors.

#include <string>
#include <string_view>
#include <vector>

namespace ft::data {

struct FlatObject {
    std::vector<std::string> keys;
    std::vector<std::string> values;  // strings unescaped, integers and booleans as written, null as ""
    size_t size = 0;                  // pairs in use; the vectors keep their strings between lines
};

// Fills `out` and returns true when `line` is a flat object this parser accepts as valid JSON.
bool parseFlatObject(std::string_view line, FlatObject& out);

}  // namespace ft::data
