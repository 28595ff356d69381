// Attribute and item access with jinja2's sandbox rules, the Python str / dict methods templates
// call, and the global functions.
#include "core/tokenize/jinja_builtins.h"

#include "core/tokenize/unicode.h"

#include <utf8proc.h>

#include <ctime>

namespace ft::tok::jinja {

namespace {

constexpr int64_t kMaxRange = 100000;  // jinja2's sandbox MAX_RANGE

Error renderError(const std::string& what) {
    return makeError("chat_template.render", what);
}

Result<std::string> stringArg(const CallArgs& a, size_t i, std::string_view name, const char* fn) {
    const Value* v = a.get(i, name);
    if (!v || !v->is(Value::Kind::String))
        return renderError(std::string(fn) + "() expects a string for '" + std::string(name) + "'");
    return v->asString();
}

std::optional<std::string> optString(const CallArgs& a, size_t i, std::string_view name) {
    const Value* v = a.get(i, name);
    if (!v || !v->is(Value::Kind::String)) return std::nullopt;
    return v->asString();
}

bool isCased(char32_t c) {
    const auto cat = utf8proc_category(static_cast<utf8proc_int32_t>(c));
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL || cat == UTF8PROC_CATEGORY_LT;
}

std::string mapChars(std::string_view s, int mode) {  // 0 lower, 1 upper, 2 title-case words, 3 capitalize
    std::u32string u = toU32(s);
    bool prevCased = false;
    for (size_t i = 0; i < u.size(); ++i) {
        const auto c = static_cast<utf8proc_int32_t>(u[i]);
        bool up = mode == 1;
        if (mode == 2) up = !prevCased;
        if (mode == 3) up = i == 0;
        u[i] = char32_t(up ? (mode >= 2 ? utf8proc_totitle(c) : utf8proc_toupper(c)) : utf8proc_tolower(c));
        prevCased = isCased(char32_t(c));
    }
    return fromU32(u);
}

std::vector<std::string> pySplit(const std::string& s, const std::optional<std::string>& sep,
                                 int64_t maxSplit) {
    std::vector<std::string> out;
    if (!sep) {
        const std::u32string u = toU32(s);
        size_t i = 0;
        while (i < u.size()) {
            while (i < u.size() && isPySpace(u[i])) ++i;
            if (i == u.size()) break;
            size_t j = i;
            if (maxSplit >= 0 && int64_t(out.size()) == maxSplit) {
                size_t e = u.size();
                while (e > i && isPySpace(u[e - 1])) --e;
                out.push_back(fromU32(u.substr(i, e - i)));
                break;
            }
            while (j < u.size() && !isPySpace(u[j])) ++j;
            out.push_back(fromU32(u.substr(i, j - i)));
            i = j;
        }
        return out;
    }
    size_t start = 0;
    while (maxSplit < 0 || int64_t(out.size()) < maxSplit) {
        const size_t at = s.find(*sep, start);
        if (at == std::string::npos) break;
        out.push_back(s.substr(start, at - start));
        start = at + sep->size();
    }
    out.push_back(s.substr(start));
    return out;
}

int64_t countSub(const std::string& s, const std::string& sub) {
    if (sub.empty()) return int64_t(uni::countChars(s)) + 1;
    int64_t n = 0;
    for (size_t at = s.find(sub); at != std::string::npos; at = s.find(sub, at + sub.size())) ++n;
    return n;
}

Value bound(const std::string& name, NativeFn fn) {
    return Value::callable(name, std::move(fn));
}

Value unsupportedMethod(const char* type, const std::string& name) {
    return bound(name, [type, name](const CallArgs&) -> Result<Value> {
        return makeError("chat_template.unsupported",
                         std::string("the method ") + type + "." + name + "() is not supported");
    });
}

std::optional<Value> stringMethod(const std::string& s, const std::string& name) {
    if (name == "strip" || name == "lstrip" || name == "rstrip")
        return bound(name, [s, name](const CallArgs& a) -> Result<Value> {
            return Value::string(pyStrip(s, optString(a, 0, "chars"), name != "rstrip", name != "lstrip"));
        });
    if (name == "upper" || name == "lower" || name == "title" || name == "capitalize") {
        const int mode = name == "lower" ? 0 : name == "upper" ? 1 : name == "title" ? 2 : 3;
        return bound(
            name, [s, mode](const CallArgs&) -> Result<Value> { return Value::string(mapChars(s, mode)); });
    }
    if (name == "split")
        return bound(name, [s](const CallArgs& a) -> Result<Value> {
            const auto sep = optString(a, 0, "sep");
            if (sep && sep->empty()) return renderError("split(): empty separator");
            const Value* m = a.get(1, "maxsplit");
            std::vector<Value> items;
            for (auto& part : pySplit(s, sep, m && m->isNumber() ? m->asInt() : -1))
                items.push_back(Value::string(std::move(part)));
            return Value::list(std::move(items));
        });
    if (name == "startswith" || name == "endswith")
        return bound(name, [s, name](const CallArgs& a) -> Result<Value> {
            const Value* p = a.get(0, "prefix");
            std::vector<std::string> options;
            if (p && p->is(Value::Kind::String))
                options.push_back(p->asString());
            else if (p && p->is(Value::Kind::List))
                for (const auto& x : p->asList().items)
                    if (x.is(Value::Kind::String)) options.push_back(x.asString());
            if (options.empty()) return renderError(name + "() expects a string or a tuple of strings");
            for (const auto& o : options) {
                const bool hit = name == "startswith" ? s.compare(0, o.size(), o) == 0 && s.size() >= o.size()
                                                      : s.size() >= o.size() &&
                                                            s.compare(s.size() - o.size(), o.size(), o) == 0;
                if (hit) return Value::boolean(true);
            }
            return Value::boolean(false);
        });
    if (name == "replace")
        return bound(name, [s](const CallArgs& a) -> Result<Value> {
            auto from = stringArg(a, 0, "old", "replace");
            auto to = stringArg(a, 1, "new", "replace");
            if (!from) return from.error();
            if (!to) return to.error();
            const Value* c = a.get(2, "count");
            int64_t left = c && c->isNumber() ? c->asInt() : -1;
            std::string out;
            if (from->empty()) {  // Python inserts `new` around every character
                const std::u32string u = toU32(s);
                for (size_t i = 0; i <= u.size(); ++i) {
                    if (left != 0) out += *to, --left;
                    if (i < u.size()) uni::append(out, u[i]);
                }
                return Value::string(out);
            }
            size_t pos = 0;
            for (size_t at = s.find(*from); at != std::string::npos && left != 0;
                 at = s.find(*from, pos), --left) {
                out += s.substr(pos, at - pos) + *to;
                pos = at + from->size();
            }
            return Value::string(out + s.substr(pos));
        });
    if (name == "find" || name == "count")
        return bound(name, [s, name](const CallArgs& a) -> Result<Value> {
            auto sub = stringArg(a, 0, "sub", name.c_str());
            if (!sub) return sub.error();
            if (name == "count") return Value::integer(countSub(s, *sub));
            const size_t at = s.find(*sub);
            return Value::integer(at == std::string::npos ? -1 : int64_t(uni::countChars(s.substr(0, at))));
        });
    if (name == "join")
        return bound(name, [s](const CallArgs& a) -> Result<Value> {
            const Value* seq = a.get(0, "iterable");
            if (!seq || !seq->is(Value::Kind::List)) return renderError("join() expects a list of strings");
            std::string out;
            bool first = true;
            for (const auto& x : seq->asList().items) {
                if (!x.is(Value::Kind::String)) return renderError("join() expects a list of strings");
                out += (first ? "" : s) + x.asString();
                first = false;
            }
            return Value::string(out);
        });
    static const char* const kOther[] = {
        "format",  "format_map",   "rsplit",       "splitlines",  "partition",   "rpartition", "zfill",
        "center",  "ljust",        "rjust",        "casefold",    "swapcase",    "encode",     "index",
        "rindex",  "rfind",        "expandtabs",   "isalnum",     "isalpha",     "isascii",    "isdecimal",
        "isdigit", "isidentifier", "islower",      "isnumeric",   "isprintable", "isspace",    "istitle",
        "isupper", "translate",    "removeprefix", "removesuffix"};
    for (const char* o : kOther)
        if (name == o) return unsupportedMethod("str", name);
    return std::nullopt;
}

std::optional<Value> dictMethod(const Value& d, const std::string& name) {
    if (name == "items" || name == "keys" || name == "values")
        return bound(name, [d, name](const CallArgs&) -> Result<Value> {
            std::vector<Value> out;
            for (const auto& [k, v] : d.asDict().items) {
                if (name == "items")
                    out.push_back(Value::list({Value::string(k), v}, true));
                else
                    out.push_back(name == "keys" ? Value::string(k) : v);
            }
            return Value::list(std::move(out));
        });
    if (name == "get")
        return bound(name, [d](const CallArgs& a) -> Result<Value> {
            const Value* key = a.get(0, "key");
            const Value* fallback = a.get(1, "default");
            if (key && key->is(Value::Kind::String))
                if (const Value* v = d.asDict().find(key->asString())) return *v;
            return fallback ? *fallback : Value::none();
        });
    for (const char* o : {"copy", "pop", "popitem", "setdefault", "update", "clear", "fromkeys"})
        if (name == o) return unsupportedMethod("dict", name);
    return std::nullopt;
}

std::optional<Value> listMethod(const std::string& name) {
    for (const char* o : {"append", "extend", "insert", "pop", "remove", "reverse", "sort", "clear", "copy",
                          "index", "count"})
        if (name == o) return unsupportedMethod("list", name);
    return std::nullopt;
}

Value missing(const Value& object, const std::string& what) {
    return Value::undefined("'" + std::string(typeName(object)) + " object' has no " + what);
}

}  // namespace

Error undefinedError(const Value& u) {
    return makeError("chat_template.undefined", u.undefinedHint().empty()
                                                    ? std::string("an undefined value was used")
                                                    : u.undefinedHint());
}

Result<Value> getAttr(const Value& object, const std::string& name) {
    using K = Value::Kind;
    switch (object.kind()) {
        case K::Undefined:
            return undefinedError(object);
        case K::Dict: {
            if (auto m = dictMethod(object, name)) return *m;
            if (const Value* v = object.asDict().find(name)) return *v;
            break;
        }
        case K::Namespace:
            if (const Value* v = object.asNamespace().attrs.find(name)) return *v;
            break;
        case K::String:
            if (auto m = stringMethod(object.asString(), name)) return *m;
            break;
        case K::List:
            if (auto m = listMethod(name)) return *m;
            break;
        default:
            break;
    }
    return missing(object, "attribute '" + name + "'");
}

Result<Value> getItem(const Value& object, const Value& key) {
    using K = Value::Kind;
    if (object.is(K::Undefined)) return undefinedError(object);
    if (key.is(K::String)) {
        if (object.is(K::Dict)) {
            if (const Value* v = object.asDict().find(key.asString())) return *v;
        }
        if (object.is(K::Dict) || object.is(K::Namespace) || object.is(K::String) || object.is(K::List))
            return getAttr(object, key.asString());
        return missing(object, "attribute '" + key.asString() + "'");
    }
    if ((key.is(K::Int) || key.is(K::Bool)) && (object.is(K::List) || object.is(K::String))) {
        const int64_t i = key.asInt();
        if (object.is(K::List)) {
            const auto& items = object.asList().items;
            const int64_t n = int64_t(items.size());
            const int64_t j = i < 0 ? i + n : i;
            if (j >= 0 && j < n) return items[size_t(j)];
        } else {
            const std::u32string u = toU32(object.asString());
            const int64_t n = int64_t(u.size());
            const int64_t j = i < 0 ? i + n : i;
            if (j >= 0 && j < n) return Value::string(fromU32(u.substr(size_t(j), 1)));
        }
        return Value::undefined(std::string(typeName(object)) + " object has no element " +
                                std::to_string(i));
    }
    return missing(object, "element " + repr(key));
}

Result<Value> getSlice(const Value& object, const Value& start, const Value& stop, const Value& step) {
    using K = Value::Kind;
    if (object.is(K::Undefined)) return undefinedError(object);
    for (const Value* v : {&start, &stop, &step})
        if (!v->is(K::None) && !v->is(K::Int) && !v->is(K::Bool))
            return renderError("slice indices must be integers or None");
    const int64_t st = step.is(K::None) ? 1 : step.asInt();
    if (st == 0) return renderError("slice step cannot be zero");
    const bool isStr = object.is(K::String);
    if (!isStr && !object.is(K::List))
        return renderError(std::string("'") + typeName(object) + "' object is not subscriptable");
    const std::u32string u = isStr ? toU32(object.asString()) : std::u32string();
    const int64_t n = isStr ? int64_t(u.size()) : int64_t(object.asList().items.size());
    auto clamp = [&](const Value& v, int64_t fallback) {  // Python's PySlice_AdjustIndices
        if (v.is(K::None)) return fallback;
        int64_t i = v.asInt();
        if (i < 0) i += n;
        if (i < 0) return st < 0 ? int64_t(-1) : int64_t(0);
        if (i >= n) return st < 0 ? n - 1 : n;
        return i;
    };
    const int64_t b = clamp(start, st < 0 ? n - 1 : 0), e = clamp(stop, st < 0 ? -1 : n);
    std::u32string s;
    std::vector<Value> items;
    for (int64_t i = b; st > 0 ? i < e : i > e; i += st) {
        if (isStr)
            s.push_back(u[size_t(i)]);
        else
            items.push_back(object.asList().items[size_t(i)]);
    }
    if (isStr) return Value::string(fromU32(s));
    return Value::list(std::move(items), object.asList().tuple);
}

DictData globals() {
    DictData g;
    g.set("raise_exception", Value::callable("raise_exception", [](const CallArgs& a) -> Result<Value> {
              const Value* m = a.get(0, "message");
              return makeError("chat_template.raised",
                               m ? toStr(*m) : std::string("raise_exception() was called"));
          }));
    g.set("strftime_now", Value::callable("strftime_now", [](const CallArgs& a) -> Result<Value> {
              auto format = stringArg(a, 0, "format", "strftime_now");
              if (!format) return format.error();
              const std::time_t now = std::time(nullptr);
              std::tm local{};
              localtime_r(&now, &local);
              char buf[256];
              const size_t n = std::strftime(buf, sizeof buf, format->c_str(), &local);
              return Value::string(std::string(buf, n));
          }));
    g.set("namespace", Value::callable("namespace", [](const CallArgs& a) -> Result<Value> {
              DictData attrs;
              for (const auto& p : a.positional) {
                  if (!p.is(Value::Kind::Dict))
                      return renderError("namespace() takes keyword arguments or a dict");
                  for (const auto& [k, v] : p.asDict().items) attrs.set(k, v);
              }
              for (const auto& [k, v] : a.named) attrs.set(k, v);
              return Value::makeNamespace(std::move(attrs));
          }));
    g.set("dict", Value::callable("dict", [](const CallArgs& a) -> Result<Value> {
              DictData d;
              for (const auto& p : a.positional)
                  if (p.is(Value::Kind::Dict))
                      for (const auto& [k, v] : p.asDict().items) d.set(k, v);
              for (const auto& [k, v] : a.named) d.set(k, v);
              return Value::dict(std::move(d));
          }));
    g.set("range", Value::callable("range", [](const CallArgs& a) -> Result<Value> {
              for (const auto& p : a.positional)
                  if (!p.is(Value::Kind::Int) && !p.is(Value::Kind::Bool))
                      return renderError("range() expects integers");
              const size_t n = a.positional.size();
              if (n < 1 || n > 3) return renderError("range() takes 1 to 3 arguments");
              const int64_t start = n == 1 ? 0 : a.positional[0].asInt();
              const int64_t stop = n == 1 ? a.positional[0].asInt() : a.positional[1].asInt();
              const int64_t step = n == 3 ? a.positional[2].asInt() : 1;
              if (step == 0) return renderError("range() step must not be zero");
              std::vector<Value> items;
              for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
                  if (int64_t(items.size()) >= kMaxRange)
                      return renderError("range() is limited to 100000 items");
                  items.push_back(Value::integer(i));
              }
              return Value::list(std::move(items));
          }));
    return g;
}

}  // namespace ft::tok::jinja
