#include "rollcall/spotcheck/PlanService.hpp"

#include <fmt/format.h>

#include "Json.hpp"
#include "Sql.hpp"
#include "rollcall/spotcheck/RecurringPlanner.hpp"

namespace rollcall::spotcheck {
namespace {

Error forbidden(std::string what) { return Error{"spotcheck.forbidden", std::move(what), std::nullopt}; }

constexpr std::string_view kColumns =
    "SELECT id, scope, window_minutes, method, checks_per_period, period, work_from_s, work_to_s, active, created_by, "
    "created_at_us FROM spotcheck_plans ";

Result<std::vector<PlanView>> loadPlans(sqlite::Database& db, std::string_view where, std::int64_t arg) {
    auto st = sql::prepare(db, std::string(kColumns) + std::string(where), arg);
    if (!st) return std::unexpected(st.error());
    std::vector<PlanView> out;
    for (;;) {
        auto step = st->step();
        if (!step) return std::unexpected(step.error());
        if (*step == sqlite::Step::Done) break;
        PlanView p;
        p.id = PlanId(st->getInt(0));
        auto scope = Scope::decode(st->getText(1));
        if (!scope) return std::unexpected(scope.error());
        p.scope = std::move(*scope);
        p.windowMinutes = static_cast<int>(st->getInt(2));
        p.method = parseMethodRequirement(st->getText(3)).value_or(MethodRequirement::Any);
        p.checksPerPeriod = static_cast<int>(st->getInt(4));
        p.period = parsePlanPeriod(st->getText(5)).value_or(PlanPeriod::Week);
        p.workFrom = LocalTime::fromSeconds(static_cast<int>(st->getInt(6)));
        p.workTo = LocalTime::fromSeconds(static_cast<int>(st->getInt(7)));
        p.active = st->getInt(8) != 0;
        p.createdBy = UserId(st->getInt(9));
        p.createdAt = Instant::fromMicros(st->getInt(10));
        out.push_back(std::move(p));
    }
    return out;
}

}  // namespace

Result<PlanView> PlanService::create(const Viewer& who, const NewPlan& req) {
    if (!who.isInspector()) return std::unexpected(forbidden("only inspectors create spot-check plans"));
    if (auto st = req.scope.validate(); !st) return std::unexpected(st.error());
    if (req.windowMinutes < 1 || req.windowMinutes > d_.config.maxWindowMinutes) {
        return fail("spotcheck.window",
                    fmt::format("the response window must be 1 to {} minutes", d_.config.maxWindowMinutes), "window");
    }
    if (req.checksPerPeriod < 1 || req.checksPerPeriod > 100) {
        return fail("spotcheck.plan", "a plan has 1 to 100 checks per period", "checks_per_period");
    }
    if (req.workTo.seconds() - req.workFrom.seconds() <= req.windowMinutes * 60) {
        return fail("spotcheck.plan", "working hours must end after they start, with room for the response window",
                    "work_to");
    }
    const Instant now = d_.clock.now();
    auto id = d_.store.write([&](sqlite::Database& db) -> Result<PlanId> {
        if (auto st = sql::run(db,
                               "INSERT INTO spotcheck_plans (scope, window_minutes, method, checks_per_period, period, "
                               "work_from_s, work_to_s, created_by, created_at_us) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                               req.scope.encode(), req.windowMinutes, toString(req.method), req.checksPerPeriod,
                               toString(req.period), req.workFrom.seconds(), req.workTo.seconds(), who.user, now);
            !st) {
            return std::unexpected(st.error());
        }
        const PlanId plan(db.lastInsertRowId());
        for (const auto& user : req.sharedWith) {
            if (auto st = sql::run(db, "INSERT OR IGNORE INTO spotcheck_plan_viewers (plan_id, user_id) VALUES (?1, ?2)",
                                   plan, user);
                !st) {
                return std::unexpected(st.error());
            }
        }
        const auto detail = fmt::format(
            R"({{"scope":{},"window_minutes":{},"method":{},"checks_per_period":{},"period":{},"work":{}}})",
            json::text(req.scope.encode()), req.windowMinutes, json::text(toString(req.method)), req.checksPerPeriod,
            json::text(toString(req.period)), json::text(req.workFrom.toString() + "-" + req.workTo.toString()));
        if (auto st = d_.audit.record(db, {who.user, who.name, "spotcheck.plan.create", fmt::format("spotcheck/plan/{}", plan.value()), detail, now});
            !st) {
            return std::unexpected(st.error());
        }
        return plan;
    });
    if (!id) return std::unexpected(id.error());
    auto rows = d_.store.read([&](sqlite::Database& db) { return loadPlans(db, "WHERE id = ?1", id->value()); });
    if (!rows) return std::unexpected(rows.error());
    return rows->front();
}

Result<std::vector<PlanView>> PlanService::plans(const Viewer& who) {
    if (!who.isInspector()) return std::unexpected(forbidden("only inspectors see spot-check plans"));
    return d_.store.read([&](sqlite::Database& db) {
        return loadPlans(db,
                         "WHERE created_by = ?1 OR id IN (SELECT plan_id FROM spotcheck_plan_viewers WHERE user_id = ?1) "
                         "ORDER BY id",
                         who.user.value());
    });
}

Status PlanService::deactivate(const Viewer& who, PlanId id, const std::string& reason) {
    if (!who.isInspector()) return std::unexpected(forbidden("only inspectors stop spot-check plans"));
    if (reason.empty()) return fail("spotcheck.reason", "stopping a plan needs a reason", "reason");
    const Instant now = d_.clock.now();
    return d_.store.write([&](sqlite::Database& db) -> Status {
        auto rows = loadPlans(db, "WHERE id = ?1", id.value());
        if (!rows) return std::unexpected(rows.error());
        if (rows->empty() || rows->front().createdBy != who.user) {
            return fail("spotcheck.plan_not_found", fmt::format("no plan {} of yours", id.value()));
        }
        // Checks already drawn from the plan and not yet fired are cancelled with it.
        if (auto st = sql::run(db, "UPDATE spotcheck_plans SET active = 0 WHERE id = ?1", id); !st) return st;
        if (auto st = sql::run(db,
                               "UPDATE spotchecks SET state = 'cancelled', closed_at_us = ?2, note = 'plan stopped: ' || ?3 "
                               "WHERE plan_id = ?1 AND state = 'planned'",
                               id, now, reason);
            !st) {
            return st;
        }
        return d_.audit.record(db, {who.user, who.name, "spotcheck.plan.stop", fmt::format("spotcheck/plan/{}", id.value()),
                                fmt::format(R"({{"reason":{}}})", json::text(reason)), now});
    });
}

Result<int> PlanService::generate(Instant now) {
    const LocalDate today = d_.zone.toLocal(now).date();
    return d_.store.write([&](sqlite::Database& db) -> Result<int> {
        auto active = loadPlans(db, "WHERE active = ?1 ORDER BY id", 1);
        if (!active) return std::unexpected(active.error());
        int created = 0;
        for (const auto& plan : *active) {
            const LocalDate start = RecurringPlanner::periodStart(plan.period, today);
            auto mark = sql::prepare(db,
                                     "INSERT INTO spotcheck_plan_periods (plan_id, period_start, generated_at_us) "
                                     "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                                     plan.id, start.toString(), now);
            if (!mark) return std::unexpected(mark.error());
            if (auto st = mark->run(); !st) return std::unexpected(st.error());
            if (db.changes() == 0) continue;  // this period was drawn already

            const auto intervals = RecurringPlanner::workingIntervals(
                start, RecurringPlanner::periodEnd(plan.period, start), plan.workFrom, plan.workTo,
                std::chrono::minutes(plan.windowMinutes), d_.calendar, d_.zone, std::max(now, plan.createdAt));
            auto moments = RecurringPlanner::draw(intervals, plan.checksPerPeriod);
            if (!moments) return std::unexpected(moments.error());
            for (const auto moment : *moments) {
                if (auto st = sql::run(db,
                                       "INSERT INTO spotchecks (state, scope, window_minutes, method, random, range_from_us, "
                                       "range_to_us, fire_at_us, created_by, created_at_us, plan_id) "
                                       "VALUES ('planned', ?1, ?2, ?3, 1, ?4, ?5, ?6, ?7, ?8, ?9)",
                                       plan.scope.encode(), plan.windowMinutes, toString(plan.method),
                                       intervals.front().from, intervals.back().to, moment, plan.createdBy, now, plan.id);
                    !st) {
                    return std::unexpected(st.error());
                }
                const SpotCheckId check(db.lastInsertRowId());
                if (auto st = sql::run(db,
                                       "INSERT INTO spotcheck_viewers (check_id, user_id) "
                                       "SELECT ?1, user_id FROM spotcheck_plan_viewers WHERE plan_id = ?2",
                                       check, plan.id);
                    !st) {
                    return std::unexpected(st.error());
                }
                ++created;
            }
        }
        return created;
    });
}

}  // namespace rollcall::spotcheck
