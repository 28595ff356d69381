#pragma once
// Errors of the chat-template engine: they name the template line and, when known, the construct.

#include "core/common/result.h"

#include <string>

namespace ft::tok::jinja {

// `origin` is the template's file (chat_template.jinja) or empty for an inline template, in which
// case the message itself says "Chat template line N".
inline Error templateError(std::string code, const std::string& origin, int line, const std::string& what,
                           std::string construct = {}) {
    std::string message = what;
    if (origin.empty() && line > 0) message = "Chat template line " + std::to_string(line) + ": " + what;
    return makeError(std::move(code), message + (message.empty() || message.back() == '.' ? "" : "."), origin,
                     origin.empty() ? -1 : line, construct.empty() ? "chat_template" : std::move(construct));
}

}  // namespace ft::tok::jinja
