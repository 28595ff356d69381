#include "core/tokenize/jinja_value.h"

#include "core/tokenize/unicode.h"

#include <utf8proc.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace ft::tok::jinja {

const Value* DictData::find(std::string_view key) const {
    for (const auto& [k, v] : items)
        if (k == key) return &v;
    return nullptr;
}

void DictData::set(const std::string& key, Value value) {
    for (auto& [k, v] : items)
        if (k == key) {
            v = std::move(value);
            return;
        }
    items.emplace_back(key, std::move(value));
}

const Value* CallArgs::get(size_t index, std::string_view name) const {
    if (index < positional.size()) return &positional[index];
    for (const auto& [k, v] : named)
        if (k == name) return &v;
    return nullptr;
}

Value Value::list(std::vector<Value> items, bool tuple) {
    return Value(std::shared_ptr<const ListData>(new ListData{std::move(items), tuple}));
}
Value Value::dict(DictData d) {
    return Value(std::shared_ptr<const DictData>(new DictData(std::move(d))));
}
Value Value::makeNamespace(DictData attrs) {
    return Value(std::make_shared<NamespaceData>(NamespaceData{std::move(attrs)}));
}
Value Value::callable(std::string name, NativeFn fn) {
    return Value(std::shared_ptr<const CallableData>(new CallableData{std::move(name), std::move(fn)}));
}

bool Value::sameObject(const Value& o) const {
    if (kind() != o.kind()) return false;
    switch (kind()) {
        case Kind::Undefined:
            return false;
        case Kind::None:
            return true;
        case Kind::List:
            return &asList() == &o.asList();
        case Kind::Dict:
            return &asDict() == &o.asDict();
        case Kind::Namespace:
            return &asNamespace() == &o.asNamespace();
        case Kind::Callable:
            return &asCallable() == &o.asCallable();
        default:
            return equals(*this, o);  // small ints, bools and interned strings in CPython
    }
}

const char* typeName(const Value& v) {
    switch (v.kind()) {
        case Value::Kind::Undefined:
            return "Undefined";
        case Value::Kind::None:
            return "NoneType";
        case Value::Kind::Bool:
            return "bool";
        case Value::Kind::Int:
            return "int";
        case Value::Kind::Float:
            return "float";
        case Value::Kind::String:
            return "str";
        case Value::Kind::List:
            return v.asList().tuple ? "tuple" : "list";
        case Value::Kind::Dict:
            return "dict";
        case Value::Kind::Namespace:
            return "Namespace";
        case Value::Kind::Callable:
            return "function";
    }
    return "object";
}

bool truthy(const Value& v) {
    switch (v.kind()) {
        case Value::Kind::Undefined:
        case Value::Kind::None:
            return false;
        case Value::Kind::Bool:
            return v.asBool();
        case Value::Kind::Int:
            return v.asInt() != 0;
        case Value::Kind::Float:
            return v.asFloat() != 0.0;
        case Value::Kind::String:
            return !v.asString().empty();
        case Value::Kind::List:
            return !v.asList().items.empty();
        case Value::Kind::Dict:
            return !v.asDict().items.empty();
        default:
            return true;
    }
}

std::string floatRepr(double d) {
    if (std::isnan(d)) return "nan";
    if (std::isinf(d)) return d < 0 ? "-inf" : "inf";
    if (d == 0) return std::signbit(d) ? "-0.0" : "0.0";
    char buf[40];
    int prec = 1;
    for (; prec <= 17; ++prec) {  // shortest digit string that reads back as the same double
        std::snprintf(buf, sizeof buf, "%.*e", prec - 1, d);
        if (std::strtod(buf, nullptr) == d) break;
    }
    std::string s = buf;  // [-]d.ddde[+-]XX
    const bool neg = s[0] == '-';
    if (neg) s.erase(0, 1);
    const size_t e = s.find('e');
    const int exp10 = std::atoi(s.c_str() + e + 1);
    std::string digits = s.substr(0, e);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    const int decpt = exp10 + 1;  // position of the decimal point relative to the digits
    std::string out = neg ? "-" : "";
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0) {
            out += "0." + std::string(size_t(-decpt), '0') + digits;
        } else if (size_t(decpt) >= digits.size()) {
            out += digits + std::string(size_t(decpt) - digits.size(), '0') + ".0";
        } else {
            out += digits.substr(0, size_t(decpt)) + "." + digits.substr(size_t(decpt));
        }
    } else {
        out += digits.substr(0, 1);
        if (digits.size() > 1) out += "." + digits.substr(1);
        char ebuf[16];
        std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exp10 < 0 ? '-' : '+', std::abs(exp10));
        out += ebuf;
    }
    return out;
}

bool isPySpace(char32_t c) {
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
           c == 0x3000;
}

std::u32string toU32(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    size_t pos = 0;
    while (pos < s.size()) out.push_back(uni::next(s, pos));
    return out;
}

std::string fromU32(std::u32string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char32_t c : s) uni::append(out, c);
    return out;
}

