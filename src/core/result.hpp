#pragma once
// Errors are values with names (STYLE.md, practice 4). std::expected is not in
// C++20 on g++ 12, so sopir carries its own small Result<T>. The kinds are
// protocol-free; the web layer maps them to HTTP status codes in one place.

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace sopir {

enum class ErrorKind {
    Forbidden,         // The actor lacks the role, or segregation of duties forbids it.
    InvalidTransition, // The action is not allowed from the case's current state.
    Invalid,           // A field's value is wrong; `field` names it.
    Conflict,          // Someone else changed the thing first, or a unique value is taken.
    NotFound,
    Unavailable,       // A dependency (database, network) is not reachable.
    Internal,
};

// One field's problem, when an Invalid error names several at once.
struct FieldIssue {
    std::string field;
    std::string code;
    std::string message;
};

struct Error {
    ErrorKind kind { ErrorKind::Internal };
    std::string field;   // For Invalid: the field (form input name) at fault.
    std::string message; // Shown to people: Bahasa Indonesia.
    std::string code;    // Stable machine-readable code, e.g. "nik.length".
    std::vector<FieldIssue> issues; // For Invalid: every bad field, when there are several.

    static Error forbidden(std::string message) { return { ErrorKind::Forbidden, {}, std::move(message), "forbidden" }; }
    static Error invalid_transition(std::string message) { return { ErrorKind::InvalidTransition, {}, std::move(message), "invalid_transition" }; }
    static Error invalid(std::string field, std::string message, std::string code = "invalid") { return { ErrorKind::Invalid, std::move(field), std::move(message), std::move(code) }; }
    static Error conflict(std::string message) { return { ErrorKind::Conflict, {}, std::move(message), "conflict" }; }
    static Error not_found(std::string message) { return { ErrorKind::NotFound, {}, std::move(message), "not_found" }; }
    static Error unavailable(std::string message) { return { ErrorKind::Unavailable, {}, std::move(message), "unavailable" }; }
    static Error internal(std::string message) { return { ErrorKind::Internal, {}, std::move(message), "internal" }; }
};

char const* to_string(ErrorKind);

template<typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_value(std::move(value)) { }
    Result(Error error) : m_value(std::move(error)) { }

    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }

    T& value() & { assert(ok()); return std::get<T>(m_value); }
    T const& value() const& { assert(ok()); return std::get<T>(m_value); }
    T&& value() && { assert(ok()); return std::get<T>(std::move(m_value)); }
    T* operator->() { return &value(); }
    T const* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    T const& operator*() const& { return value(); }

    Error const& error() const { assert(!ok()); return std::get<Error>(m_value); }

private:
    std::variant<T, Error> m_value;
};

// For operations that give nothing back but may fail.
struct Ok { };
using Status = Result<Ok>;

}
