#pragma once
// The parsed template: expression and statement nodes, each with its source line for errors.

#include "core/tokenize/jinja_value.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace ft::tok::jinja {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind {
    Literal,  // value
    Name,     // name
    List,     // args = items
    Tuple,    // args = items
    Dict,     // keys[i] : args[i]
    GetAttr,  // args[0] . name
    GetItem,  // args[0] [ args[1] ]
    Slice,    // args[0] [ args[1] : args[2] : args[3] ] (null = omitted)
    Call,     // args[0] ( args[1..], kwargs )
    Filter,   // args[0] | name ( args[1..], kwargs )
    Test,     // args[0] is [not] name ( args[1..], kwargs ); negate
    Unary,    // op args[0]: "-", "+", "not"
    Binary,   // args[0] op args[1]: + - * / // % ** ~ and or
    Compare,  // args[0] ops[0] args[1] ops[1] args[2] ...: == != < <= > >= in notin
    Cond,     // args[1] if args[0] else args[2] (args[2] may be null)
};

struct Expr {
    ExprKind kind;
    int line = 0;
    Value value;       // Literal
    std::string name;  // Name, GetAttr, Filter, Test; operator for Unary / Binary
    std::vector<ExprPtr> args;
    std::vector<std::string> ops;  // Compare
    std::vector<ExprPtr> keys;     // Dict
    std::vector<std::pair<std::string, ExprPtr>> kwargs;
    bool negate = false;  // Test
};

struct Stmt;
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

enum class StmtKind {
    Text,      // text
    Print,     // {{ expr }}
    If,        // branches: (condition or null for else, body)
    For,       // for targets in expr [if filter]: body [else elseBody]
    Set,       // set targets = expr; or set targets[0].attribute = expr
    SetBlock,  // set targets[0] %} body {% endset
    Macro,     // macro name(params = defaults) body
    Break,
    Continue,
    Scope,  // body run in place ({% generation %} of transformers' AssistantTracker)
};

struct Stmt {
    StmtKind kind;
    int line = 0;
    std::string text;                                // Text; macro name
    ExprPtr expr;                                    // Print, For iterable, Set value
    ExprPtr filter;                                  // For ... if filter
    std::vector<std::string> targets;                // For / Set names; macro parameter names
    std::string attribute;                           // Set ns.attribute
    std::vector<ExprPtr> defaults;                   // Macro parameter defaults (null = required)
    std::vector<std::pair<ExprPtr, Body>> branches;  // If
    Body body, elseBody;
};

}  // namespace ft::tok::jinja
