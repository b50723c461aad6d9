#include "rollcall/store/DayRecordRepository.hpp"

#include <fmt/format.h>

#include <map>

#include "DayRecordCodec.hpp"
#include "Rows.hpp"

namespace rollcall::store {
namespace {

using rules::DayStatus;

constexpr std::string_view kSubtree =
    "(WITH RECURSIVE tree(id) AS (SELECT ?2 UNION SELECT d.id FROM departments d JOIN tree t ON d.parent_id = t.id) "
    "SELECT id FROM tree)";

MonthlySheetCell cellOf(const rules::DayRecord& r) {
    MonthlySheetCell c;
    c.status = r.status;
    c.lateMinutes = r.lateMinutes;
    c.earlyMinutes = r.earlyMinutes;
    c.workedMinutes = r.workedMinutes;
    c.overtimeMinutes = r.overtimeMinutes;
    if (!r.leaves.empty()) c.leaveType = r.leaves.front().type;
    return c;
}

void addToTotals(MonthlyTotals& t, const rules::DayRecord& r) {
    switch (r.status) {
        case DayStatus::Present: ++t.presentDays; break;
        case DayStatus::Late: ++t.presentDays; ++t.lateCount; break;
        case DayStatus::EarlyLeave: ++t.presentDays; ++t.earlyCount; break;
        case DayStatus::LateAndEarly: ++t.presentDays; ++t.lateCount; ++t.earlyCount; break;
        case DayStatus::Absent: t.absentDays += 1; break;
        case DayStatus::HalfDayAbsent: t.absentDays += 0.5; break;
        case DayStatus::MissingIn:
        case DayStatus::MissingOut: break;
        case DayStatus::OnLeave: ++t.leaveDays; break;
        case DayStatus::BusinessTrip: ++t.businessTripDays; break;
        case DayStatus::RestDay:
        case DayStatus::Holiday:
        case DayStatus::NotRostered: break;
    }
    if (r.shift) ++t.scheduledDays;
    if (r.missingIn || r.missingOut) ++t.missingPunches;
    t.lateMinutes += r.lateMinutes;
    t.earlyMinutes += r.earlyMinutes;
    t.workedMinutes += r.workedMinutes;
    t.overtimeMinutes += r.overtimeMinutes;
}

// Calls fn(detail text, version, evaluated at) for each row the filter selects, in order.
template <class F>
Status eachSelected(sqlite::Database& db, const DayRecordFilter& f, F&& fn) {
    std::string sql = "SELECT detail, version, evaluated_at_us FROM day_records WHERE 1=1";
    if (f.employee) sql += " AND employee_id = ?1";
    if (f.department) sql += fmt::format(" AND employee_id IN (SELECT id FROM employees WHERE department_id IN {})", kSubtree);
    if (f.from) sql += " AND date >= ?3";
    if (f.to) sql += " AND date <= ?4";
    if (f.status) sql += " AND status = ?5";
    sql += " ORDER BY date, employee_id LIMIT ?6 OFFSET ?7";
    auto stCached = db.cached(sql);
    if (!stCached) return std::unexpected(stCached.error());
    sqlite::Statement* st = *stCached;
    if (f.employee) st->bind(1, f.employee->value());
    if (f.department) st->bind(2, f.department->value());
    if (f.from) st->bind(3, f.from->toString());
    if (f.to) st->bind(4, f.to->toString());
    if (f.status) st->bind(5, detail::statusName(*f.status));
    st->bind(6, f.limit).bind(7, f.offset);
    return detail::eachRow(*st, [&](sqlite::Statement& row) -> Status {
        return fn(row.getText(0), static_cast<int>(row.getInt(1)), Instant::fromMicros(row.getInt(2)));
    });
}

Result<std::vector<StoredDayRecord>> selectRecords(sqlite::Database& db, const DayRecordFilter& f) {
    std::vector<StoredDayRecord> out;
    auto r = eachSelected(db, f, [&](std::string text, int version, Instant evaluatedAt) -> Status {
        auto rec = detail::decodeDayRecord(text);
        if (!rec) return std::unexpected(rec.error());
        out.push_back({std::move(*rec), version, evaluatedAt});
        return {};
    });
    if (!r) return std::unexpected(r.error());
    return out;
}

}  // namespace

Result<SaveOutcome> DayRecordRepository::save(const rules::DayRecord& record, std::string_view cause, Instant now) {
    const std::string detailText = detail::encodeDayRecord(record);
    return store_.write([&](sqlite::Database& db) -> Result<SaveOutcome> {
        auto curCached = db.cached("SELECT detail, version, status FROM day_records WHERE employee_id = ?1 AND date = ?2");
        if (!curCached) return std::unexpected(curCached.error());
        sqlite::Statement* cur = *curCached;
        cur->bind(1, record.employee.value()).bind(2, record.date.toString());
        auto row = detail::stepRow(*cur);
        if (!row) return std::unexpected(row.error());
        std::optional<std::string> before;
        std::optional<std::string> statusBefore;
        int version = 0;
        if (*row) {
            before = cur->getText(0);
            version = static_cast<int>(cur->getInt(1));
            statusBefore = cur->getText(2);
            if (*before == detailText) return SaveOutcome::Unchanged;
        }
        ++version;
        auto upCached = db.cached(
            "INSERT OR REPLACE INTO day_records(employee_id, date, status, shift_id, calendar_day, late_min, early_min, "
            "worked_min, overtime_min, in_at, out_at, missing_in, missing_out, overrun_of, detail, version, evaluated_at_us) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
        if (!upCached) return std::unexpected(upCached.error());
        sqlite::Statement* up = *upCached;
        std::optional<std::int64_t> shift;
        std::optional<std::int64_t> overrun;
        std::optional<std::string> in;
        std::optional<std::string> out;
        if (record.shift) shift = record.shift->value();
        if (record.overrunOf) overrun = record.overrunOf->value();
        if (record.inPunch) in = record.inPunch->at.toString();
        if (record.outPunch) out = record.outPunch->at.toString();
        up->bind(1, record.employee.value()).bind(2, record.date.toString()).bind(3, detail::statusName(record.status))
            .bind(4, shift).bind(5, detail::dayKindName(record.calendarDay)).bind(6, record.lateMinutes)
            .bind(7, record.earlyMinutes).bind(8, record.workedMinutes).bind(9, record.overtimeMinutes).bind(10, in)
            .bind(11, out).bind(12, record.missingIn ? 1 : 0).bind(13, record.missingOut ? 1 : 0).bind(14, overrun)
            .bind(15, detailText).bind(16, version).bind(17, now.micros());
        if (auto r = up->run(); !r) return std::unexpected(r.error());
        auto histCached = db.cached(
            "INSERT INTO day_record_history(employee_id, date, version, status_before, status_after, detail_before, "
            "detail_after, cause, changed_at_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        if (!histCached) return std::unexpected(histCached.error());
        sqlite::Statement* hist = *histCached;
        hist->bind(1, record.employee.value()).bind(2, record.date.toString()).bind(3, version).bind(4, statusBefore)
            .bind(5, detail::statusName(record.status)).bind(6, before).bind(7, detailText).bind(8, cause).bind(9, now.micros());
        if (auto r = hist->run(); !r) return std::unexpected(r.error());
        return before ? SaveOutcome::Changed : SaveOutcome::Created;
    });
}

Result<std::optional<StoredDayRecord>> DayRecordRepository::get(EmployeeId employee, LocalDate date) {
    DayRecordFilter f;
    f.employee = employee;
    f.from = date;
    f.to = date;
    return store_.read([&](sqlite::Database& db) { return detail::firstOf(selectRecords(db, f)); });
}

Result<std::vector<StoredDayRecord>> DayRecordRepository::list(const DayRecordFilter& filter) {
    return store_.read([&](sqlite::Database& db) { return selectRecords(db, filter); });
}

Result<std::vector<StoredDayRecordText>> DayRecordRepository::listText(const DayRecordFilter& filter) {
    return store_.read([&](sqlite::Database& db) -> Result<std::vector<StoredDayRecordText>> {
        std::vector<StoredDayRecordText> out;
        auto r = eachSelected(db, filter, [&](std::string text, int version, Instant evaluatedAt) -> Status {
            out.push_back({std::move(text), version, evaluatedAt});
            return {};
        });
        if (!r) return std::unexpected(r.error());
        return out;
    });
}

Result<StoredDayRecord> DayRecordRepository::decode(const StoredDayRecordText& row) {
    auto rec = detail::decodeDayRecord(row.detail);
    if (!rec) return std::unexpected(rec.error());
    return StoredDayRecord{std::move(*rec), row.version, row.evaluatedAt};
}

Result<std::vector<DayRecordChange>> DayRecordRepository::history(EmployeeId employee, LocalDate date) {
    return store_.read([&](sqlite::Database& db) -> Result<std::vector<DayRecordChange>> {
        auto st = db.prepare(
            "SELECT version, detail_before, detail_after, cause, changed_at_us FROM day_record_history "
            "WHERE employee_id = ?1 AND date = ?2 ORDER BY version");
        if (!st) return std::unexpected(st.error());
        st->bind(1, employee.value()).bind(2, date.toString());
        std::vector<DayRecordChange> out;
        auto r = detail::eachRow(*st, [&](sqlite::Statement& row) -> Status {
            DayRecordChange c;
            c.version = static_cast<int>(row.getInt(0));
            if (auto b = row.getOptText(1)) {
                auto rec = detail::decodeDayRecord(*b);
                if (!rec) return std::unexpected(rec.error());
                c.before = std::move(*rec);
            }
            auto after = detail::decodeDayRecord(row.getText(2));
            if (!after) return std::unexpected(after.error());
            c.after = std::move(*after);
            c.cause = row.getText(3);
            c.changedAt = Instant::fromMicros(row.getInt(4));
            out.push_back(std::move(c));
            return {};
        });
        if (!r) return std::unexpected(r.error());
        return out;
    });
}

Result<MonthlySheet> DayRecordRepository::monthlySheet(int year, unsigned month, std::optional<DepartmentId> department) {
    if (month < 1 || month > 12) return fail("sheet.invalid", fmt::format("month {} is not 1..12", month), "month");
    const LocalDate first(year, month, 1);
    const LocalDate last = LocalDate(month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1) - 1;
    return store_.read([&](sqlite::Database& db) -> Result<MonthlySheet> {
        MonthlySheet sheet;
        sheet.year = year;
        sheet.month = month;
        for (LocalDate d = first; d <= last; ++d) sheet.dates.push_back(d);
        std::string sql =
            "SELECT e.id, e.number, e.name, e.department_id FROM employees e WHERE (e.active = 1 OR EXISTS "
            "(SELECT 1 FROM day_records r WHERE r.employee_id = e.id AND r.date BETWEEN ?3 AND ?4))";
        if (department) sql += fmt::format(" AND e.department_id IN {}", kSubtree);
        sql += " ORDER BY e.number";
        auto people = db.prepare(sql);
        if (!people) return std::unexpected(people.error());
        if (department) people->bind(2, department->value());
        people->bind(3, first.toString()).bind(4, last.toString());
        std::map<EmployeeId, std::size_t> rowOf;
        auto r = detail::eachRow(*people, [&](sqlite::Statement& row) {
            MonthlySheetRow out;
            out.employee = EmployeeId(row.getInt(0));
            out.number = row.getText(1);
            out.name = row.getText(2);
            if (auto d = row.getOptInt(3)) out.department = DepartmentId(*d);
            out.days.resize(sheet.dates.size());
            rowOf.emplace(out.employee, sheet.rows.size());
            sheet.rows.push_back(std::move(out));
        });
        if (!r) return std::unexpected(r.error());
        DayRecordFilter f;
        f.department = department;
        f.from = first;
        f.to = last;
        f.limit = 10'000'000;
        auto records = selectRecords(db, f);
        if (!records) return std::unexpected(records.error());
        for (const auto& s : *records) {
            auto it = rowOf.find(s.record.employee);
            if (it == rowOf.end()) continue;
            MonthlySheetRow& row = sheet.rows[it->second];
            row.days[static_cast<std::size_t>(s.record.date - first)] = cellOf(s.record);
            addToTotals(row.totals, s.record);
        }
        return sheet;
    });
}

}  // namespace rollcall::store
