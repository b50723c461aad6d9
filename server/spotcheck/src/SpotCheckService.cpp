#include "rollcall/spotcheck/SpotCheckService.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "Json.hpp"
#include "ServiceRows.hpp"
#include "Sql.hpp"
#include "rollcall/spotcheck/RandomMoment.hpp"

namespace rollcall::spotcheck {
namespace {

constexpr std::string_view kColumns =
    "SELECT id, state, scope, window_minutes, method, random, range_from_us, range_to_us, fire_at_us, "
    "opened_at_us, closes_at_us, closed_at_us, created_by, created_at_us, plan_id, note, evaluated_at_us, "
    "evaluated_max_punch_id FROM spotchecks ";

Error notFound(SpotCheckId id) {
    return Error{"spotcheck.not_found", fmt::format("no spot check {} that you may see", id.value()), std::nullopt};
}

Error forbidden(std::string what) { return Error{"spotcheck.forbidden", std::move(what), std::nullopt}; }

SpotCheckStart startMessage(const SpotCheckView& v, const std::vector<PostId>& posts) {
    return SpotCheckStart{v.id, *v.openedAt, *v.closesAt, v.method, v.scope.kind == ScopeKind::Everyone, posts};
}

}  // namespace

// ---- reading -------------------------------------------------------------------------------

Result<std::vector<SpotCheckService::Row>> SpotCheckService::loadWhere(sqlite::Database& db, std::string_view where,
                                                                       std::int64_t arg) {
    auto st = sql::prepare(db, std::string(kColumns) + std::string(where), arg);
    if (!st) return std::unexpected(st.error());
    std::vector<Row> rows;
    for (;;) {
        auto step = st->step();
        if (!step) return std::unexpected(step.error());
        if (*step == sqlite::Step::Done) break;
        Row r;
        auto& v = r.view;
        v.id = SpotCheckId(st->getInt(0));
        v.state = parseCheckState(st->getText(1)).value_or(CheckState::Cancelled);
        auto scope = Scope::decode(st->getText(2));
        if (!scope) return std::unexpected(scope.error());
        v.scope = std::move(*scope);
        v.windowMinutes = static_cast<int>(st->getInt(3));
        v.method = parseMethodRequirement(st->getText(4)).value_or(MethodRequirement::Any);
        v.random = st->getInt(5) != 0;
        v.rangeFrom = sql::optInstant(*st, 6);
        v.rangeTo = sql::optInstant(*st, 7);
        r.fireAt = Instant::fromMicros(st->getInt(8));
        v.openedAt = sql::optInstant(*st, 9);
        v.closesAt = sql::optInstant(*st, 10);
        v.closedAt = sql::optInstant(*st, 11);
        v.createdBy = UserId(st->getInt(12));
        v.createdAt = Instant::fromMicros(st->getInt(13));
        if (!st->isNull(14)) v.plan = PlanId(st->getInt(14));
        v.note = st->getText(15);
        v.evaluatedAt = sql::optInstant(*st, 16);
        r.evaluatedMaxPunchId = st->getOptInt(17);
        rows.push_back(std::move(r));
    }
    return rows;
}

Result<SpotCheckService::Row> SpotCheckService::load(sqlite::Database& db, SpotCheckId id) {
    auto rows = loadWhere(db, "WHERE id = ?1", id.value());
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return std::unexpected(notFound(id));
    return std::move(rows->front());
}

Result<bool> SpotCheckService::canSeePlanned(sqlite::Database& db, const Viewer& who, const Row& row) {
    if (!who.isInspector()) return false;
    if (row.view.createdBy == who.user) return true;
    auto st = sql::prepare(db, "SELECT EXISTS (SELECT 1 FROM spotcheck_viewers WHERE check_id = ?1 AND user_id = ?2)",
                           row.view.id, who.user);
    if (!st) return std::unexpected(st.error());
    if (auto step = st->step(); !step) return std::unexpected(step.error());
    return st->getInt(0) != 0;
}

// A check that never opened exists only for its creator and the inspectors it is shared with;
// anyone else is told it does not exist, so not even its existence leaks.
Result<SpotCheckService::Row> SpotCheckService::visible(sqlite::Database& db, const Viewer& who, SpotCheckId id) {
    auto row = load(db, id);
    if (!row) return row;
    if (!row->view.openedAt) {
        auto ok = canSeePlanned(db, who, *row);
        if (!ok) return std::unexpected(ok.error());
        if (!*ok) return std::unexpected(notFound(id));
        return row;
    }
    if (!who.canSeeResults()) return std::unexpected(notFound(id));
    return row;
}

Result<std::vector<SpotCheckView>> SpotCheckService::list(const Viewer& who) {
    if (!who.canSeeResults()) return std::unexpected(forbidden("only inspectors, HR and administrators list spot checks"));
    return d_.store.read([&](sqlite::Database& db) -> Result<std::vector<SpotCheckView>> {
        auto rows = loadWhere(db, "WHERE ?1 = ?1 ORDER BY id", 0);
        if (!rows) return std::unexpected(rows.error());
        std::vector<SpotCheckView> out;
        for (auto& r : *rows) {
            if (!r.view.openedAt) {
                auto ok = canSeePlanned(db, who, r);
                if (!ok) return std::unexpected(ok.error());
                if (!*ok) continue;
            }
            out.push_back(std::move(r.view));
        }
        return out;
    });
}

Result<SpotCheckView> SpotCheckService::show(const Viewer& who, SpotCheckId id) {
    return d_.store.read([&](sqlite::Database& db) -> Result<SpotCheckView> {
        auto row = visible(db, who, id);
        if (!row) return std::unexpected(row.error());
        return std::move(row->view);
    });
}

// ---- creating, cancelling, firing ----------------------------------------------------------

Result<SpotCheckView> SpotCheckService::create(const Viewer& who, const NewSpotCheck& req) {
    if (!who.isInspector()) return std::unexpected(forbidden("only inspectors create spot checks"));
    if (auto st = req.scope.validate(); !st) return std::unexpected(st.error());
    if (req.windowMinutes < 1 || req.windowMinutes > d_.config.maxWindowMinutes) {
        return fail("spotcheck.window",
                    fmt::format("the response window must be 1 to {} minutes", d_.config.maxWindowMinutes), "window");
    }
    if (req.from.has_value() != req.to.has_value()) {
        return fail("spotcheck.range", "a random moment needs both ends of its range (from and to)", "to");
    }
    const Instant now = d_.clock.now();
    const bool random = req.from.has_value();
    Instant fireAt = now;
    if (random) {
        if (*req.from < now) return fail("spotcheck.range", "the random range must not start in the past", "from");
        auto drawn = drawMoment(*req.from, *req.to);
        if (!drawn) return std::unexpected(drawn.error());
        fireAt = *drawn;
    }
    auto id = d_.store.write([&](sqlite::Database& db) -> Result<SpotCheckId> {
        if (auto st = sql::run(db,
                               "INSERT INTO spotchecks (state, scope, window_minutes, method, random, range_from_us, "
                               "range_to_us, fire_at_us, created_by, created_at_us, note) "
                               "VALUES ('planned', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                               req.scope.encode(), req.windowMinutes, toString(req.method), random, req.from, req.to,
                               fireAt, who.user, now, req.note);
            !st) {
            return std::unexpected(st.error());
        }
        const SpotCheckId created(db.lastInsertRowId());
        for (const auto& user : req.sharedWith) {
            if (auto st = sql::run(db, "INSERT OR IGNORE INTO spotcheck_viewers (check_id, user_id) VALUES (?1, ?2)",
                                   created, user);
                !st) {
                return std::unexpected(st.error());
            }
        }
        // The audit names the range, never the drawn moment.
        const auto detail = fmt::format(
            R"({{"scope":{},"window_minutes":{},"method":{},"random":{},"from":{},"to":{}}})",
            json::text(req.scope.encode()), req.windowMinutes, json::text(toString(req.method)), random,
            req.from ? json::text(req.from->toIso()) : "null", req.to ? json::text(req.to->toIso()) : "null");
        if (auto st = d_.audit.record(db, {who.user, who.name, "spotcheck.create", fmt::format("spotcheck/{}", created.value()), detail, now});
            !st) {
            return std::unexpected(st.error());
        }
        return created;
    });
    if (!id) return std::unexpected(id.error());
    if (!random) {
        auto row = d_.store.read([&](sqlite::Database& db) { return load(db, *id); });
        if (!row) return std::unexpected(row.error());
        if (auto st = fire(*row, now); !st) return std::unexpected(st.error());
    }
    return show(who, *id);
}

Status SpotCheckService::cancel(const Viewer& who, SpotCheckId id, const std::string& reason) {
    if (!who.isInspector()) return std::unexpected(forbidden("only inspectors cancel spot checks"));
    if (reason.empty()) return fail("spotcheck.reason", "cancelling a check needs a reason", "reason");
    const Instant now = d_.clock.now();
    return d_.store.write([&](sqlite::Database& db) -> Status {
        auto row = visible(db, who, id);
        if (!row) return std::unexpected(row.error());
        if (row->view.state != CheckState::Planned) {
            return fail("spotcheck.state", fmt::format("check {} is {}; only a planned check can be cancelled",
                                                       id.value(), toString(row->view.state)));
        }
        if (auto st = sql::run(db,
                               "UPDATE spotchecks SET state = 'cancelled', closed_at_us = ?2, note = ?3 "
                               "WHERE id = ?1 AND state = 'planned'",
                               id, now, "cancelled: " + reason);
            !st) {
            return st;
        }
        return d_.audit.record(db, {who.user, who.name, "spotcheck.cancel", fmt::format("spotcheck/{}", id.value()),
                                fmt::format(R"({{"reason":{}}})", json::text(reason)), now});
    });
}

Status SpotCheckService::fire(const Row& row, Instant now) {
    auto posts = d_.roster.postsIn(row.view.scope);
    if (!posts) return std::unexpected(posts.error());
    const Instant closesAt = now + std::chrono::minutes(row.view.windowMinutes);
    auto opened = d_.store.write([&](sqlite::Database& db) -> Result<bool> {
        if (auto st = sql::run(db,
                               "UPDATE spotchecks SET state = 'open', opened_at_us = ?2, closes_at_us = ?3 "
                               "WHERE id = ?1 AND state = 'planned'",
                               row.view.id, now, closesAt);
            !st) {
            return std::unexpected(st.error());
        }
        return db.changes() > 0;  // false: fired or cancelled meanwhile
    });
    if (!opened) return std::unexpected(opened.error());
    if (!*opened) return {};
    SpotCheckView v = row.view;
    v.openedAt = now;
    v.closesAt = closesAt;
    // The notifier queues frames and returns; it is called outside any transaction.
    const auto reached = d_.notifier.start(startMessage(v, *posts));
    return recordDeliveries(v.id, reached, now);
}

Result<SpotCheckService::FireCount> SpotCheckService::fireDue(Instant now) {
    auto rows = d_.store.read([&](sqlite::Database& db) {
        return loadWhere(db, "WHERE state = 'planned' AND fire_at_us <= ?1 ORDER BY fire_at_us", now.micros());
    });
    if (!rows) return std::unexpected(rows.error());
    FireCount count;
    for (const auto& row : *rows) {
        if (now - row.fireAt > d_.config.maxFireDelay) {
            auto st = d_.store.write([&](sqlite::Database& db) {
                return sql::run(db,
                                "UPDATE spotchecks SET state = 'cancelled', closed_at_us = ?2, "
                                "note = note || ' [missed: the server was not running at the drawn moment]' "
                                "WHERE id = ?1 AND state = 'planned'",
                                row.view.id, now);
            });
            if (!st) return std::unexpected(st.error());
            ++count.missed;
            continue;
        }
        if (auto st = fire(row, now); !st) return std::unexpected(st.error());
        ++count.fired;
    }
    return count;
}

Result<int> SpotCheckService::closeDue(Instant now) {
    auto rows = d_.store.read([&](sqlite::Database& db) {
        return loadWhere(db, "WHERE state = 'open' AND closes_at_us <= ?1 ORDER BY closes_at_us", now.micros());
    });
    if (!rows) return std::unexpected(rows.error());
    int closed = 0;
    for (const auto& row : *rows) {
        auto st = d_.store.write([&](sqlite::Database& db) {
            return sql::run(db, "UPDATE spotchecks SET state = 'closed', closed_at_us = ?2 WHERE id = ?1 AND state = 'open'",
                            row.view.id, now);
        });
        if (!st) return std::unexpected(st.error());
        auto posts = d_.roster.postsIn(row.view.scope);
        if (!posts) return std::unexpected(posts.error());
        d_.notifier.end({row.view.id, now, row.view.scope.kind == ScopeKind::Everyone, *posts});
        if (auto report = evaluateAndStore(row.view.id); !report) return std::unexpected(report.error());
        ++closed;
    }
    return closed;
}

// ---- the gateway's side --------------------------------------------------------------------

Result<std::vector<SpotCheckStart>> SpotCheckService::openChecksFor(PostId post, Instant now) {
    auto rows = d_.store.read([&](sqlite::Database& db) {
        return loadWhere(db, "WHERE state = 'open' AND closes_at_us > ?1 ORDER BY id", now.micros());
    });
    if (!rows) return std::unexpected(rows.error());
    std::vector<SpotCheckStart> out;
    for (const auto& row : *rows) {
        auto posts = d_.roster.postsIn(row.view.scope);
        if (!posts) return std::unexpected(posts.error());
        if (row.view.scope.kind == ScopeKind::Everyone || std::find(posts->begin(), posts->end(), post) != posts->end()) {
            out.push_back(startMessage(row.view, *posts));
        }
    }
    return out;
}

Status SpotCheckService::recordDelivery(SpotCheckId id, TerminalId terminal, Instant at) {
    return recordDeliveries(id, std::span(&terminal, 1), at);
}

Status SpotCheckService::recordDeliveries(SpotCheckId id, std::span<const TerminalId> terminals, Instant at) {
    if (terminals.empty()) return {};
    return d_.store.write([&](sqlite::Database& db) -> Status {
        auto st = db.prepare(
            "INSERT INTO spotcheck_deliveries (check_id, terminal_id, delivered_at_us) VALUES (?1, ?2, ?3) "
            "ON CONFLICT (check_id, terminal_id) DO NOTHING");
        if (!st) return std::unexpected(st.error());
        for (const auto terminal : terminals) {
            st->bind(1, id.value()).bind(2, terminal.value()).bind(3, at.micros());
            if (auto done = st->run(); !done) return done;
            if (auto reset = st->reset(); !reset) return reset;
        }
        return {};
    });
}

}  // namespace rollcall::spotcheck
