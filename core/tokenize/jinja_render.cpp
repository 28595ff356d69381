#include "core/tokenize/jinja_render.h"

#include "core/tokenize/jinja_builtins.h"
#include "core/tokenize/jinja_error.h"
#include "core/tokenize/jinja_operators.h"

#include <unordered_map>

namespace ft::tok::jinja {

namespace {

// Budgets that turn a runaway template (nested range() loops, recursive macros) into an error.
constexpr int64_t kMaxSteps = 1'000'000;
constexpr size_t kMaxOutputBytes = size_t(64) << 20;
constexpr int kMaxCallDepth = 100;

enum class Flow { Normal, Break, Continue };

struct Frame {
    Frame* parent = nullptr;
    std::unordered_map<std::string, Value> vars;

    const Value* find(const std::string& name) const {
        for (const Frame* f = this; f; f = f->parent)
            if (auto it = f->vars.find(name); it != f->vars.end()) return &it->second;
        return nullptr;
    }
};

class Renderer {
public:
    Renderer(const std::string& origin, Frame& root) : m_origin(origin), m_root(root) {}

    Status exec(const Body& body, Frame& frame, std::string& out, Flow& flow) {
        for (const auto& s : body) {
            if (++m_steps > kMaxSteps)
                return at(makeError("chat_template.render", "the template runs too long"), s->line);
            if (out.size() > kMaxOutputBytes)
                return at(makeError("chat_template.render", "the output is too large"), s->line);
            if (Status st = execOne(*s, frame, out, flow); !st) return st;
            if (flow != Flow::Normal) return {};
        }
        return {};
    }

private:
    // Builtins report errors without a line; the statement or expression that failed adds it.
    Error at(Error e, int line) const {
        if (!e.field.empty()) return e;
        return templateError(e.code, m_origin, line, e.message);
    }

    Status execOne(const Stmt& s, Frame& frame, std::string& out, Flow& flow) {
        switch (s.kind) {
            case StmtKind::Text:
                out += s.text;
                return {};
            case StmtKind::Print: {
                auto v = eval(*s.expr, frame);
                if (!v) return v.error();
                out += toStr(*v);
                return {};
            }
            case StmtKind::If:
                for (const auto& [cond, body] : s.branches) {
                    bool take = true;
                    if (cond) {
                        auto c = eval(*cond, frame);
                        if (!c) return c.error();
                        take = truthy(*c);
                    }
                    if (take) return exec(body, frame, out, flow);
                }
                return {};
            case StmtKind::For:
                return execFor(s, frame, out);
            case StmtKind::Set: {
                auto v = eval(*s.expr, frame);
                if (!v) return v.error();
                if (!s.attribute.empty()) {
                    const Value* ns = frame.find(s.targets[0]);
                    if (!ns || !ns->is(Value::Kind::Namespace))
                        return templateError("chat_template.render", m_origin, s.line,
                                             "cannot assign attribute '" + s.attribute +
                                                 "' on non-namespace object '" + s.targets[0] + "'",
                                             "set");
                    ns->asNamespace().attrs.set(s.attribute, std::move(*v));
                    return {};
                }
                return bind(frame, s.targets, *v, s.line);
            }
            case StmtKind::SetBlock: {
                std::string captured;
                Flow inner = Flow::Normal;
                if (Status st = exec(s.body, frame, captured, inner); !st) return st;
                frame.vars[s.targets[0]] = Value::string(std::move(captured));
                return {};
            }
            case StmtKind::Macro:
                frame.vars[s.text] = macro(s);
                return {};
            case StmtKind::Break:
                flow = Flow::Break;
                return {};
            case StmtKind::Continue:
                flow = Flow::Continue;
                return {};
            case StmtKind::Scope:
                return exec(s.body, frame, out, flow);
        }
        return {};
    }

    Status bind(Frame& frame, const std::vector<std::string>& targets, const Value& v, int line) {
        if (targets.size() == 1) {
            frame.vars[targets[0]] = v;
            return {};
        }
        auto items = iterate(v);
        if (!items)
            return templateError("chat_template.render", m_origin, line,
                                 std::string("cannot unpack non-iterable ") + typeName(v) + " object");
        if (items->size() != targets.size())
            return templateError("chat_template.render", m_origin, line,
                                 std::string(items->size() > targets.size() ? "too many" : "not enough") +
                                     " values to unpack (expected " + std::to_string(targets.size()) + ")");
        for (size_t i = 0; i < targets.size(); ++i) frame.vars[targets[i]] = (*items)[i];
        return {};
    }

