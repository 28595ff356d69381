#pragma once
// A compiled Jinja template of the subset chat templates use (docs/chat-templates.md), rendered
// byte-for-byte as jinja2 renders it with transformers' settings: ImmutableSandboxedEnvironment,
// trim_blocks, lstrip_blocks, loopcontrols, plus raise_exception, strftime_now and tojson.
// Errors are values naming the template line and construct; nothing a template does can crash.

#include "core/tokenize/jinja_value.h"

#include <memory>
#include <string>
#include <string_view>

namespace ft::tok::jinja {

struct Stmt;

class Template {
public:
    // `origin`: the template's file for error messages, or empty for an inline template.
    static Result<Template> parse(std::string_view source, std::string origin = {});
    // `variables` are the names the template sees, on top of the globals (raise_exception, ...).
    Result<std::string> render(const DictData& variables) const;

private:
    Template(std::shared_ptr<const std::vector<std::unique_ptr<Stmt>>> body, std::string origin);
    std::shared_ptr<const std::vector<std::unique_ptr<Stmt>>> m_body;
    std::string m_origin;
};

}  // namespace ft::tok::jinja
