#pragma once
// Internal: bind-and-run helpers so the services read as SQL, not as binding boilerplate.
#include <optional>
#include <string_view>
#include <type_traits>

#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/sqlite/Database.hpp"

namespace rollcall::spotcheck::sql {

inline void bindOne(sqlite::Statement& s, int i, std::int64_t v) { s.bind(i, v); }
inline void bindOne(sqlite::Statement& s, int i, int v) { s.bind(i, v); }
inline void bindOne(sqlite::Statement& s, int i, bool v) { s.bind(i, v ? 1 : 0); }
inline void bindOne(sqlite::Statement& s, int i, double v) { s.bind(i, v); }
inline void bindOne(sqlite::Statement& s, int i, std::string_view v) { s.bind(i, v); }
inline void bindOne(sqlite::Statement& s, int i, const std::string& v) { s.bind(i, std::string_view(v)); }
inline void bindOne(sqlite::Statement& s, int i, const char* v) { s.bind(i, std::string_view(v)); }
inline void bindOne(sqlite::Statement& s, int i, Instant v) { s.bind(i, v.micros()); }
inline void bindOne(sqlite::Statement& s, int i, std::nullopt_t) { s.bindNull(i); }
template <class Tag, class Rep>
void bindOne(sqlite::Statement& s, int i, StrongId<Tag, Rep> v) { s.bind(i, static_cast<std::int64_t>(v.value())); }
template <class T>
void bindOne(sqlite::Statement& s, int i, const std::optional<T>& v) {
    if (v) bindOne(s, i, *v); else s.bindNull(i);
}

template <class... A>
Result<sqlite::Statement> prepare(sqlite::Database& db, std::string_view text, const A&... args) {
    auto st = db.prepare(text);
    if (!st) return std::unexpected(st.error());
    int i = 1;
    (bindOne(*st, i++, args), ...);
    return st;
}

template <class... A>
Status run(sqlite::Database& db, std::string_view text, const A&... args) {
    auto st = prepare(db, text, args...);
    if (!st) return std::unexpected(st.error());
    return st->run();
}

inline std::optional<Instant> optInstant(const sqlite::Statement& s, int col) {
    if (s.isNull(col)) return std::nullopt;
    return Instant::fromMicros(s.getInt(col));
}
inline std::optional<double> optDouble(const sqlite::Statement& s, int col) {
    if (s.isNull(col)) return std::nullopt;
    return s.getDouble(col);
}

}  // namespace rollcall::spotcheck::sql
