#pragma once
// The comparison key for near-duplicates: lowercase (ASCII), punctuation stripped, whitespace
// collapsed and trimmed. Non-ASCII bytes are kept as they are.

#include <string>
#include <string_view>

namespace ft::data {

std::string normalizedKey(std::string_view text);

}  // namespace ft::data
