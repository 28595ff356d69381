#include "core/tokenize/jinja_template.h"

#include "core/tokenize/jinja_lexer.h"
#include "core/tokenize/jinja_parser.h"
#include "core/tokenize/jinja_render.h"

namespace ft::tok::jinja {

Template::Template(std::shared_ptr<const Body> body, std::string origin)
    : m_body(std::move(body)), m_origin(std::move(origin)) {}

// Everything below returns errors as values; the catch is a last line of defence (bad_alloc, a bug),
// because nothing a template says may take the application down.
Result<Template> Template::parse(std::string_view source, std::string origin) try {
    auto tokens = lex(source, origin);
    if (!tokens) return tokens.error();
    auto body = jinja::parse(*tokens, origin);
    if (!body) return body.error();
    return Template(std::make_shared<const Body>(std::move(*body)), std::move(origin));
} catch (const std::exception& e) {
    return makeError("chat_template.internal", std::string("The chat template could not be parsed: ") + e.what());
}

Result<std::string> Template::render(const DictData& variables) const try {
    return renderBody(*m_body, m_origin, variables);
} catch (const std::exception& e) {
    return makeError("chat_template.internal", std::string("The chat template could not be rendered: ") + e.what());
}

}  // namespace ft::tok::jinja
