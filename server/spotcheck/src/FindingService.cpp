#include "rollcall/spotcheck/FindingService.hpp"

#include <fmt/format.h>

#include "Json.hpp"
#include "Sql.hpp"

namespace rollcall::spotcheck {
namespace {

Error forbidden(std::string what) { return Error{"spotcheck.forbidden", std::move(what), std::nullopt}; }

constexpr std::string_view kFindingColumns =
    "SELECT f.id, f.check_id, f.employee_id, f.post_id, f.kind, f.state, f.ruled_by, f.ruled_at_us, f.reason, "
    "f.evaluation_changed, c.opened_at_us FROM spotcheck_findings f JOIN spotchecks c ON c.id = f.check_id ";

FindingView findingFrom(const sqlite::Statement& st) {
    FindingView f;
    f.id = FindingId(st.getInt(0));
    f.check = SpotCheckId(st.getInt(1));
    f.employee = EmployeeId(st.getInt(2));
    f.post = PostId(st.getInt(3));
    f.kind = parseOutcome(st.getText(4)).value_or(Outcome::Absent);
    f.state = parseFindingState(st.getText(5)).value_or(FindingState::Open);
    if (!st.isNull(6)) f.ruledBy = UserId(st.getInt(6));
    f.ruledAt = sql::optInstant(st, 7);
    f.reason = st.getText(8);
    f.evaluationChanged = st.getInt(9) != 0;
    f.checkOpenedAt = sql::optInstant(st, 10);
    return f;
}

template <class T, class Read>
Result<std::vector<T>> collect(Result<sqlite::Statement> st, Read read) {
    if (!st) return std::unexpected(st.error());
    std::vector<T> out;
    for (;;) {
        auto step = st->step();
        if (!step) return std::unexpected(step.error());
        if (*step == sqlite::Step::Done) break;
        out.push_back(read(*st));
    }
    return out;
}

Result<FindingView> loadFinding(sqlite::Database& db, FindingId id) {
    auto rows = collect<FindingView>(sql::prepare(db, std::string(kFindingColumns) + "WHERE f.id = ?1", id), findingFrom);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return fail("spotcheck.finding_not_found", fmt::format("no finding {}", id.value()));
    return rows->front();
}

constexpr std::string_view kCaseColumns =
    "SELECT id, finding_id, employee_id, owner, deadline, state, progress_note, resolution, opened_by, opened_at_us, "
    "closed_at_us FROM spotcheck_cases ";

CaseView caseFrom(const sqlite::Statement& st) {
    CaseView c;
    c.id = CaseId(st.getInt(0));
    c.finding = FindingId(st.getInt(1));
    c.employee = EmployeeId(st.getInt(2));
    c.owner = UserId(st.getInt(3));
    c.deadline = LocalDate::parse(st.getText(4)).value_or(LocalDate{});
    c.state = parseCaseState(st.getText(5)).value_or(CaseState::Open);
    c.progressNote = st.getText(6);
    c.resolution = st.getText(7);
    c.openedBy = UserId(st.getInt(8));
    c.openedAt = Instant::fromMicros(st.getInt(9));
    c.closedAt = sql::optInstant(st, 10);
    return c;
}

Result<CaseView> loadCase(sqlite::Database& db, CaseId id) {
    auto rows = collect<CaseView>(sql::prepare(db, std::string(kCaseColumns) + "WHERE id = ?1", id), caseFrom);
    if (!rows) return std::unexpected(rows.error());
    if (rows->empty()) return fail("spotcheck.case_not_found", fmt::format("no case {}", id.value()));
    return rows->front();
}

Status needsOpen(const FindingView& f) {
    if (f.state == FindingState::Open) return {};
    return fail("spotcheck.finding_state",
                fmt::format("finding {} is {}; only an open finding can be ruled on", f.id.value(), toString(f.state)));
}

}  // namespace

Result<std::vector<FindingView>> FindingService::findings(const Viewer& who, const FindingFilter& filter) {
    if (!who.canSeeResults()) return std::unexpected(forbidden("only inspectors, HR and administrators see findings"));
    return d_.store.read([&](sqlite::Database& db) {
        return collect<FindingView>(
            sql::prepare(db,
                         std::string(kFindingColumns) +
                             "WHERE (?1 IS NULL OR f.check_id = ?1) AND (?2 IS NULL OR f.state = ?2) ORDER BY f.id",
                         filter.check, filter.state ? std::optional<std::string_view>(toString(*filter.state)) : std::nullopt),
            findingFrom);
    });
}

Result<FindingView> FindingService::finding(const Viewer& who, FindingId id) {
    if (!who.canSeeResults()) return std::unexpected(forbidden("only inspectors, HR and administrators see findings"));
    return d_.store.read([&](sqlite::Database& db) { return loadFinding(db, id); });
}

Result<CaseView> FindingService::confirm(const Viewer& who, FindingId id, const std::string& reason, UserId owner,
                                         LocalDate deadline) {
    if (!who.isInspector()) return std::unexpected(forbidden("only inspectors rule on findings"));
    if (reason.empty()) return fail("spotcheck.reason", "confirming a finding needs a reason", "reason");
    if (!owner.valid()) return fail("spotcheck.owner", "a case needs an owner", "owner");
    const Instant now = d_.clock.now();
    if (deadline < d_.zone.today(now)) {
        return fail("spotcheck.deadline", fmt::format("the deadline {} is in the past", deadline.toString()), "deadline");
    }
    return d_.store.write([&](sqlite::Database& db) -> Result<CaseView> {
        auto f = loadFinding(db, id);
        if (!f) return std::unexpected(f.error());
        if (auto st = needsOpen(*f); !st) return std::unexpected(st.error());
        if (auto st = sql::run(db,
                               "UPDATE spotcheck_findings SET state = 'confirmed', ruled_by = ?2, ruled_at_us = ?3, "
                               "reason = ?4, evaluation_changed = 0 WHERE id = ?1",
                               id, who.user, now, reason);
            !st) {
            return std::unexpected(st.error());
        }
        if (auto st = sql::run(db,
                               "INSERT INTO spotcheck_cases (finding_id, employee_id, owner, deadline, state, opened_by, "
                               "opened_at_us) VALUES (?1, ?2, ?3, ?4, 'open', ?5, ?6)",
                               id, f->employee, owner, deadline.toString(), who.user, now);
            !st) {
            return std::unexpected(st.error());
        }
        const CaseId caseId(db.lastInsertRowId());
        const auto detail = fmt::format(
            R"({{"check":{},"employee":{},"kind":{},"reason":{},"case":{},"owner":{},"deadline":{}}})", f->check.value(),
            f->employee.value(), json::text(toString(f->kind)), json::text(reason), caseId.value(), owner.value(),
            json::text(deadline.toString()));
        if (auto st = d_.audit.record(db, {who.user, who.name, "spotcheck.finding.confirm", fmt::format("spotcheck/finding/{}", id.value()), detail, now});
            !st) {
            return std::unexpected(st.error());
        }
        return loadCase(db, caseId);
    });
}

Result<FindingView> FindingService::excuse(const Viewer& who, FindingId id, const std::string& reason) {
    if (!who.isInspector()) return std::unexpected(forbidden("only inspectors rule on findings"));
    if (reason.empty()) return fail("spotcheck.reason", "excusing a finding needs a reason", "reason");
    const Instant now = d_.clock.now();
    return d_.store.write([&](sqlite::Database& db) -> Result<FindingView> {
        auto f = loadFinding(db, id);
        if (!f) return std::unexpected(f.error());
        if (auto st = needsOpen(*f); !st) return std::unexpected(st.error());
        if (auto st = sql::run(db,
                               "UPDATE spotcheck_findings SET state = 'excused', ruled_by = ?2, ruled_at_us = ?3, "
                               "reason = ?4, evaluation_changed = 0 WHERE id = ?1",
                               id, who.user, now, reason);
            !st) {
            return std::unexpected(st.error());
        }
        const auto detail = fmt::format(R"({{"check":{},"employee":{},"kind":{},"reason":{}}})", f->check.value(),
                                        f->employee.value(), json::text(toString(f->kind)), json::text(reason));
        if (auto st = d_.audit.record(db, {who.user, who.name, "spotcheck.finding.excuse", fmt::format("spotcheck/finding/{}", id.value()), detail, now});
            !st) {
            return std::unexpected(st.error());
        }
        return loadFinding(db, id);
    });
}

Result<std::vector<CaseView>> FindingService::cases(const Viewer& who, std::optional<CaseState> state) {
    if (!who.canSeeResults()) return std::unexpected(forbidden("only inspectors, HR and administrators see cases"));
    return d_.store.read([&](sqlite::Database& db) {
        return collect<CaseView>(
            sql::prepare(db, std::string(kCaseColumns) + "WHERE (?1 IS NULL OR state = ?1) ORDER BY id",
                         state ? std::optional<std::string_view>(toString(*state)) : std::nullopt),
            caseFrom);
    });
}

Result<CaseView> FindingService::caseById(const Viewer& who, CaseId id) {
    auto c = d_.store.read([&](sqlite::Database& db) { return loadCase(db, id); });
    if (!c) return c;
    if (!who.canSeeResults() && c->owner != who.user) return std::unexpected(forbidden("not your case"));
    return c;
}

Result<CaseView> FindingService::startCase(const Viewer& who, CaseId id, const std::string& note) {
    return moveCase(who, id, CaseState::Open, CaseState::InProgress, note);
}

Result<CaseView> FindingService::closeCase(const Viewer& who, CaseId id, const std::string& resolution) {
    return moveCase(who, id, CaseState::InProgress, CaseState::Closed, resolution);
}

Result<CaseView> FindingService::moveCase(const Viewer& who, CaseId id, CaseState from, CaseState to,
                                          const std::string& text) {
    if (text.empty()) {
        return fail("spotcheck.reason", to == CaseState::Closed ? "closing a case needs its resolution"
                                                                 : "starting work on a case needs a note",
                    to == CaseState::Closed ? "resolution" : "note");
    }
    const Instant now = d_.clock.now();
    return d_.store.write([&](sqlite::Database& db) -> Result<CaseView> {
        auto c = loadCase(db, id);
        if (!c) return c;
        if (!who.isInspector() && c->owner != who.user) {
            return std::unexpected(forbidden("only inspectors and the case's owner move a case"));
        }
        if (c->state != from) {
            return fail("spotcheck.case_state", fmt::format("case {} is {}; it must be {} to become {}", id.value(),
                                                            toString(c->state), toString(from), toString(to)));
        }
        const bool closing = to == CaseState::Closed;
        if (auto st = sql::run(db,
                               closing ? "UPDATE spotcheck_cases SET state = ?2, resolution = ?3, closed_at_us = ?4 WHERE id = ?1"
                                       : "UPDATE spotcheck_cases SET state = ?2, progress_note = ?3 WHERE id = ?1",
                               id, toString(to), text, now);
            !st) {
            return std::unexpected(st.error());
        }
        const auto detail = fmt::format(R"({{"from":{},"to":{},"{}":{}}})", json::text(toString(from)),
                                        json::text(toString(to)), closing ? "resolution" : "note", json::text(text));
        if (auto st = d_.audit.record(db, {who.user, who.name, closing ? "spotcheck.case.close" : "spotcheck.case.start",
                                       fmt::format("spotcheck/case/{}", id.value()), detail, now});
            !st) {
            return std::unexpected(st.error());
        }
        return loadCase(db, id);
    });
}

Result<WarningList> FindingService::publishWarningList(const Viewer& who, LocalDate from, LocalDate to,
                                                       const std::string& title) {
    if (!who.isInspector()) return std::unexpected(forbidden("only inspectors publish warning lists"));
    if (to < from) return fail("spotcheck.period", "the period ends before it starts", "to");
    if (title.empty()) return fail("spotcheck.title", "a warning list needs a title", "title");
    const Instant now = d_.clock.now();
    const Instant begin = d_.zone.toInstant(LocalDateTime(from, LocalTime(0, 0)));
    const Instant end = d_.zone.toInstant(LocalDateTime(to + 1, LocalTime(0, 0)));
    auto id = d_.store.write([&](sqlite::Database& db) -> Result<WarningListId> {
        if (auto st = sql::run(db,
                               "INSERT INTO spotcheck_warning_lists (period_from, period_to, title, published_by, "
                               "published_at_us) VALUES (?1, ?2, ?3, ?4, ?5)",
                               from.toString(), to.toString(), title, who.user, now);
            !st) {
            return std::unexpected(st.error());
        }
        const WarningListId list(db.lastInsertRowId());
        if (auto st = sql::run(db,
                               "INSERT INTO spotcheck_warning_entries (list_id, finding_id, check_id, employee_id, post_id, "
                               "kind, check_opened_at_us, reason, case_id) "
                               "SELECT ?1, f.id, f.check_id, f.employee_id, f.post_id, f.kind, c.opened_at_us, f.reason, k.id "
                               "FROM spotcheck_findings f JOIN spotchecks c ON c.id = f.check_id "
                               "LEFT JOIN spotcheck_cases k ON k.finding_id = f.id "
                               "WHERE f.state = 'confirmed' AND c.opened_at_us >= ?2 AND c.opened_at_us < ?3",
                               list, begin, end);
            !st) {
            return std::unexpected(st.error());
        }
        const auto detail = fmt::format(R"({{"from":{},"to":{},"title":{},"entries":{}}})", json::text(from.toString()),
                                        json::text(to.toString()), json::text(title), db.changes());
        if (auto st = d_.audit.record(db, {who.user, who.name, "spotcheck.warnings.publish", fmt::format("spotcheck/warning-list/{}", list.value()),
                                       detail, now});
            !st) {
            return std::unexpected(st.error());
        }
        return list;
    });
    if (!id) return std::unexpected(id.error());
    return warningList(*id);
}

Result<WarningList> FindingService::warningList(WarningListId id) {
    return d_.store.read([&](sqlite::Database& db) -> Result<WarningList> {
        auto head = sql::prepare(db,
                                 "SELECT period_from, period_to, title, published_by, published_at_us "
                                 "FROM spotcheck_warning_lists WHERE id = ?1",
                                 id);
        if (!head) return std::unexpected(head.error());
        auto step = head->step();
        if (!step) return std::unexpected(step.error());
        if (*step == sqlite::Step::Done) return fail("spotcheck.warning_list_not_found", fmt::format("no warning list {}", id.value()));
        WarningList list{id,
                         LocalDate::parse(head->getText(0)).value_or(LocalDate{}),
                         LocalDate::parse(head->getText(1)).value_or(LocalDate{}),
                         head->getText(2),
                         UserId(head->getInt(3)),
                         Instant::fromMicros(head->getInt(4)),
                         {}};
        auto entries = collect<WarningEntry>(
            sql::prepare(db,
                         "SELECT finding_id, check_id, employee_id, post_id, kind, check_opened_at_us, reason, case_id "
                         "FROM spotcheck_warning_entries WHERE list_id = ?1 ORDER BY check_opened_at_us, employee_id",
                         id),
            [](const sqlite::Statement& st) {
                WarningEntry e;
                e.finding = FindingId(st.getInt(0));
                e.check = SpotCheckId(st.getInt(1));
                e.employee = EmployeeId(st.getInt(2));
                e.post = PostId(st.getInt(3));
                e.kind = parseOutcome(st.getText(4)).value_or(Outcome::Absent);
                e.checkOpenedAt = Instant::fromMicros(st.getInt(5));
                e.reason = st.getText(6);
                if (!st.isNull(7)) e.caseId = CaseId(st.getInt(7));
                return e;
            });
        if (!entries) return std::unexpected(entries.error());
        list.entries = std::move(*entries);
        return list;
    });
}

Result<std::vector<WarningList>> FindingService::warningLists() {
    return d_.store.read([&](sqlite::Database& db) {
        return collect<WarningList>(
            sql::prepare(db, "SELECT id, period_from, period_to, title, published_by, published_at_us "
                             "FROM spotcheck_warning_lists ORDER BY id"),
            [](const sqlite::Statement& st) {
                return WarningList{WarningListId(st.getInt(0)),
                                   LocalDate::parse(st.getText(1)).value_or(LocalDate{}),
                                   LocalDate::parse(st.getText(2)).value_or(LocalDate{}),
                                   st.getText(3),
                                   UserId(st.getInt(4)),
                                   Instant::fromMicros(st.getInt(5)),
                                   {}};
            });
    });
}

}  // namespace rollcall::spotcheck
