#include "core/tokenize/jinja_operators.h"

#include "core/tokenize/jinja_builtins.h"

#include <cmath>

namespace ft::tok::jinja {

namespace {

constexpr size_t kMaxRepeatBytes = size_t(64) << 20;  // 'x' * n beyond this is refused

Error typeError(const std::string& what) {
    return makeError("chat_template.render", what);
}

Error operandError(const std::string& op, const Value& a, const Value& b) {
    return typeError("unsupported operand type(s) for " + op + ": '" + typeName(a) + "' and '" + typeName(b) +
                     "'");
}

Result<Value> repeat(const Value& seq, int64_t n) {
    if (n <= 0) return seq.is(Value::Kind::String) ? Value::string("") : Value::list({}, seq.asList().tuple);
    if (seq.is(Value::Kind::String)) {
        if (seq.asString().size() * size_t(n) > kMaxRepeatBytes)
            return typeError("the repeated string is too long");
        std::string out;
        for (int64_t i = 0; i < n; ++i) out += seq.asString();
        return Value::string(out);
    }
    const auto& items = seq.asList().items;
    if (items.size() * size_t(n) > kMaxRepeatBytes / 16) return typeError("the repeated list is too long");
    std::vector<Value> out;
    for (int64_t i = 0; i < n; ++i) out.insert(out.end(), items.begin(), items.end());
    return Value::list(std::move(out), seq.asList().tuple);
}

Result<Value> arithmetic(const std::string& op, const Value& a, const Value& b) {
    using K = Value::Kind;
    const bool useFloat = a.is(K::Float) || b.is(K::Float);
    if (op == "/") {
        if (b.asFloat() == 0) return typeError("division by zero");
        return Value::number(a.asFloat() / b.asFloat());
    }
    if (useFloat) {
        const double x = a.asFloat(), y = b.asFloat();
        if (op == "+") return Value::number(x + y);
        if (op == "-") return Value::number(x - y);
        if (op == "*") return Value::number(x * y);
        if (op == "**") return Value::number(std::pow(x, y));
        if (y == 0) return typeError("float division by zero");
        if (op == "//") return Value::number(std::floor(x / y));
        double m = std::fmod(x, y);  // Python: the result takes the divisor's sign
        if (m != 0 && ((m < 0) != (y < 0))) m += y;
        return Value::number(m);
    }
    const int64_t x = a.asInt(), y = b.asInt();
    int64_t r = 0;
    const Error overflow = typeError("integer overflow in '" + op + "'");
    if (op == "+") return __builtin_add_overflow(x, y, &r) ? Result<Value>(overflow) : Value::integer(r);
    if (op == "-") return __builtin_sub_overflow(x, y, &r) ? Result<Value>(overflow) : Value::integer(r);
    if (op == "*") return __builtin_mul_overflow(x, y, &r) ? Result<Value>(overflow) : Value::integer(r);
    if (op == "**") {
        if (y < 0) return Value::number(std::pow(double(x), double(y)));
        r = 1;
        for (int64_t i = 0; i < y; ++i)
            if (__builtin_mul_overflow(r, x, &r)) return overflow;
        return Value::integer(r);
    }
    if (y == 0) return typeError("integer division or modulo by zero");
    if (x == INT64_MIN && y == -1) return overflow;
    int64_t q = x / y, m = x % y;
    if (m != 0 && ((m < 0) != (y < 0))) --q, m += y;  // floor semantics
    return Value::integer(op == "//" ? q : m);
}

Result<bool> contains(const Value& container, const Value& item) {
    using K = Value::Kind;
    switch (container.kind()) {
        case K::Undefined:
            return false;  // jinja2's Undefined iterates as empty
        case K::String:
            if (!item.is(K::String))
                return typeError(std::string("'in <string>' requires string as left operand, not ") +
                                 typeName(item));
            return container.asString().find(item.asString()) != std::string::npos;
        case K::List:
            for (const auto& x : container.asList().items)
                if (equals(x, item)) return true;
            return false;
        case K::Dict:
            return item.is(K::String) && container.asDict().find(item.asString()) != nullptr;
        default:
            return typeError(std::string("argument of type '") + typeName(container) + "' is not iterable");
    }
}

}  // namespace

Result<Value> binaryOp(const std::string& op, const Value& a, const Value& b) {
    using K = Value::Kind;
    if (op == "~") return Value::string(toStr(a) + toStr(b));
    if (a.is(K::Undefined)) return undefinedError(a);
    if (b.is(K::Undefined)) return undefinedError(b);
    if (a.isNumber() && b.isNumber()) return arithmetic(op, a, b);
    if (op == "+") {
        if (a.is(K::String) && b.is(K::String)) return Value::string(a.asString() + b.asString());
        if (a.is(K::List) && b.is(K::List) && a.asList().tuple == b.asList().tuple) {
            std::vector<Value> out = a.asList().items;
            out.insert(out.end(), b.asList().items.begin(), b.asList().items.end());
            return Value::list(std::move(out), a.asList().tuple);
        }
        if (a.is(K::String) || a.is(K::List))
            return typeError(std::string("can only concatenate ") + typeName(a) + " (not \"" + typeName(b) +
                             "\") to " + typeName(a));
    }
    if (op == "*") {
        if ((a.is(K::String) || a.is(K::List)) && (b.is(K::Int) || b.is(K::Bool)))
            return repeat(a, b.asInt());
        if ((b.is(K::String) || b.is(K::List)) && (a.is(K::Int) || a.is(K::Bool)))
            return repeat(b, a.asInt());
    }
    if (op == "%" && a.is(K::String))
        return makeError("chat_template.unsupported",
                         "printf-style string formatting with '%' is not supported");
    return operandError(op, a, b);
}

Result<bool> compareOp(const std::string& op, const Value& a, const Value& b) {
    if (op == "==") return equals(a, b);
    if (op == "!=") return !equals(a, b);
    if (op == "in" || op == "notin") {
        auto r = contains(b, a);
        if (!r) return r;
        return op == "in" ? *r : !*r;
    }
    if (a.is(Value::Kind::Undefined)) return undefinedError(a);
    if (b.is(Value::Kind::Undefined)) return undefinedError(b);
    const auto c = compare(a, b);
    if (!c)
        return typeError("'" + op + "' not supported between instances of '" + typeName(a) + "' and '" +
                         typeName(b) + "'");
    if (op == "<") return *c < 0;
    if (op == "<=") return *c <= 0;
    if (op == ">") return *c > 0;
    return *c >= 0;
}

Result<Value> unaryOp(const std::string& op, const Value& a) {
    if (a.is(Value::Kind::Undefined)) return undefinedError(a);
    if (!a.isNumber()) return typeError("bad operand type for unary " + op + ": '" + typeName(a) + "'");
    if (op == "+") return a.is(Value::Kind::Float) ? a : Value::integer(a.asInt());
    if (a.is(Value::Kind::Float)) return Value::number(-a.asFloat());
    if (a.asInt() == INT64_MIN) return typeError("integer overflow in unary -");
    return Value::integer(-a.asInt());
}

}  // namespace ft::tok::jinja
