#include "rollcall/store/LeavePolicyRepository.hpp"

#include <fmt/format.h>

#include "Rows.hpp"

namespace rollcall::store {
namespace {

std::string_view unitName(rules::LeaveUnit u) {
    switch (u) {
        case rules::LeaveUnit::Day: return "day";
        case rules::LeaveUnit::Hour: return "hour";
        case rules::LeaveUnit::HalfDay: break;
    }
    return "half_day";
}

rules::LeaveUnit unitOf(std::string_view s) {
    if (s == "day") return rules::LeaveUnit::Day;
    if (s == "hour") return rules::LeaveUnit::Hour;
    return rules::LeaveUnit::HalfDay;
}

std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += ',';
        out += p;
    }
    return out;
}

std::vector<std::string> split(std::string_view text) {
    std::vector<std::string> out;
    while (!text.empty()) {
        const auto cut = text.find(',');
        if (cut != 0) out.emplace_back(text.substr(0, cut));
        if (cut == std::string_view::npos) break;
        text.remove_prefix(cut + 1);
    }
    return out;
}

Result<std::vector<rules::LeaveBalance>> selectBalances(sqlite::Database& db, EmployeeId e, int year, const std::string* type) {
    auto st = db.prepare(
        "SELECT type, quota_min, carried_over_min, used_min, reserved_min FROM leave_balances "
        "WHERE employee_id = ?1 AND year = ?2 AND (?3 IS NULL OR type = ?3) ORDER BY type");
    if (!st) return std::unexpected(st.error());
    st->bind(1, e.value()).bind(2, year);
    if (type) st->bind(3, *type);
    std::vector<rules::LeaveBalance> out;
    auto r = detail::eachRow(*st, [&](sqlite::Statement& row) {
        using std::chrono::minutes;
        out.push_back({e, row.getText(0), year, minutes(row.getInt(1)), minutes(row.getInt(2)), minutes(row.getInt(3)),
                       minutes(row.getInt(4))});
    });
    if (!r) return std::unexpected(r.error());
    return out;
}

}  // namespace

Result<rules::LeavePolicy> LeavePolicyRepository::load() {
    return store_.read([&](sqlite::Database& db) -> Result<rules::LeavePolicy> {
        auto types = db.prepare(
            "SELECT code, name, unit, yearly_quota_min, carry_over_cap_min, business_trip, counts_calendar_days "
            "FROM leave_types ORDER BY position");
        if (!types) return std::unexpected(types.error());
        rules::LeavePolicy policy;
        auto r = detail::eachRow(*types, [&](sqlite::Statement& row) {
            rules::LeaveType t;
            t.code = row.getText(0);
            t.name = row.getText(1);
            t.unit = unitOf(row.getText(2));
            if (auto q = row.getOptInt(3)) t.yearlyQuota = std::chrono::minutes(*q);
            t.carryOverCap = std::chrono::minutes(row.getInt(4));
            t.businessTrip = row.getInt(5) != 0;
            t.countsCalendarDays = row.getInt(6) != 0;
            policy.types.push_back(std::move(t));
        });
        if (!r) return std::unexpected(r.error());
        if (policy.types.empty()) return rules::LeavePolicy::standard();
        auto rulesSt = db.prepare("SELECT types, over_days, up_to_days, chain FROM leave_approval_rules ORDER BY position");
        if (!rulesSt) return std::unexpected(rulesSt.error());
        r = detail::eachRow(*rulesSt, [&](sqlite::Statement& row) {
            rules::ApprovalRule a;
            a.types = split(row.getText(0));
            a.overDays = row.getDouble(1);
            a.upToDays = detail::optDouble(row, 2);
            a.chain = split(row.getText(3));
            policy.approvalRules.push_back(std::move(a));
        });
        if (!r) return std::unexpected(r.error());
        auto settings = db.prepare("SELECT key, value FROM leave_settings");
        if (!settings) return std::unexpected(settings.error());
        r = detail::eachRow(*settings, [&](sqlite::Statement& row) -> Status {
            const auto key = row.getText(0);
            const auto value = row.getText(1);
            try {
                if (key == "step_deadline_hours") policy.stepDeadline = std::chrono::hours(std::stoll(value));
                else if (key == "escalation_role") policy.escalationRole = value;
                else if (key == "report_back_grace_days") policy.reportBackGraceDays = std::stoi(value);
                else if (key == "retroactive_window_days") policy.retroactiveWindowDays = std::stoi(value);
                else if (key == "workday_minutes") policy.workdayLength = std::chrono::minutes(std::stoll(value));
            } catch (const std::exception&) {
                return fail("store.corrupt", fmt::format("leave setting '{}' has an unreadable value '{}'", key, value));
            }
            return {};
        });
        if (!r) return std::unexpected(r.error());
        return policy;
    });
}

