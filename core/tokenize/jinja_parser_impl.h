#pragma once
// The parser's state and steps, shared by jinja_parser.cpp (statements) and jinja_parser_expr.cpp
// (expressions).

#include "core/tokenize/jinja_error.h"
#include "core/tokenize/jinja_parser.h"

#include <algorithm>

namespace ft::tok::jinja::detail {

constexpr int kMaxDepth =
    200;  // nesting of expressions and blocks; deeper input is refused, not a stack overflow

class Parser {
public:
    Parser(const std::vector<Token>& tokens, const std::string& origin) : m_t(tokens), m_origin(origin) {}
    Result<Body> run();

private:
    const Token& cur() const { return m_t[m_pos]; }
    const Token& peek(size_t n = 1) const { return m_t[std::min(m_pos + n, m_t.size() - 1)]; }
    bool isOp(const char* op) const { return cur().type == TokenType::Operator && cur().value == op; }
    bool isName(const char* name) const { return cur().type == TokenType::Name && cur().value == name; }
    void next() {
        if (m_pos + 1 < m_t.size()) ++m_pos;
    }
    static std::string describe(const Token& t) {
        switch (t.type) {
            case TokenType::End:
                return "end of template";
            case TokenType::BlockEnd:
                return "'%}'";
            case TokenType::VariableEnd:
                return "'}}'";
            case TokenType::String:
                return "a string";
            case TokenType::Text:
                return "text";
            default:
                return "'" + t.value + "'";
        }
    }
    Error fail(const std::string& what, const std::string& construct = {}, int line = -1) const {
        return templateError("chat_template.syntax", m_origin, line < 0 ? cur().line : line, what, construct);
    }
    Error unsupported(const std::string& what, const std::string& construct, int line = -1) const {
        return templateError("chat_template.unsupported", m_origin, line < 0 ? cur().line : line, what,
                             construct);
    }
    Status expectOp(const char* op) {
        if (!isOp(op)) return fail(std::string("expected '") + op + "', got " + describe(cur()), op);
        next();
        return {};
    }
    Status expectBlockEnd() {
        if (cur().type != TokenType::BlockEnd) return fail("expected '%}', got " + describe(cur()));
        next();
        return {};
    }
    Result<std::string> expectName() {
        if (cur().type != TokenType::Name) return fail("expected a name, got " + describe(cur()));
        std::string n = cur().value;
        next();
        return n;
    }
    static ExprPtr node(ExprKind k, int line) {
        auto e = std::make_unique<Expr>();
        e->kind = k;
        e->line = line;
        return e;
    }

    // statements (jinja_parser.cpp)
    Result<Body> subparse(const std::vector<std::string>& endTags, std::string& found);
    Result<Body> statements(const std::vector<std::string>& endTags, std::string& found);
    Result<StmtPtr> statement();
    Result<StmtPtr> parseIf(StmtPtr s);
    Result<std::vector<std::string>> assignTargets();
    Result<StmtPtr> parseFor(StmtPtr s);
    Result<StmtPtr> parseSet(StmtPtr s);
    Result<StmtPtr> parseMacro(StmtPtr s);

    // expressions (jinja_parser_expr.cpp)
    bool tupleEnd(const std::vector<std::string>& extraEnd) const;
    Result<ExprPtr> parseTuple(bool withCond, const std::vector<std::string>& extraEnd,
                               bool explicitParens = false);
    Result<ExprPtr> expression(bool withCond);
    Result<ExprPtr> condExpr();
    template <class Sub>
    Result<ExprPtr> leftAssoc(Sub sub, const std::vector<std::string>& ops, bool names);
    Result<ExprPtr> orExpr();
    Result<ExprPtr> andExpr();
    Result<ExprPtr> notExpr();
    Result<ExprPtr> compareExpr();
    Result<ExprPtr> math1();
    Result<ExprPtr> concat();
    Result<ExprPtr> math2();
    Result<ExprPtr> power();
    Result<ExprPtr> unaryFiltered();
    Result<ExprPtr> unary(bool withFilter);
    Result<ExprPtr> primary();
    Result<ExprPtr> postfix(ExprPtr n);
    Result<ExprPtr> subscript(ExprPtr target, int line);
    Status callArgs(Expr& e);
    Result<ExprPtr> call(ExprPtr target, ExprKind kind, const std::string& name);
    Result<ExprPtr> filterExpr(ExprPtr n);

    const std::vector<Token>& m_t;
    const std::string& m_origin;
    size_t m_pos = 0;
    int m_depth = 0;
    int m_loopDepth = 0;
};

}  // namespace ft::tok::jinja::detail
