#pragma once
// Errors as values at every core boundary: a code the UI maps to translated text, plus the
// details a user needs to fix the problem (file, line, field or tensor name).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace ft {

struct Error {
    std::string code;     // stable, dotted: "safetensors.header_too_large", "job.unknown_key"
    std::string message;  // English sentence for logs and the CLI; the UI may word it anew from code
    std::string file;     // path involved, if any
    int64_t line = -1;    // 1-based line in `file`, or -1
    std::string field;    // JSON key, column, or tensor name involved, if any
    int64_t column = -1;  // 1-based character column on `line`, or -1

    // "file:line:column: message (field)" — the one-line form the CLI prints.
    std::string describe() const {
        std::string out;
        if (!file.empty()) {
            out += file;
            if (line >= 0) out += ":" + std::to_string(line);
            if (line >= 0 && column >= 0) out += ":" + std::to_string(column);
            out += ": ";
        }
        out += message;
        if (!field.empty() && message.find(field) == std::string::npos) out += " [" + field + "]";
        return out;
    }
};

inline Error makeError(std::string code, std::string message, std::string file = {}, int64_t line = -1,
                       std::string field = {}, int64_t column = -1) {
    return Error{std::move(code), std::move(message), std::move(file), line, std::move(field), column};
}

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() & { return std::get<0>(m_v); }
    const T& value() const& { return std::get<0>(m_v); }
    T&& value() && { return std::get<0>(std::move(m_v)); }
    const Error& error() const { return std::get<1>(m_v); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    std::variant<T, Error> m_v;
};

class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) {}
    static Status success() { return {}; }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

}  // namespace ft