    Status execFor(const Stmt& s, Frame& frame, std::string& out) {
        auto seq = eval(*s.expr, frame);
        if (!seq) return seq.error();
        auto all = iterate(*seq);
        if (!all) return at(all.error(), s.line);
        std::vector<Value> items;
        if (s.filter) {  // `for x in xs if cond`: jinja2 filters first, so loop.* counts what is kept
            for (auto& item : *all) {
                Frame probe{&frame, {}};
                if (Status st = bind(probe, s.targets, item, s.line); !st) return st;
                auto keep = eval(*s.filter, probe);
                if (!keep) return keep.error();
                if (truthy(*keep)) items.push_back(std::move(item));
            }
        } else {
            items = std::move(*all);
        }
        Flow flow = Flow::Normal;
        if (items.empty()) {
            Frame inner{&frame, {}};
            return exec(s.elseBody, inner, out, flow);
        }
        const int64_t n = int64_t(items.size());
        for (int64_t i = 0; i < n; ++i) {
            if (++m_steps > kMaxSteps)
                return at(makeError("chat_template.render", "the template runs too long"), s.line);
            Frame inner{&frame, {}};
            if (Status st = bind(inner, s.targets, items[size_t(i)], s.line); !st) return st;
            DictData loop;
            loop.set("index0", Value::integer(i));
            loop.set("index", Value::integer(i + 1));
            loop.set("revindex0", Value::integer(n - i - 1));
            loop.set("revindex", Value::integer(n - i));
            loop.set("first", Value::boolean(i == 0));
            loop.set("last", Value::boolean(i == n - 1));
            loop.set("length", Value::integer(n));
            loop.set("depth", Value::integer(1));
            loop.set("depth0", Value::integer(0));
            if (i > 0) loop.set("previtem", items[size_t(i - 1)]);
            if (i + 1 < n) loop.set("nextitem", items[size_t(i + 1)]);
            loop.set("cycle", Value::callable("cycle", [i](const CallArgs& a) -> Result<Value> {
                         if (a.positional.empty())
                             return makeError("chat_template.render", "loop.cycle() needs arguments");
                         return a.positional[size_t(i) % a.positional.size()];
                     }));
            inner.vars["loop"] = Value::dict(std::move(loop));
            flow = Flow::Normal;
            if (Status st = exec(s.body, inner, out, flow); !st) return st;
            if (flow == Flow::Break) break;
        }
        return {};
    }

    // Macros see their arguments and the template's top-level names (not the loop they sit in).
    Value macro(const Stmt& s) {
        const Stmt* def = &s;
        return Value::callable(s.text, [this, def](const CallArgs& a) -> Result<Value> {
            if (a.positional.size() > def->targets.size())
                return makeError(
                    "chat_template.render",
                    "macro '" + def->text + "' takes " + std::to_string(def->targets.size()) + " arguments");
            if (m_callDepth >= kMaxCallDepth)
                return makeError("chat_template.render", "macros nest too deeply");
            Frame frame{&m_root, {}};
            for (size_t i = 0; i < def->targets.size(); ++i) {
                if (const Value* v = a.get(i, def->targets[i])) {
                    frame.vars[def->targets[i]] = *v;
                } else if (def->defaults[i]) {
                    auto d = eval(*def->defaults[i], frame);
                    if (!d) return d.error();
                    frame.vars[def->targets[i]] = *d;
                } else {
                    frame.vars[def->targets[i]] =
                        Value::undefined("parameter '" + def->targets[i] + "' was not provided");
                }
            }
            for (const auto& [k, v] : a.named) {
                bool known = false;
                for (const auto& t : def->targets) known = known || t == k;
                if (!known)
                    return makeError("chat_template.render",
                                     "macro '" + def->text + "' has no parameter '" + k + "'");
            }
            ++m_callDepth;
            std::string out;
            Flow flow = Flow::Normal;
            Status st = exec(def->body, frame, out, flow);
            --m_callDepth;
            if (!st) return st.error();
            return Value::string(std::move(out));
        });
    }

    Result<Value> eval(const Expr& e, Frame& frame) {
        auto r = evalInner(e, frame);
        if (!r) return at(r.error(), e.line);
        return r;
    }

    Result<std::vector<Value>> evalAll(const std::vector<ExprPtr>& exprs, size_t from, Frame& frame) {
        std::vector<Value> out;
        for (size_t i = from; i < exprs.size(); ++i) {
            if (!exprs[i]) {
                out.push_back(Value::none());
                continue;
            }
            auto v = eval(*exprs[i], frame);
            if (!v) return v.error();
            out.push_back(std::move(*v));
        }
        return out;
    }

    Result<CallArgs> callArgs(const Expr& e, Frame& frame) {
        CallArgs args;
        auto positional = evalAll(e.args, 1, frame);
        if (!positional) return positional.error();
        args.positional = std::move(*positional);
        for (const auto& [k, x] : e.kwargs) {
            auto v = eval(*x, frame);
            if (!v) return v.error();
            args.named.emplace_back(k, std::move(*v));
        }
        return args;
    }

