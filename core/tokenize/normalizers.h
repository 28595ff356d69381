#pragma once
// tokenizer.json "normalizer" objects (formats.md §3.4).

#include "core/common/result.h"
#include "core/tokenize/components.h"

#include <nlohmann/json.hpp>

namespace ft::tok {

// Null JSON → nullptr (no normalization). `path` names the JSON location for errors.
Result<std::unique_ptr<Normalizer>> makeNormalizer(const nlohmann::json& j, const std::string& path);

}  // namespace ft::tok
