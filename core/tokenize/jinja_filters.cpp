// jinja2's filters and tests that chat templates use; `tojson` is transformers' replacement
// (json.dumps with ensure_ascii=False, no HTML escaping, key order kept).
#include "core/tokenize/jinja_builtins.h"

#include "core/tokenize/jinja_json.h"
#include "core/tokenize/unicode.h"

#include <utf8proc.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace ft::tok::jinja {

namespace {

Error filterError(const std::string& name, const std::string& what) {
    return makeError("chat_template.render", "filter '" + name + "': " + what);
}

std::string caseMap(const std::string& s, bool upper) {
    std::u32string u = toU32(s);
    for (auto& c : u)
        c = char32_t(upper ? utf8proc_toupper(static_cast<utf8proc_int32_t>(c))
                           : utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
    return fromU32(u);
}

// Arguments after the first `skip` positional ones, for select('odd') / selectattr('x', 'eq', 1).
CallArgs tail(const CallArgs& a, size_t skip) {
    CallArgs out;
    for (size_t i = skip; i < a.positional.size(); ++i) out.positional.push_back(a.positional[i]);
    return out;
}

Result<Value> selectFilter(const std::string& name, const Value& value, const CallArgs& args) {
    const bool byAttr = name == "selectattr" || name == "rejectattr";
    const bool keep = name == "select" || name == "selectattr";
    auto items = iterate(value);
    if (!items) return items.error();
    std::string attr, test;
    size_t next = 0;
    if (byAttr) {
        if (args.positional.empty() || !args.positional[0].is(Value::Kind::String))
            return filterError(name, "expects an attribute name");
        attr = args.positional[0].asString();
        next = 1;
    }
    if (args.positional.size() > next) {
        if (!args.positional[next].is(Value::Kind::String)) return filterError(name, "expects a test name");
        test = args.positional[next].asString();
        if (!hasTest(test)) return filterError(name, "the test '" + test + "' is not supported");
    }
    const CallArgs testArgs = tail(args, next + 1);
    std::vector<Value> out;
    for (const auto& item : *items) {
        Value subject = item;
        if (byAttr) {
            auto a = getAttr(item, attr);
            if (!a) return a.error();
            subject = *a;
        }
        bool pass = truthy(subject);
        if (!test.empty()) {
            auto r = applyTest(test, subject, testArgs);
            if (!r) return r.error();
            pass = *r;
        }
        if (pass == keep) out.push_back(item);
    }
    return Value::list(std::move(out));
}

Result<Value> mapFilter(const Value& value, const CallArgs& args) {
    auto items = iterate(value);
    if (!items) return items.error();
    std::vector<Value> out;
    if (const Value* attr = args.get(size_t(-1), "attribute")) {
        const Value* fallback = args.get(size_t(-1), "default");
        for (const auto& item : *items) {
            auto a = getAttr(item, toStr(*attr));
            if (!a) return a.error();
            out.push_back(a->is(Value::Kind::Undefined) && fallback ? *fallback : *a);
        }
        return Value::list(std::move(out));
    }
    if (args.positional.empty() || !args.positional[0].is(Value::Kind::String))
        return filterError("map", "expects a filter name or attribute=");
    const std::string filter = args.positional[0].asString();
    if (!hasFilter(filter)) return filterError("map", "the filter '" + filter + "' is not supported");
    const CallArgs rest = tail(args, 1);
    for (const auto& item : *items) {
        auto r = applyFilter(filter, item, rest);
        if (!r) return r.error();
        out.push_back(std::move(*r));
    }
    return Value::list(std::move(out));
}

Result<Value> tojson(const Value& value, const CallArgs& args) {
    JsonStyle st;
    if (const Value* v = args.get(0, "ensure_ascii")) st.ensureAscii = truthy(*v);
    if (const Value* v = args.get(1, "indent"); v && !v->is(Value::Kind::None)) {
        if (!v->is(Value::Kind::Int)) return filterError("tojson", "indent must be an integer");
        st.indent = int(v->asInt());
    }
    if (const Value* v = args.get(2, "separators"); v && !v->is(Value::Kind::None)) {
        if (!v->is(Value::Kind::List) || v->asList().items.size() != 2)
            return filterError("tojson", "separators must be a pair of strings");
        st.itemSeparator = toStr(v->asList().items[0]);
        st.keySeparator = toStr(v->asList().items[1]);
    }
    if (const Value* v = args.get(3, "sort_keys")) st.sortKeys = truthy(*v);
    auto text = dumpJson(value, st);
    if (!text) return text.error();
    return Value::string(std::move(*text));
}

Result<Value> toInt(const Value& value, const CallArgs& args) {
    const Value* d = args.get(0, "default");
    const Value fallback = d ? *d : Value::integer(0);
    if (value.is(Value::Kind::Int) || value.is(Value::Kind::Bool)) return Value::integer(value.asInt());
    if (value.is(Value::Kind::Float))
        return std::isfinite(value.asFloat()) ? Value::integer(int64_t(value.asFloat())) : fallback;
    if (!value.is(Value::Kind::String)) return fallback;
    const std::string s = pyStrip(value.asString(), std::nullopt, true, true);
    char* end = nullptr;
    errno = 0;
    const long long i = std::strtoll(s.c_str(), &end, 10);
    if (!s.empty() && end && *end == 0 && errno == 0) return Value::integer(i);
    const double f = std::strtod(s.c_str(), &end);
    if (!s.empty() && end && *end == 0 && std::isfinite(f)) return Value::integer(int64_t(f));
    return fallback;
}

// jinja2's `title` filter: capitalizes after spaces, hyphens and opening brackets.
std::string titleFilter(const std::string& s) {
    std::u32string u = toU32(s);
    bool start = true;
    for (auto& c : u) {
        const bool sep = isPySpace(c) || c == '-' || c == '(' || c == '{' || c == '[' || c == '<';
        const auto cp = static_cast<utf8proc_int32_t>(c);
        c = char32_t(sep ? cp : (start ? utf8proc_toupper(cp) : utf8proc_tolower(cp)));
        start = sep;
    }
    return fromU32(u);
}

const char* const kFilters[] = {"abs",     "capitalize", "count",  "d",      "default",    "first",
                                "float",   "int",        "items",  "join",   "last",       "length",
                                "list",    "lower",      "map",    "reject", "rejectattr", "replace",
                                "reverse", "round",      "safe",   "select", "selectattr", "string",
                                "sum",     "title",      "tojson", "trim",   "unique",     "upper"};
const char* const kTests[] = {
    "boolean", "callable", "defined",  "divisibleby", "eq",      "equalto",   "==",      "even",     "false",
    "float",   "ge",       ">=",       "gt",          ">",       "in",        "integer", "iterable", "le",
    "<=",      "lower",    "lt",       "<",           "mapping", "ne",        "!=",      "none",     "number",
    "odd",     "sameas",   "sequence", "string",      "true",    "undefined", "upper"};

}  // namespace

Result<std::vector<Value>> iterate(const Value& v) {
    using K = Value::Kind;
    switch (v.kind()) {
        case K::Undefined:
            return std::vector<Value>{};
        case K::List:
            return v.asList().items;
        case K::String: {
            std::vector<Value> out;
            for (char32_t c : toU32(v.asString()))
                out.push_back(Value::string(fromU32(std::u32string(1, c))));
            return out;
        }
        case K::Dict: {
            std::vector<Value> out;
            for (const auto& [k, x] : v.asDict().items) out.push_back(Value::string(k));
            return out;
        }
        default:
            return makeError("chat_template.render",
                             std::string("'") + typeName(v) + "' object is not iterable");
    }
}

bool hasFilter(std::string_view name) {
    return std::find(std::begin(kFilters), std::end(kFilters), name) != std::end(kFilters);
}
bool hasTest(std::string_view name) {
    return std::find(std::begin(kTests), std::end(kTests), name) != std::end(kTests);
}

Result<Value> applyFilter(const std::string& name, const Value& value, const CallArgs& args) {
    using K = Value::Kind;
    if (name == "safe") return value;
    if (name == "tojson") return tojson(value, args);
    if (name == "default" || name == "d") {
        const Value* d = args.get(0, "default_value");
        const Value* boolean = args.get(1, "boolean");
        const bool useDefault = value.is(K::Undefined) || (boolean && truthy(*boolean) && !truthy(value));
        return useDefault ? (d ? *d : Value::string("")) : value;
    }
    if (name == "string") return Value::string(toStr(value));
    if (name == "trim") {
        const Value* chars = args.get(0, "chars");
        return Value::string(pyStrip(
            toStr(value), chars && chars->is(K::String) ? std::optional(chars->asString()) : std::nullopt,
            true, true));
    }
    if (name == "upper" || name == "lower") return Value::string(caseMap(toStr(value), name == "upper"));
    if (name == "capitalize") {
        std::u32string u = toU32(toStr(value));
        for (size_t i = 0; i < u.size(); ++i)
            u[i] = char32_t(i == 0 ? utf8proc_totitle(static_cast<utf8proc_int32_t>(u[i]))
                                   : utf8proc_tolower(static_cast<utf8proc_int32_t>(u[i])));
        return Value::string(fromU32(u));
    }
    if (name == "title") return Value::string(titleFilter(toStr(value)));
    if (name == "replace") {
        const Value* from = args.get(0, "old");
        const Value* to = args.get(1, "new");
        if (!from || !to) return filterError(name, "expects old and new strings");
        CallArgs inner;
        inner.positional = {Value::string(toStr(*from)), Value::string(toStr(*to))};
        if (const Value* c = args.get(2, "count"); c && !c->is(K::None)) inner.positional.push_back(*c);
        auto method = getAttr(Value::string(toStr(value)), "replace");
        if (!method) return method.error();
        return method->asCallable().fn(inner);
    }
    if (name == "length" || name == "count") {
        switch (value.kind()) {
            case K::Undefined:
                return Value::integer(0);
            case K::String:
                return Value::integer(int64_t(uni::countChars(value.asString())));
            case K::List:
                return Value::integer(int64_t(value.asList().items.size()));
            case K::Dict:
                return Value::integer(int64_t(value.asDict().items.size()));
            default:
                return filterError(name,
                                   std::string("object of type '") + typeName(value) + "' has no len()");
        }
    }
    if (name == "int") return toInt(value, args);
    if (name == "float") {
        if (value.isNumber()) return Value::number(value.asFloat());
        const Value* d = args.get(0, "default");
        if (value.is(K::String)) {
            const std::string s = pyStrip(value.asString(), std::nullopt, true, true);
            char* end = nullptr;
            const double f = std::strtod(s.c_str(), &end);
            if (!s.empty() && end && *end == 0) return Value::number(f);
        }
        return d ? *d : Value::number(0.0);
    }
    if (name == "abs") {
        if (value.is(K::Float)) return Value::number(std::fabs(value.asFloat()));
        if (value.isNumber()) return Value::integer(std::llabs(value.asInt()));
        return filterError(name, std::string("bad operand type for abs(): '") + typeName(value) + "'");
    }
    if (name == "round") {
        if (!value.isNumber()) return filterError(name, "expects a number");
        const Value* p = args.get(0, "precision");
        const Value* m = args.get(1, "method");
        const double scale = std::pow(10.0, p && p->isNumber() ? double(p->asInt()) : 0.0);
        const std::string method = m ? toStr(*m) : "common";
        const double x = value.asFloat() * scale;
        const double r = method == "ceil"    ? std::ceil(x)
                         : method == "floor" ? std::floor(x)
                                             : std::nearbyint(x);
        return Value::number(r / scale);
    }
    if (name == "items") {
        if (value.is(K::Undefined)) return Value::list({});
        if (!value.is(K::Dict)) return filterError(name, "can only get item pairs from a mapping");
        std::vector<Value> out;
        for (const auto& [k, v] : value.asDict().items)
            out.push_back(Value::list({Value::string(k), v}, true));
        return Value::list(std::move(out));
    }
    if (name == "map") return mapFilter(value, args);
    if (name == "select" || name == "reject" || name == "selectattr" || name == "rejectattr")
        return selectFilter(name, value, args);
    auto items = iterate(value);
    if (!items) return items.error();
    if (name == "list") return Value::list(std::move(*items));
    if (name == "first")
        return items->empty() ? Value::undefined("No first item, sequence was empty.") : items->front();
    if (name == "last")
        return items->empty() ? Value::undefined("No last item, sequence was empty.") : items->back();
    if (name == "reverse") {
        if (value.is(K::String)) {
            std::u32string u = toU32(value.asString());
            std::reverse(u.begin(), u.end());
            return Value::string(fromU32(u));
        }
        std::reverse(items->begin(), items->end());
        return Value::list(std::move(*items));
    }
    if (name == "unique") {
        std::vector<Value> out;
        for (const auto& x : *items)
            if (std::none_of(out.begin(), out.end(), [&](const Value& y) { return equals(x, y); }))
                out.push_back(x);
        return Value::list(std::move(out));
    }
    if (name == "join") {
        const Value* sep = args.get(0, "d");
        const Value* attr = args.get(1, "attribute");
        std::string out;
        for (size_t i = 0; i < items->size(); ++i) {
            Value x = (*items)[i];
            if (attr) {
                auto a = getAttr(x, toStr(*attr));
                if (!a) return a.error();
                x = *a;
            }
            out += (i && sep ? toStr(*sep) : "") + toStr(x);
        }
        return Value::string(out);
    }
    if (name == "sum") {
        const Value* attr = args.get(0, "attribute");
        const Value* start = args.get(1, "start");
        bool isFloat = start && start->is(K::Float);
        double f = start && start->isNumber() ? start->asFloat() : 0.0;
        int64_t i = start && start->isNumber() ? start->asInt() : 0;
        for (Value x : *items) {
            if (attr) {
                auto a = getAttr(x, toStr(*attr));
                if (!a) return a.error();
                x = *a;
            }
            if (!x.isNumber()) return filterError(name, "can only sum numbers");
            isFloat = isFloat || x.is(K::Float);
            f += x.asFloat();
            if (!isFloat && __builtin_add_overflow(i, x.asInt(), &i)) return filterError(name, "integer overflow");
        }
        return isFloat ? Value::number(f) : Value::integer(i);
    }
    return makeError("chat_template.unsupported", "the filter '" + name + "' is not supported");
}

Result<bool> applyTest(const std::string& name, const Value& value, const CallArgs& args) {
    using K = Value::Kind;
    const Value* arg = args.get(0, "other");
    auto needArg = [&]() -> Status {
        if (!arg) return makeError("chat_template.render", "the test '" + name + "' needs an argument");
        return {};
    };
    if (name == "defined") return !value.is(K::Undefined);
    if (name == "undefined") return value.is(K::Undefined);
    if (name == "none") return value.is(K::None);
    if (name == "string") return value.is(K::String);
    if (name == "mapping") return value.is(K::Dict);
    if (name == "boolean") return value.is(K::Bool);
    if (name == "true" || name == "false") return value.is(K::Bool) && value.asBool() == (name == "true");
    if (name == "integer") return value.is(K::Int);
    if (name == "float") return value.is(K::Float);
    if (name == "number") return value.isNumber();
    if (name == "callable") return value.is(K::Callable);
    if (name == "iterable")
        return value.is(K::List) || value.is(K::String) || value.is(K::Dict) || value.is(K::Undefined);
    if (name == "sequence")
        return value.is(K::List) || value.is(K::String) || value.is(K::Dict) || value.is(K::Undefined);
    if (name == "lower" || name == "upper") {
        const std::string s = toStr(value);
        return s == caseMap(s, name == "upper") && s != caseMap(s, name != "upper");
    }
    if (name == "odd" || name == "even" || name == "divisibleby") {
        if (!value.is(K::Int) && !value.is(K::Bool))
            return makeError("chat_template.render", "the test '" + name + "' expects an integer");
        if (name != "divisibleby") return (value.asInt() % 2 != 0) == (name == "odd");
        if (Status s = needArg(); !s) return s.error();
        if (!(arg->is(K::Int) || arg->is(K::Bool)) || arg->asInt() == 0)
            return makeError("chat_template.render", "divisibleby expects a non-zero integer");
        return value.asInt() % arg->asInt() == 0;
    }
    if (Status s = needArg(); !s) return s.error();
    if (name == "sameas") return value.sameObject(*arg);
    if (name == "eq" || name == "equalto" || name == "==") return equals(value, *arg);
    if (name == "ne" || name == "!=") return !equals(value, *arg);
    if (name == "in") {
        if (arg->is(K::String) && value.is(K::String))
            return arg->asString().find(value.asString()) != std::string::npos;
        if (arg->is(K::Dict)) return value.is(K::String) && arg->asDict().find(value.asString()) != nullptr;
        auto items = iterate(*arg);
        if (!items) return items.error();
        return std::any_of(items->begin(), items->end(), [&](const Value& x) { return equals(x, value); });
    }
    const auto c = compare(value, *arg);
    if (!c)
        return makeError("chat_template.render", std::string("'") + name +
                                                     "' not supported between instances of '" +
                                                     typeName(value) + "' and '" + typeName(*arg) + "'");
    if (name == "lt" || name == "<") return *c < 0;
    if (name == "le" || name == "<=") return *c <= 0;
    if (name == "gt" || name == ">") return *c > 0;
    if (name == "ge" || name == ">=") return *c >= 0;
    return makeError("chat_template.unsupported", "the test '" + name + "' is not supported");
}

}  // namespace ft::tok::jinja
