#pragma once
// Strict UTF-8 validation: JSON parsers differ in what they let through (overlongs, surrogates),
// and the safetensors reference rejects any invalid header byte.

#include <string_view>

namespace ft::io {

// True when `text` is well-formed UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
bool isValidUtf8(std::string_view text);

}  // namespace ft::io
