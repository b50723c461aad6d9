#pragma once
// Errors as values: every fallible call across a module boundary returns Result<T>.
#include <expected>
#include <optional>
#include <string>

namespace rollcall {

struct Error {
    std::string code;     // stable machine code, e.g. "leave.overlap", "sqlite.busy"
    std::string message;  // a sentence a person can read
    std::optional<std::string> field;  // the input field at fault, where there is one

    [[nodiscard]] std::string describe() const;
};

template <class T>
using Result = std::expected<T, Error>;

using Status = std::expected<void, Error>;

[[nodiscard]] inline std::unexpected<Error> fail(std::string code, std::string message,
                                                 std::optional<std::string> field = std::nullopt) {
    return std::unexpected(Error{std::move(code), std::move(message), std::move(field)});
}

}  // namespace rollcall
