// Expressions, with jinja2's precedence (parser.py): conditional < or < and < not < comparisons
// and `in` < + - < ~ < * / // % < ** < unary - + < filters, `is` tests, calls, `.` and `[]`.
#include "core/tokenize/jinja_builtins.h"
#include "core/tokenize/jinja_parser_impl.h"

#include <cerrno>
#include <cstdlib>

namespace ft::tok::jinja::detail {

bool Parser::tupleEnd(const std::vector<std::string>& extraEnd) const {
    if (cur().type == TokenType::VariableEnd || cur().type == TokenType::BlockEnd || isOp(")")) return true;
    for (const auto& e : extraEnd)
        if (cur().type == TokenType::Name && cur().value == e) return true;
    return false;
}

Result<ExprPtr> Parser::parseTuple(bool withCond, const std::vector<std::string>& extraEnd,
                                   bool explicitParens) {
    const int line = cur().line;
    std::vector<ExprPtr> items;
    bool isTuple = false;
    while (true) {
        if (!items.empty())
            if (Status st = expectOp(","); !st) return st.error();
        if (tupleEnd(extraEnd)) break;
        auto e = expression(withCond);
        if (!e) return e.error();
        items.push_back(std::move(*e));
        if (isOp(","))
            isTuple = true;
        else
            break;
    }
    if (!isTuple) {
        if (!items.empty()) return std::move(items[0]);
        if (!explicitParens) return fail("expected an expression, got " + describe(cur()));
    }
    auto t = node(ExprKind::Tuple, line);
    t->args = std::move(items);
    return t;
}

Result<ExprPtr> Parser::expression(bool withCond) {
    if (++m_depth > kMaxDepth) return fail("the expression is nested too deeply");
    auto e = withCond ? condExpr() : orExpr();
    --m_depth;
    return e;
}

Result<ExprPtr> Parser::condExpr() {
    auto e1 = orExpr();
    if (!e1) return e1;
    ExprPtr left = std::move(*e1);
    while (isName("if")) {
        const int line = cur().line;
        next();
        auto cond = orExpr();
        if (!cond) return cond;
        ExprPtr otherwise;
        if (isName("else")) {
            next();
            auto e3 = condExpr();
            if (!e3) return e3;
            otherwise = std::move(*e3);
        }
        auto c = node(ExprKind::Cond, line);
        c->args.push_back(std::move(*cond));
        c->args.push_back(std::move(left));
        c->args.push_back(std::move(otherwise));
        left = std::move(c);
    }
    return left;
}

template <class Sub>
Result<ExprPtr> Parser::leftAssoc(Sub sub, const std::vector<std::string>& ops, bool names) {
    auto l = (this->*sub)();
    if (!l) return l;
    ExprPtr left = std::move(*l);
    while (true) {
        std::string op;
        for (const auto& o : ops)
            if ((names && isName(o.c_str())) || (!names && isOp(o.c_str()))) op = o;
        if (op.empty()) return left;
        const int line = cur().line;
        next();
        auto r = (this->*sub)();
        if (!r) return r;
        auto b = node(ExprKind::Binary, line);
        b->name = op;
        b->args.push_back(std::move(left));
        b->args.push_back(std::move(*r));
        left = std::move(b);
    }
}

Result<ExprPtr> Parser::orExpr() {
    return leftAssoc(&Parser::andExpr, {"or"}, true);
}

Result<ExprPtr> Parser::andExpr() {
    return leftAssoc(&Parser::notExpr, {"and"}, true);
}

Result<ExprPtr> Parser::notExpr() {
    if (!isName("not")) return compareExpr();
    const int line = cur().line;
    next();
    if (++m_depth > kMaxDepth) return fail("the expression is nested too deeply");
    auto inner = notExpr();
    --m_depth;
    if (!inner) return inner;
    auto n = node(ExprKind::Unary, line);
    n->name = "not";
    n->args.push_back(std::move(*inner));
    return n;
}

Result<ExprPtr> Parser::compareExpr() {
    auto first = math1();
    if (!first) return first;
    auto c = node(ExprKind::Compare, cur().line);
    c->args.push_back(std::move(*first));
    while (true) {
        std::string op;
        if (cur().type == TokenType::Operator &&
            (cur().value == "==" || cur().value == "!=" || cur().value == "<" || cur().value == "<=" ||
             cur().value == ">" || cur().value == ">=")) {
            op = cur().value;
            next();
        } else if (isName("in")) {
            op = "in";
            next();
        } else if (isName("not") && peek().type == TokenType::Name && peek().value == "in") {
            op = "notin";
            m_pos += 2;
        } else {
            break;
        }
        auto r = math1();
        if (!r) return r;
        c->ops.push_back(op);
        c->args.push_back(std::move(*r));
    }
    if (c->ops.empty()) return std::move(c->args[0]);
    return c;
}

Result<ExprPtr> Parser::math1() {
    return leftAssoc(&Parser::concat, {"+", "-"}, false);
}

Result<ExprPtr> Parser::concat() {
    return leftAssoc(&Parser::math2, {"~"}, false);
}

Result<ExprPtr> Parser::math2() {
    return leftAssoc(&Parser::power, {"*", "/", "//", "%"}, false);
}

Result<ExprPtr> Parser::power() {
    return leftAssoc(&Parser::unaryFiltered, {"**"}, false);
}

Result<ExprPtr> Parser::unaryFiltered() {
    return unary(true);
}

Result<ExprPtr> Parser::unary(bool withFilter) {
    if (++m_depth > kMaxDepth) return fail("the expression is nested too deeply");
    Result<ExprPtr> n = ExprPtr();
    if (isOp("-") || isOp("+")) {
        const int line = cur().line;
        const std::string op = cur().value;
        next();
        auto inner = unary(false);
        if (!inner) return inner;
        auto u = node(ExprKind::Unary, line);
        u->name = op;
        u->args.push_back(std::move(*inner));
        n = std::move(u);
    } else {
        n = primary();
    }
    if (n) n = postfix(std::move(*n));
    if (n && withFilter) n = filterExpr(std::move(*n));
    --m_depth;
    return n;
}

Result<ExprPtr> Parser::primary() {
    const Token& t = cur();
    const int line = t.line;
    if (t.type == TokenType::Name) {
        auto e = node(ExprKind::Literal, line);
        if (t.value == "true" || t.value == "True")
            e->value = Value::boolean(true);
        else if (t.value == "false" || t.value == "False")
            e->value = Value::boolean(false);
        else if (t.value == "none" || t.value == "None")
            e->value = Value::none();
        else
            e->kind = ExprKind::Name, e->name = t.value;
        next();
        return e;
    }
    if (t.type == TokenType::String) {
        std::string s;
        while (cur().type == TokenType::String) s += cur().value, next();  // 'a' 'b' == 'ab'
        auto e = node(ExprKind::Literal, line);
        e->value = Value::string(std::move(s));
        return e;
    }
    if (t.type == TokenType::Integer || t.type == TokenType::Float) {
        auto e = node(ExprKind::Literal, line);
        if (t.type == TokenType::Float) {
            e->value = Value::number(std::strtod(t.value.c_str(), nullptr));
        } else {
            errno = 0;
            const long long v = std::strtoll(t.value.c_str(), nullptr, 10);
            if (errno == ERANGE) return unsupported("integer literal too large", t.value);
            e->value = Value::integer(v);
        }
        next();
        return e;
    }
    if (isOp("(")) {
        next();
        auto e = parseTuple(true, {}, true);
        if (!e) return e;
        if (Status st = expectOp(")"); !st) return st.error();
        return e;
    }
    if (isOp("[") || isOp("{")) {
        const bool isDict = isOp("{");
        const char* close = isDict ? "}" : "]";
        auto e = node(isDict ? ExprKind::Dict : ExprKind::List, line);
        next();
        while (!isOp(close)) {
            if (!e->args.empty())
                if (Status st = expectOp(","); !st) return st.error();
            if (isOp(close)) break;
            if (isDict) {
                auto k = expression(true);
                if (!k) return k;
                e->keys.push_back(std::move(*k));
                if (Status st = expectOp(":"); !st) return st.error();
            }
            auto v = expression(true);
            if (!v) return v;
            e->args.push_back(std::move(*v));
        }
        next();
        return e;
    }
    return fail("unexpected " + describe(t));
}

Result<ExprPtr> Parser::postfix(ExprPtr n) {
    while (true) {
        const int line = cur().line;
        if (isOp(".")) {
            next();
            if (cur().type == TokenType::Name) {
                auto g = node(ExprKind::GetAttr, line);
                g->name = cur().value;
                g->args.push_back(std::move(n));
                n = std::move(g);
            } else if (cur().type == TokenType::Integer) {
                auto g = node(ExprKind::GetItem, line);
                auto idx = node(ExprKind::Literal, line);
                idx->value = Value::integer(std::strtoll(cur().value.c_str(), nullptr, 10));
                g->args.push_back(std::move(n));
                g->args.push_back(std::move(idx));
                n = std::move(g);
            } else {
                return fail("expected a name or number after '.'");
            }
            next();
        } else if (isOp("[")) {
            next();
            auto sub = subscript(std::move(n), line);
            if (!sub) return sub;
            n = std::move(*sub);
        } else if (isOp("(")) {
            auto c = call(std::move(n), ExprKind::Call, {});
            if (!c) return c;
            n = std::move(*c);
        } else {
            return n;
        }
    }
}

Result<ExprPtr> Parser::subscript(ExprPtr target, int line) {
    // One index or one slice; `a[1, 2]` (a tuple key) has no use in templates.
    std::vector<ExprPtr> parts;
    bool slice = false;
    for (int part = 0; part < 3; ++part) {
        if (isOp(":") || isOp("]")) {
            parts.push_back(nullptr);
        } else {
            auto e = expression(true);
            if (!e) return e;
            parts.push_back(std::move(*e));
        }
        if (!isOp(":")) break;
        slice = true;
        next();
    }
    if (Status st = expectOp("]"); !st) return st.error();
    auto g = node(slice ? ExprKind::Slice : ExprKind::GetItem, line);
    g->args.push_back(std::move(target));
    if (!slice && !parts[0]) return fail("expected an index", "[]", line);
    for (auto& p : parts) g->args.push_back(std::move(p));
    while (slice && g->args.size() < 4) g->args.push_back(nullptr);
    return g;
}

// `(args, key=value)` after a callee, filter or test name.
Status Parser::callArgs(Expr& e) {
    if (Status st = expectOp("("); !st) return st;
    bool first = true;
    while (!isOp(")")) {
        if (!first) {
            if (Status st = expectOp(","); !st) return st;
            if (isOp(")")) break;
        }
        first = false;
        if (isOp("*") || isOp("**")) return unsupported("*args and **kwargs in calls are not supported", "*");
        if (cur().type == TokenType::Name && peek().type == TokenType::Operator && peek().value == "=") {
            std::string key = cur().value;
            m_pos += 2;
            auto v = expression(true);
            if (!v) return v.error();
            e.kwargs.emplace_back(std::move(key), std::move(*v));
        } else {
            if (!e.kwargs.empty()) return fail("positional argument after keyword argument");
            auto v = expression(true);
            if (!v) return v.error();
            e.args.push_back(std::move(*v));
        }
    }
    next();
    return {};
}

Result<ExprPtr> Parser::call(ExprPtr target, ExprKind kind, const std::string& name) {
    auto c = node(kind, cur().line);
    c->name = name;
    c->args.push_back(std::move(target));
    if (Status st = callArgs(*c); !st) return st.error();
    return c;
}

Result<ExprPtr> Parser::filterExpr(ExprPtr n) {
    while (true) {
        if (isOp("|")) {
            next();
            const int line = cur().line;
            auto name = expectName();
            if (!name) return name.error();
            if (!hasFilter(*name))
                return unsupported("the filter '" + *name + "' is not supported", *name, line);
            if (isOp("(")) {
                auto f = call(std::move(n), ExprKind::Filter, *name);
                if (!f) return f;
                n = std::move(*f);
            } else {
                auto f = node(ExprKind::Filter, line);
                f->name = *name;
                f->args.push_back(std::move(n));
                n = std::move(f);
            }
        } else if (isName("is")) {
            next();
            auto t = node(ExprKind::Test, cur().line);
            if (isName("not")) t->negate = true, next();
            auto name = expectName();
            if (!name) return name.error();
            if (!hasTest(*name))
                return unsupported("the test '" + *name + "' is not supported", *name, t->line);
            t->name = *name;
            t->args.push_back(std::move(n));
            if (isOp("(")) {
                if (Status st = callArgs(*t); !st) return st.error();
            } else if ((cur().type == TokenType::Name && !isName("else") && !isName("or") &&
                        !isName("and")) ||
                       cur().type == TokenType::String || cur().type == TokenType::Integer ||
                       cur().type == TokenType::Float || isOp("[") || isOp("{")) {
                if (isName("is")) return fail("tests cannot be chained with 'is'");
                auto arg = primary();
                if (!arg) return arg;
                auto argp = postfix(std::move(*arg));
                if (!argp) return argp;
                t->args.push_back(std::move(*argp));
            }
            n = std::move(t);
        } else if (isOp("(")) {
            auto c = call(std::move(n), ExprKind::Call, {});
            if (!c) return c;
            n = std::move(*c);
        } else {
            return n;
        }
    }
}

}  // namespace ft::tok::jinja::detail