std::string pyStrip(std::string_view s, const std::optional<std::string>& chars, bool left, bool right) {
    const std::u32string u = toU32(s);
    const std::u32string set = chars ? toU32(*chars) : std::u32string();
    auto strip = [&](char32_t c) { return chars ? set.find(c) != std::u32string::npos : isPySpace(c); };
    size_t b = 0, e = u.size();
    if (left)
        while (b < e && strip(u[b])) ++b;
    if (right)
        while (e > b && strip(u[e - 1])) --e;
    return fromU32(std::u32string_view(u).substr(b, e - b));
}

namespace {

bool printable(char32_t c) {
    if (c == ' ') return true;
    const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(c));
    switch (cat) {
        case UTF8PROC_CATEGORY_CC:
        case UTF8PROC_CATEGORY_CF:
        case UTF8PROC_CATEGORY_CS:
        case UTF8PROC_CATEGORY_CO:
        case UTF8PROC_CATEGORY_CN:
        case UTF8PROC_CATEGORY_ZL:
        case UTF8PROC_CATEGORY_ZP:
        case UTF8PROC_CATEGORY_ZS:
            return false;
        default:
            return true;
    }
}

std::string reprString(const std::string& s) {
    const bool single = s.find('\'') != std::string::npos;
    const char quote = single && s.find('"') == std::string::npos ? '"' : '\'';
    std::string out(1, quote);
    size_t pos = 0;
    while (pos < s.size()) {
        const char32_t c = uni::next(s, pos);
        if (c == char32_t(quote) || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (!printable(c)) {
            char buf[12];
            if (c < 0x100)
                std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(c));
            else if (c < 0x10000)
                std::snprintf(buf, sizeof buf, "\\u%04x", unsigned(c));
            else
                std::snprintf(buf, sizeof buf, "\\U%08x", unsigned(c));
            out += buf;
        } else {
            uni::append(out, c);
        }
    }
    return out + quote;
}

}  // namespace

std::string toStr(const Value& v) {
    switch (v.kind()) {
        case Value::Kind::Undefined:
            return {};
        case Value::Kind::String:
            return v.asString();
        default:
            return repr(v);
    }
}

std::string repr(const Value& v) {
    switch (v.kind()) {
        case Value::Kind::Undefined:
            return "Undefined";
        case Value::Kind::None:
            return "None";
        case Value::Kind::Bool:
            return v.asBool() ? "True" : "False";
        case Value::Kind::Int:
            return std::to_string(v.asInt());
        case Value::Kind::Float:
            return floatRepr(v.asFloat());
        case Value::Kind::String:
            return reprString(v.asString());
        case Value::Kind::List: {
            const auto& l = v.asList();
            std::string out = l.tuple ? "(" : "[";
            for (size_t i = 0; i < l.items.size(); ++i) out += (i ? ", " : "") + repr(l.items[i]);
            if (l.tuple && l.items.size() == 1) out += ",";
            return out + (l.tuple ? ")" : "]");
        }
        case Value::Kind::Dict: {
            std::string out = "{";
            bool first = true;
            for (const auto& [k, val] : v.asDict().items) {
                out += (first ? "" : ", ") + reprString(k) + ": " + repr(val);
                first = false;
            }
            return out + "}";
        }
        case Value::Kind::Namespace:
            return "<Namespace " + repr(Value::dict(v.asNamespace().attrs)) + ">";
        case Value::Kind::Callable:
            return "<function " + v.asCallable().name + ">";
    }
    return {};
}

bool equals(const Value& a, const Value& b) {
    using K = Value::Kind;
    if (a.isNumber() && b.isNumber()) {
        if (a.is(K::Float) || b.is(K::Float)) return a.asFloat() == b.asFloat();
        return a.asInt() == b.asInt();
    }
    if (a.kind() != b.kind()) return false;
    switch (a.kind()) {
        case K::Undefined:
        case K::None:
            return true;  // jinja2: any two Undefined compare equal
        case K::String:
            return a.asString() == b.asString();
        case K::List: {
            const auto &x = a.asList(), &y = b.asList();
            if (x.tuple != y.tuple || x.items.size() != y.items.size()) return false;
            for (size_t i = 0; i < x.items.size(); ++i)
                if (!equals(x.items[i], y.items[i])) return false;
            return true;
        }
        case K::Dict: {
            const auto &x = a.asDict(), &y = b.asDict();
            if (x.items.size() != y.items.size()) return false;
            for (const auto& [k, v] : x.items) {
                const Value* other = y.find(k);
                if (!other || !equals(v, *other)) return false;
            }
            return true;
        }
        default:
            return a.sameObject(b);
    }
}

std::optional<int> compare(const Value& a, const Value& b) {
    using K = Value::Kind;
    if (a.isNumber() && b.isNumber()) {
        if (a.is(K::Float) || b.is(K::Float)) {
            const double x = a.asFloat(), y = b.asFloat();
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        const int64_t x = a.asInt(), y = b.asInt();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.is(K::String) && b.is(K::String)) {
        const int c = a.asString().compare(b.asString());  // UTF-8 byte order = code point order
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    if (a.is(K::List) && b.is(K::List) && a.asList().tuple == b.asList().tuple) {
        const auto &x = a.asList().items, &y = b.asList().items;
        for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
            if (equals(x[i], y[i])) continue;
            return compare(x[i], y[i]);
        }
        return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    return std::nullopt;
}

}  // namespace ft::tok::jinja
