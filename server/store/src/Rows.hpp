#pragma once
// Small helpers for reading rows; private to the store.
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/sqlite/Database.hpp"

namespace rollcall::store::detail {

// Calls fn(stmt) for every row; fn returns void or Status (an error stops the loop).
template <class F>
Status eachRow(sqlite::Statement& st, F&& fn) {
    while (true) {
        auto step = st.step();
        if (!step) return std::unexpected(step.error());
        if (*step == sqlite::Step::Done) return {};
        if constexpr (std::is_void_v<std::invoke_result_t<F&, sqlite::Statement&>>) {
            fn(st);
        } else {
            if (auto r = fn(st); !r) return r;
        }
    }
}

// True when a row is ready to read.
inline Result<bool> stepRow(sqlite::Statement& st) {
    auto step = st.step();
    if (!step) return std::unexpected(step.error());
    return *step == sqlite::Step::Row;
}

inline Result<LocalDate> dateColumn(const sqlite::Statement& st, int col) {
    const auto text = st.getText(col);
    auto d = LocalDate::parse(text);
    if (!d) return fail("store.corrupt", "malformed date '" + text + "' in the database");
    return *d;
}

inline std::optional<Instant> optInstant(const sqlite::Statement& st, int col) {
    if (auto v = st.getOptInt(col)) return Instant::fromMicros(*v);
    return std::nullopt;
}

inline std::optional<double> optDouble(const sqlite::Statement& st, int col) {
    if (st.isNull(col)) return std::nullopt;
    return st.getDouble(col);
}

// The first element of a successful list, nullopt for an empty one (g++ 12 lacks expected::transform).
template <class T>
Result<std::optional<T>> firstOf(Result<std::vector<T>> r) {
    if (!r) return std::unexpected(r.error());
    if (r->empty()) return std::optional<T>{};
    return std::optional<T>(std::move(r->front()));
}

// "changes()" after an UPDATE: an error naming what was not found when nothing changed.
inline Status requireChanged(sqlite::Database& db, std::string code, std::string message) {
    if (db.changes() == 0) return fail(std::move(code), std::move(message));
    return {};
}

}  // namespace rollcall::store::detail
