#pragma once
// Reading tokenizer.json fields with errors that name the JSON path of the offending field.

#include "core/common/result.h"

#include <nlohmann/json.hpp>

#include <string>

namespace ft::tok::jsonutil {

inline Error fieldError(const std::string& path, const std::string& what) {
    return makeError("tokenizer.invalid_field", "Field '" + path + "' " + what + ".", {}, -1, path);
}

inline Error unsupported(const std::string& path, const std::string& kind, const std::string& type) {
    return makeError("tokenizer.unsupported_component",
                     "The " + kind + " type '" + type + "' at '" + path + "' is not supported.", {}, -1,
                     path);
}

// The value of `key` when it is a string; `fallback` when absent or null; error when another type.
inline Result<std::string> getString(const nlohmann::json& obj, const std::string& key,
                                     const std::string& path, const std::string& fallback = {}) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return fallback;
    if (!it->is_string()) return fieldError(path + "." + key, "must be a string");
    return it->get<std::string>();
}

inline Result<bool> getBool(const nlohmann::json& obj, const std::string& key, const std::string& path,
                            bool fallback) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return fallback;
    if (!it->is_boolean()) return fieldError(path + "." + key, "must be true or false");
    return it->get<bool>();
}

inline Result<int64_t> getInt(const nlohmann::json& obj, const std::string& key, const std::string& path,
                              int64_t fallback) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return fallback;
    if (!it->is_number_integer()) return fieldError(path + "." + key, "must be an integer");
    return it->get<int64_t>();
}

// {"String": s} or {"Regex": r} → regex source (literal strings escaped).
Result<std::string> getPattern(const nlohmann::json& obj, const std::string& key, const std::string& path);

}  // namespace ft::tok::jsonutil
