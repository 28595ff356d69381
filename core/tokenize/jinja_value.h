#pragma once
// Values of the Jinja subset chat templates use, with Python's semantics wherever a template can
// observe them: str() and repr() text, truthiness, ==, ordering (jinja2 runs on Python objects).

#include "core/common/result.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace ft::tok::jinja {

class Value;

struct ListData {
    std::vector<Value> items;
    bool tuple = false;  // only changes how it prints: (1, 2) rather than [1, 2]
};

// A Python dict with string keys, in insertion order.
struct DictData {
    std::vector<std::pair<std::string, Value>> items;
    const Value* find(std::string_view key) const;
    void set(const std::string& key, Value value);
};

// jinja2's namespace(): the one mutable object, so `{% set ns.x = ... %}` escapes loop scopes.
struct NamespaceData {
    DictData attrs;
};

struct CallArgs {
    std::vector<Value> positional;
    std::vector<std::pair<std::string, Value>> named;
    const Value* get(size_t index, std::string_view name) const;  // positional first, then by name
};

// Built-in functions, bound methods and macros. Errors are returned without a line; the evaluator
// adds the line of the call.
using NativeFn = std::function<Result<Value>(const CallArgs&)>;
struct CallableData {
    std::string name;
    NativeFn fn;
};

struct UndefinedData {
    std::string hint;  // "'x' is undefined", for the error raised when it is used
};

class Value {
public:
    enum class Kind { Undefined, None, Bool, Int, Float, String, List, Dict, Namespace, Callable };

    Value() : m_v(UndefinedData{}) {}
    static Value undefined(std::string hint) { return Value(UndefinedData{std::move(hint)}); }
    static Value none() { return Value(std::monostate{}); }
    static Value boolean(bool b) { return Value(b); }
    static Value integer(int64_t i) { return Value(i); }
    static Value number(double d) { return Value(d); }
    static Value string(std::string s) { return Value(std::move(s)); }
    static Value list(std::vector<Value> items, bool tuple = false);
    static Value dict(DictData d);
    static Value makeNamespace(DictData attrs);
    static Value callable(std::string name, NativeFn fn);

    Kind kind() const { return static_cast<Kind>(m_v.index()); }
    bool is(Kind k) const { return kind() == k; }
    bool isNumber() const { return is(Kind::Bool) || is(Kind::Int) || is(Kind::Float); }

    bool asBool() const { return std::get<bool>(m_v); }
    // Numbers only (bool counts as int, a float truncates).
    int64_t asInt() const {
        return is(Kind::Bool) ? int64_t(asBool()) : is(Kind::Float) ? int64_t(asFloat()) : std::get<int64_t>(m_v);
    }
    double asFloat() const { return is(Kind::Float) ? std::get<double>(m_v) : double(asInt()); }
    const std::string& asString() const { return std::get<std::string>(m_v); }
    const ListData& asList() const { return *std::get<std::shared_ptr<const ListData>>(m_v); }
    const DictData& asDict() const { return *std::get<std::shared_ptr<const DictData>>(m_v); }
    NamespaceData& asNamespace() const { return *std::get<std::shared_ptr<NamespaceData>>(m_v); }
    const CallableData& asCallable() const { return *std::get<std::shared_ptr<const CallableData>>(m_v); }
    const std::string& undefinedHint() const { return std::get<UndefinedData>(m_v).hint; }
    bool sameObject(const Value& other) const;  // Python `is`

private:
    using Storage = std::variant<UndefinedData, std::monostate, bool, int64_t, double, std::string,
                                 std::shared_ptr<const ListData>, std::shared_ptr<const DictData>,
                                 std::shared_ptr<NamespaceData>, std::shared_ptr<const CallableData>>;
    template <class T>
    explicit Value(T v) : m_v(std::move(v)) {}
    Storage m_v;
};

// Python's view of a value.
const char* typeName(const Value& v);  // 'str', 'int', 'list', 'dict', 'NoneType', ...
bool truthy(const Value& v);
std::string toStr(const Value& v);  // str(v); Undefined prints as ""
std::string repr(const Value& v);   // repr(v)
std::string floatRepr(double d);    // repr(float): shortest round-trip digits, Python's layout
bool equals(const Value& a, const Value& b);
// <0, 0, >0 for orderable values (numbers, strings, sequences); nullopt where Python raises TypeError.
std::optional<int> compare(const Value& a, const Value& b);

// Python string helpers on UTF-8 text, by code point.
bool isPySpace(char32_t c);  // str.isspace()
std::u32string toU32(std::string_view s);
std::string fromU32(std::u32string_view s);
std::string pyStrip(std::string_view s, const std::optional<std::string>& chars, bool left, bool right);

}  // namespace ft::tok::jinja