    Result<Value> evalInner(const Expr& e, Frame& frame) {
        switch (e.kind) {
            case ExprKind::Literal:
                return e.value;
            case ExprKind::Name: {
                if (const Value* v = frame.find(e.name)) return *v;
                return Value::undefined("'" + e.name + "' is undefined");
            }
            case ExprKind::List:
            case ExprKind::Tuple: {
                auto items = evalAll(e.args, 0, frame);
                if (!items) return items.error();
                return Value::list(std::move(*items), e.kind == ExprKind::Tuple);
            }
            case ExprKind::Dict: {
                DictData d;
                for (size_t i = 0; i < e.args.size(); ++i) {
                    auto k = eval(*e.keys[i], frame);
                    if (!k) return k.error();
                    if (!k->is(Value::Kind::String))
                        return makeError("chat_template.unsupported",
                                         "dict keys other than strings are not supported");
                    auto v = eval(*e.args[i], frame);
                    if (!v) return v.error();
                    d.set(k->asString(), std::move(*v));
                }
                return Value::dict(std::move(d));
            }
            case ExprKind::GetAttr: {
                auto obj = eval(*e.args[0], frame);
                if (!obj) return obj;
                return getAttr(*obj, e.name);
            }
            case ExprKind::GetItem:
            case ExprKind::Slice: {
                auto parts = evalAll(e.args, 0, frame);
                if (!parts) return parts.error();
                const auto& p = *parts;
                return e.kind == ExprKind::GetItem ? getItem(p[0], p[1]) : getSlice(p[0], p[1], p[2], p[3]);
            }
            case ExprKind::Call: {
                auto callee = eval(*e.args[0], frame);
                if (!callee) return callee;
                if (callee->is(Value::Kind::Undefined)) return undefinedError(*callee);
                if (!callee->is(Value::Kind::Callable))
                    return makeError("chat_template.render",
                                     std::string("'") + typeName(*callee) + "' object is not callable");
                auto args = callArgs(e, frame);
                if (!args) return args.error();
                auto r = callee->asCallable().fn(*args);
                if (!r && r.error().code == "chat_template.raised")
                    return templateError(r.error().code, m_origin, e.line,
                                         "the template raised an error: " + r.error().message,
                                         "raise_exception");
                return r;
            }
            case ExprKind::Filter:
            case ExprKind::Test: {
                auto subject = eval(*e.args[0], frame);
                if (!subject) return subject;
                auto args = callArgs(e, frame);
                if (!args) return args.error();
                if (e.kind == ExprKind::Filter) return applyFilter(e.name, *subject, *args);
                auto t = applyTest(e.name, *subject, *args);
                if (!t) return t.error();
                return Value::boolean(*t != e.negate);
            }
            case ExprKind::Unary: {
                auto v = eval(*e.args[0], frame);
                if (!v) return v;
                if (e.name == "not") return Value::boolean(!truthy(*v));
                return unaryOp(e.name, *v);
            }
            case ExprKind::Binary: {
                auto a = eval(*e.args[0], frame);
                if (!a) return a;
                if (e.name == "and" || e.name == "or") {  // Python returns the deciding operand
                    if (truthy(*a) == (e.name == "or")) return a;
                    return eval(*e.args[1], frame);
                }
                auto b = eval(*e.args[1], frame);
                if (!b) return b;
                return binaryOp(e.name, *a, *b);
            }
            case ExprKind::Compare: {
                auto left = eval(*e.args[0], frame);
                if (!left) return left;
                Value l = std::move(*left);
                for (size_t i = 0; i < e.ops.size(); ++i) {
                    auto right = eval(*e.args[i + 1], frame);
                    if (!right) return right;
                    auto ok = compareOp(e.ops[i], l, *right);
                    if (!ok) return ok.error();
                    if (!*ok) return Value::boolean(false);
                    l = std::move(*right);
                }
                return Value::boolean(true);
            }
            case ExprKind::Cond: {
                auto c = eval(*e.args[0], frame);
                if (!c) return c;
                if (truthy(*c)) return eval(*e.args[1], frame);
                if (e.args[2]) return eval(*e.args[2], frame);
                return Value::undefined("the inline if-expression on line " + std::to_string(e.line) +
                                        " evaluated to false and no else section was defined");
            }
        }
        return Value();
    }

    const std::string& m_origin;
    Frame& m_root;
    int64_t m_steps = 0;
    int m_callDepth = 0;
};

}  // namespace

Result<std::string> renderBody(const Body& body, const std::string& origin, const DictData& variables) {
    Frame root;
    for (const auto& [k, v] : globals().items) root.vars[k] = v;
    for (const auto& [k, v] : variables.items) root.vars[k] = v;  // render variables shadow globals
    Renderer renderer(origin, root);
    std::string out;
    Flow flow = Flow::Normal;
    if (Status st = renderer.exec(body, root, out, flow); !st) return st.error();
    return out;
}

}  // namespace ft::tok::jinja
