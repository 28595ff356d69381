// Statements: text, {{ }} and the {% %} tags of the supported subset; other tags are errors
// naming the tag.
#include "core/tokenize/jinja_parser_impl.h"

namespace ft::tok::jinja {

namespace detail {

namespace {

const char* const kUnsupportedTags[] = {"call",    "filter",        "block",   "extends",    "include",
                                        "import",  "from",          "with",    "autoescape", "do",
                                        "trans",   "pluralize",     "endcall", "endfilter",  "endblock",
                                        "endwith", "endautoescape", "endtrans"};

}  // namespace

Result<Body> Parser::run() {
    std::string found;
    auto body = subparse({}, found);
    if (!body) return body.error();
    return std::move(*body);
}

Result<Body> Parser::subparse(const std::vector<std::string>& endTags, std::string& found) {
    Body body;
    if (++m_depth > kMaxDepth) return fail("blocks are nested too deeply");
    while (true) {
        const Token& t = cur();
        if (t.type == TokenType::End) {
            if (endTags.empty()) break;
            std::string want;
            for (const auto& e : endTags) want += (want.empty() ? "'" : " or '") + e + "'";
            return fail("unexpected end of template; expected " + want, endTags.front());
        }
        if (t.type == TokenType::Text) {
            auto s = std::make_unique<Stmt>();
            s->kind = StmtKind::Text;
            s->line = t.line;
            s->text = t.value;
            body.push_back(std::move(s));
            next();
        } else if (t.type == TokenType::VariableBegin) {
            next();
            auto s = std::make_unique<Stmt>();
            s->kind = StmtKind::Print;
            s->line = t.line;
            auto e = parseTuple(true, {});
            if (!e) return e.error();
            s->expr = std::move(*e);
            if (cur().type != TokenType::VariableEnd) return fail("expected '}}', got " + describe(cur()));
            next();
            body.push_back(std::move(s));
        } else if (t.type == TokenType::BlockBegin) {
            next();
            if (cur().type == TokenType::Name)
                for (const auto& e : endTags)
                    if (cur().value == e) {
                        found = e;
                        next();
                        --m_depth;
                        return body;
                    }
            auto s = statement();
            if (!s) return s.error();
            if (Status st = expectBlockEnd(); !st) return st.error();
            body.push_back(std::move(*s));
        } else {
            return fail("unexpected " + describe(t));
        }
    }
    --m_depth;
    return body;
}

// After a tag's header: `%}`, then the body up to one of `endTags` (whose name is consumed).
Result<Body> Parser::statements(const std::vector<std::string>& endTags, std::string& found) {
    if (Status st = expectBlockEnd(); !st) return st.error();
    return subparse(endTags, found);
}

Result<StmtPtr> Parser::statement() {
    const Token& t = cur();
    if (t.type != TokenType::Name) return fail("expected a tag name, got " + describe(t));
    const std::string tag = t.value;
    const int line = t.line;
    next();
    auto s = std::make_unique<Stmt>();
    s->line = line;
    if (tag == "if") return parseIf(std::move(s));
    if (tag == "for") return parseFor(std::move(s));
    if (tag == "set") return parseSet(std::move(s));
    if (tag == "macro") return parseMacro(std::move(s));
    if (tag == "break" || tag == "continue") {
        if (m_loopDepth == 0) return fail("'" + tag + "' outside of a loop", tag, line);
        s->kind = tag == "break" ? StmtKind::Break : StmtKind::Continue;
        return s;
    }
    if (tag == "generation") {  // transformers' AssistantTracker: renders its body unchanged
        s->kind = StmtKind::Scope;
        std::string found;
        auto body = statements({"endgeneration"}, found);
        if (!body) return body.error();
        s->body = std::move(*body);
        return s;
    }
    for (const char* u : kUnsupportedTags)
        if (tag == u) return unsupported("the {% " + tag + " %} tag is not supported", tag, line);
    return fail("unknown tag '" + tag + "'", tag, line);
}

Result<StmtPtr> Parser::parseIf(StmtPtr s) {
    s->kind = StmtKind::If;
    while (true) {
        auto cond = parseTuple(false, {});
        if (!cond) return cond.error();
        std::string found;
        auto body = statements({"elif", "else", "endif"}, found);
        if (!body) return body.error();
        s->branches.emplace_back(std::move(*cond), std::move(*body));
        if (found == "elif") continue;
        if (found == "else") {
            auto elseBody = statements({"endif"}, found);
            if (!elseBody) return elseBody.error();
            s->branches.emplace_back(nullptr, std::move(*elseBody));
        }
        return s;
    }
}

Result<std::vector<std::string>> Parser::assignTargets() {
    std::vector<std::string> names;
    const bool paren = isOp("(");
    if (paren) next();
    while (true) {
        auto n = expectName();
        if (!n) return n.error();
        names.push_back(*n);
        if (!isOp(",")) break;
        next();
        if (paren && isOp(")")) break;
    }
    if (paren)
        if (Status st = expectOp(")"); !st) return st.error();
    return names;
}

Result<StmtPtr> Parser::parseFor(StmtPtr s) {
    s->kind = StmtKind::For;
    auto targets = assignTargets();
    if (!targets) return targets.error();
    s->targets = std::move(*targets);
    if (!isName("in")) return fail("expected 'in', got " + describe(cur()), "for");
    next();
    auto iter = parseTuple(false, {"recursive", "if"});
    if (!iter) return iter.error();
    s->expr = std::move(*iter);
    if (isName("if")) {
        next();
        auto f = expression(true);
        if (!f) return f.error();
        s->filter = std::move(*f);
    }
    if (isName("recursive")) return unsupported("recursive loops are not supported", "recursive");
    ++m_loopDepth;
    std::string found;
    auto body = statements({"endfor", "else"}, found);
    --m_loopDepth;
    if (!body) return body.error();
    s->body = std::move(*body);
    if (found == "else") {
        auto elseBody = statements({"endfor"}, found);
        if (!elseBody) return elseBody.error();
        s->elseBody = std::move(*elseBody);
    }
    return s;
}

Result<StmtPtr> Parser::parseSet(StmtPtr s) {
    if (cur().type == TokenType::Name && peek().type == TokenType::Operator && peek().value == "." &&
        peek(2).type == TokenType::Name) {  // ns.attribute
        s->targets.push_back(cur().value);
        s->attribute = peek(2).value;
        m_pos += 3;
    } else {
        auto targets = assignTargets();
        if (!targets) return targets.error();
        s->targets = std::move(*targets);
    }
    if (isOp("=")) {
        next();
        s->kind = StmtKind::Set;
        auto value = parseTuple(true, {});
        if (!value) return value.error();
        s->expr = std::move(*value);
        return s;
    }
    if (isOp("|")) return unsupported("filtered {% set %} blocks are not supported", "set");
    if (s->targets.size() != 1 || !s->attribute.empty())
        return fail("a {% set %} block assigns one name", "set");
    s->kind = StmtKind::SetBlock;
    std::string found;
    auto body = statements({"endset"}, found);
    if (!body) return body.error();
    s->body = std::move(*body);
    return s;
}

Result<StmtPtr> Parser::parseMacro(StmtPtr s) {
    s->kind = StmtKind::Macro;
    auto name = expectName();
    if (!name) return name.error();
    s->text = *name;
    if (Status st = expectOp("("); !st) return st.error();
    while (!isOp(")")) {
        if (!s->targets.empty())
            if (Status st = expectOp(","); !st) return st.error();
        auto param = expectName();
        if (!param) return param.error();
        s->targets.push_back(*param);
        ExprPtr def;
        if (isOp("=")) {
            next();
            auto d = expression(true);
            if (!d) return d.error();
            def = std::move(*d);
        }
        s->defaults.push_back(std::move(def));
    }
    next();
    const int loops = m_loopDepth;
    m_loopDepth = 0;
    std::string found;
    auto body = statements({"endmacro"}, found);
    m_loopDepth = loops;
    if (!body) return body.error();
    s->body = std::move(*body);
    return s;
}

}  // namespace detail

Result<Body> parse(const std::vector<Token>& tokens, const std::string& origin) {
    return detail::Parser(tokens, origin).run();
}

}  // namespace ft::tok::jinja
