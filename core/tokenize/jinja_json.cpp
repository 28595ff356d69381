#include "core/tokenize/jinja_json.h"

#include "core/tokenize/unicode.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ft::tok::jinja {

Value fromJson(const nlohmann::ordered_json& j) {
    switch (j.type()) {
        case nlohmann::ordered_json::value_t::null:
            return Value::none();
        case nlohmann::ordered_json::value_t::boolean:
            return Value::boolean(j.get<bool>());
        case nlohmann::ordered_json::value_t::number_integer:
            return Value::integer(j.get<int64_t>());
        case nlohmann::ordered_json::value_t::number_unsigned: {
            const auto u = j.get<uint64_t>();
            return u <= uint64_t(INT64_MAX) ? Value::integer(int64_t(u)) : Value::number(double(u));
        }
        case nlohmann::ordered_json::value_t::number_float:
            return Value::number(j.get<double>());
        case nlohmann::ordered_json::value_t::string:
            return Value::string(j.get<std::string>());
        case nlohmann::ordered_json::value_t::array: {
            std::vector<Value> items;
            items.reserve(j.size());
            for (const auto& x : j) items.push_back(fromJson(x));
            return Value::list(std::move(items));
        }
        case nlohmann::ordered_json::value_t::object: {
            DictData d;
            d.items.reserve(j.size());
            for (auto it = j.begin(); it != j.end(); ++it)
                d.items.emplace_back(it.key(), fromJson(it.value()));
            return Value::dict(std::move(d));
        }
        default:
            return Value::none();
    }
}

namespace {

void quote(std::string& out, const std::string& s, bool ensureAscii) {
    out += '"';
    size_t pos = 0;
    char buf[16];
    while (pos < s.size()) {
        const char32_t c = uni::next(s, pos);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                if (c < 0x20 || (ensureAscii && c > 0x7F)) {
                    if (c >= 0x10000) {
                        const char32_t v = c - 0x10000;
                        std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", unsigned(0xD800 + (v >> 10)),
                                      unsigned(0xDC00 + (v & 0x3FF)));
                    } else {
                        std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(c));
                    }
                    out += buf;
                } else {
                    uni::append(out, c);
                }
        }
    }
    out += '"';
}

Status dump(std::string& out, const Value& v, const JsonStyle& st, int depth) {
    using K = Value::Kind;
    const std::string itemSep = st.itemSeparator.value_or(st.indent ? "," : ", ");
    const std::string keySep = st.keySeparator.value_or(": ");
    auto newline = [&](int level) {
        if (!st.indent) return;
        out += '\n';
        out.append(size_t(std::max(0, *st.indent) * level), ' ');
    };
    switch (v.kind()) {
        case K::None:
            out += "null";
            return {};
        case K::Bool:
            out += v.asBool() ? "true" : "false";
            return {};
        case K::Int:
            out += std::to_string(v.asInt());
            return {};
        case K::Float: {
            const double d = v.asFloat();
            if (std::isnan(d))
                out += "NaN";
            else if (std::isinf(d))
                out += d > 0 ? "Infinity" : "-Infinity";
            else
                out += floatRepr(d);
            return {};
        }
        case K::String:
            quote(out, v.asString(), st.ensureAscii);
            return {};
        case K::List: {
            const auto& items = v.asList().items;
            if (items.empty()) return out += "[]", Status{};
            out += '[';
            for (size_t i = 0; i < items.size(); ++i) {
                if (i) out += itemSep;
                newline(depth + 1);
                if (Status s = dump(out, items[i], st, depth + 1); !s) return s;
            }
            newline(depth);
            out += ']';
            return {};
        }
        case K::Dict: {
            auto items = v.asDict().items;
            if (items.empty()) return out += "{}", Status{};
            if (st.sortKeys)
                std::stable_sort(items.begin(), items.end(),
                                 [](const auto& a, const auto& b) { return a.first < b.first; });
            out += '{';
            for (size_t i = 0; i < items.size(); ++i) {
                if (i) out += itemSep;
                newline(depth + 1);
                quote(out, items[i].first, st.ensureAscii);
                out += keySep;
                if (Status s = dump(out, items[i].second, st, depth + 1); !s) return s;
            }
            newline(depth);
            out += '}';
            return {};
        }
        default:
            return makeError("chat_template.render",
                             std::string("Object of type ") + typeName(v) + " is not JSON serializable");
    }
}

}  // namespace

Result<std::string> dumpJson(const Value& v, const JsonStyle& style) {
    std::string out;
    if (Status s = dump(out, v, style, 0); !s) return s.error();
    return out;
}

}  // namespace ft::tok::jinja
