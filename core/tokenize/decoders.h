#pragma once
// tokenizer.json "decoder" objects (formats.md §3.7). Each transforms the token list in place;
// the tokenizer joins what is left.

#include "core/common/result.h"
#include "core/tokenize/components.h"

#include <nlohmann/json.hpp>

namespace ft::tok {

Result<std::unique_ptr<Decoder>> makeDecoder(const nlohmann::json& j, const std::string& path);

}  // namespace ft::tok
