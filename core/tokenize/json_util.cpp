#include "core/tokenize/json_util.h"

#include "core/tokenize/regex.h"

namespace ft::tok::jsonutil {

Result<std::string> getPattern(const nlohmann::json& obj, const std::string& key, const std::string& path) {
    auto it = obj.find(key);
    const std::string p = path + "." + key;
    if (it == obj.end() || !it->is_object())
        return fieldError(p, "must be {\"String\": ...} or {\"Regex\": ...}");
    if (auto s = it->find("String"); s != it->end() && s->is_string())
        return Regex::escape(s->get<std::string>());
    if (auto r = it->find("Regex"); r != it->end() && r->is_string()) return r->get<std::string>();
    return fieldError(p, "must be {\"String\": ...} or {\"Regex\": ...}");
}

}  // namespace ft::tok::jsonutil