Status LeavePolicyRepository::save(const rules::LeavePolicy& policy) {
    if (policy.types.empty()) return fail("leave_policy.invalid", "a leave policy needs at least one leave type", "types");
    return store_.write([&](sqlite::Database& db) -> Status {
        if (auto r = db.exec("DELETE FROM leave_types; DELETE FROM leave_approval_rules; DELETE FROM leave_settings;"); !r) return r;
        auto t = db.prepare(
            "INSERT INTO leave_types(code, name, unit, yearly_quota_min, carry_over_cap_min, business_trip, counts_calendar_days, "
            "position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        if (!t) return std::unexpected(t.error());
        for (std::size_t i = 0; i < policy.types.size(); ++i) {
            const auto& type = policy.types[i];
            (void)t->reset();
            std::optional<std::int64_t> quota;
            if (type.yearlyQuota) quota = type.yearlyQuota->count();
            t->bind(1, type.code).bind(2, type.name).bind(3, unitName(type.unit)).bind(4, quota)
                .bind(5, static_cast<std::int64_t>(type.carryOverCap.count())).bind(6, type.businessTrip ? 1 : 0)
                .bind(7, type.countsCalendarDays ? 1 : 0).bind(8, static_cast<std::int64_t>(i));
            if (auto r = t->run(); !r) {
                if (r.error().code == "sqlite.constraint") return fail("leave_policy.invalid", fmt::format("leave type '{}' appears twice", type.code));
                return r;
            }
        }
        auto a = db.prepare("INSERT INTO leave_approval_rules(position, types, over_days, up_to_days, chain) VALUES (?1, ?2, ?3, ?4, ?5)");
        if (!a) return std::unexpected(a.error());
        for (std::size_t i = 0; i < policy.approvalRules.size(); ++i) {
            const auto& rule = policy.approvalRules[i];
            (void)a->reset();
            a->bind(1, static_cast<std::int64_t>(i)).bind(2, join(rule.types)).bind(3, rule.overDays).bind(4, rule.upToDays)
                .bind(5, join(rule.chain));
            if (auto r = a->run(); !r) return r;
        }
        auto s = db.prepare("INSERT INTO leave_settings(key, value) VALUES (?1, ?2)");
        if (!s) return std::unexpected(s.error());
        const std::pair<std::string, std::string> settings[] = {
            {"step_deadline_hours", std::to_string(policy.stepDeadline.count())},
            {"escalation_role", policy.escalationRole},
            {"report_back_grace_days", std::to_string(policy.reportBackGraceDays)},
            {"retroactive_window_days", std::to_string(policy.retroactiveWindowDays)},
            {"workday_minutes", std::to_string(policy.workdayLength.count())},
        };
        for (const auto& [k, v] : settings) {
            (void)s->reset();
            s->bind(1, k).bind(2, v);
            if (auto r = s->run(); !r) return r;
        }
        return {};
    });
}

Result<std::optional<rules::LeaveBalance>> LeavePolicyRepository::balance(EmployeeId employee, const std::string& type, int year) {
    return store_.read([&](sqlite::Database& db) { return detail::firstOf(selectBalances(db, employee, year, &type)); });
}

Result<std::vector<rules::LeaveBalance>> LeavePolicyRepository::balances(EmployeeId employee, int year) {
    return store_.read([&](sqlite::Database& db) { return selectBalances(db, employee, year, nullptr); });
}

Status LeavePolicyRepository::saveBalance(const rules::LeaveBalance& b) {
    return store_.write([&](sqlite::Database& db) -> Status {
        auto st = db.prepare(
            "INSERT OR REPLACE INTO leave_balances(employee_id, type, year, quota_min, carried_over_min, used_min, reserved_min) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (!st) return std::unexpected(st.error());
        st->bind(1, b.employee.value()).bind(2, b.type).bind(3, b.year).bind(4, static_cast<std::int64_t>(b.quota.count()))
            .bind(5, static_cast<std::int64_t>(b.carriedOver.count())).bind(6, static_cast<std::int64_t>(b.used.count()))
            .bind(7, static_cast<std::int64_t>(b.reserved.count()));
        return st->run();
    });
}

}  // namespace rollcall::store
