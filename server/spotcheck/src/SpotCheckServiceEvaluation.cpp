// SpotCheckService: evaluating a check, storing its results and findings, and reporting them.
#include <fmt/format.h>

#include <unordered_map>

#include "ServiceRows.hpp"
#include "Sql.hpp"
#include "rollcall/spotcheck/PunchReader.hpp"
#include "rollcall/spotcheck/SpotCheckEvaluator.hpp"
#include "rollcall/spotcheck/SpotCheckService.hpp"

namespace rollcall::spotcheck {

namespace {

Status bindAnswer(sqlite::Statement& st, const std::optional<Answer>& a, std::string_view kind) {
    if (!a) {
        for (int i = 7; i <= 17; ++i) st.bindNull(i);
        st.bind(18, 0);
        return {};
    }
    st.bind(7, kind).bind(8, a->punch.value()).bind(9, a->terminal.value()).bind(10, a->post.value());
    st.bind(11, a->method).bind(12, a->at.micros()).bind(13, a->receivedAt.micros());
    st.bind(14, a->faceScore).bind(15, a->fingerScore).bind(16, a->livenessScore).bind(17, a->clockOffsetUs);
    st.bind(18, a->deliveredLate ? 1 : 0);
    return {};
}

}  // namespace

Result<SpotCheckService::Computed> SpotCheckService::compute(sqlite::Database& db, const Row& row) {
    const auto& v = row.view;
    if (!v.openedAt || !v.closesAt) {
        return fail("spotcheck.state", fmt::format("check {} has not fired; there is nothing to evaluate", v.id.value()));
    }
    Computed c;
    auto posts = d_.roster.postsIn(v.scope);
    if (!posts) return std::unexpected(posts.error());
    c.posts = std::move(*posts);
    auto people = d_.roster.dutyAt(v.scope, *v.openedAt);
    if (!people) return std::unexpected(people.error());
    c.people = std::move(*people);
    auto terminals = d_.terminals.terminals();
    if (!terminals) return std::unexpected(terminals.error());

    std::vector<TerminalId> reached;
    auto st = sql::prepare(db,
                           "SELECT terminal_id FROM spotcheck_deliveries WHERE check_id = ?1 AND delivered_at_us <= ?2",
                           v.id, *v.closesAt);
    if (!st) return std::unexpected(st.error());
    for (;;) {
        auto step = st->step();
        if (!step) return std::unexpected(step.error());
        if (*step == sqlite::Step::Done) break;
        reached.emplace_back(st->getInt(0));
    }
    auto window = PunchReader::read(db, *v.openedAt, *v.closesAt + d_.config.lateAnswerHorizon);
    if (!window) return std::unexpected(window.error());
    c.maxPunchId = window->maxPunchId;
    c.evaluation = SpotCheckEvaluator::evaluate(EvaluationInput{*v.openedAt, *v.closesAt, v.method, c.people,
                                                                window->punches, *terminals, c.posts, reached});
    return c;
}

Result<SpotCheckReport> SpotCheckService::evaluateAndStore(SpotCheckId id) {
    // One write transaction: the punches read and the results written form one snapshot, so
    // a punch committed after it has a higher id and triggers the next re-run.
    return d_.store.write([&](sqlite::Database& db) -> Result<SpotCheckReport> {
    auto row = load(db, id);
    if (!row) return std::unexpected(row.error());
    if (row->view.state != CheckState::Closed) {
        return fail("spotcheck.state", fmt::format("check {} is {}; results are stored once its window has closed",
                                                   id.value(), toString(row->view.state)));
    }
    auto c = compute(db, *row);
    if (!c) return std::unexpected(c.error());
    const Instant now = d_.clock.now();

    if (auto st = sql::run(db, "DELETE FROM spotcheck_results WHERE check_id = ?1", id); !st) return std::unexpected(st.error());
    if (auto st = sql::run(db, "DELETE FROM spotcheck_offline_terminals WHERE check_id = ?1", id); !st) {
        return std::unexpected(st.error());
    }
    auto ins = db.prepare(
        "INSERT INTO spotcheck_results (check_id, employee_id, post_id, department_id, outcome, duty, excuse_record, "
        "answer_kind, punch_id, terminal_id, answer_post_id, method, at_us, received_at_us, face_score, finger_score, "
        "liveness_score, clock_offset_us, delivered_late) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?19, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)");
    if (!ins) return std::unexpected(ins.error());
    for (const auto& r : c->evaluation.results) {
        ins->bind(1, id.value()).bind(2, r.employee.value()).bind(3, r.post.value()).bind(4, r.department.value());
        ins->bind(5, toString(r.outcome)).bind(6, toString(r.duty)).bind(19, r.excuseRecord);
        if (r.answer) bindAnswer(*ins, r.answer, "answer");
        else bindAnswer(*ins, r.lateAnswer, "late");
        if (auto st = ins->run(); !st) return std::unexpected(st.error());
        if (auto st = ins->reset(); !st) return std::unexpected(st.error());
    }
    for (const auto& t : c->evaluation.offline) {
        if (auto st = sql::run(db,
                               "INSERT INTO spotcheck_offline_terminals (check_id, terminal_id, post_id, reached, "
                               "late_punches) VALUES (?1, ?2, ?3, ?4, ?5)",
                               id, t.terminal, t.post, t.reached, t.latePunches);
            !st) {
            return std::unexpected(st.error());
        }
    }
    if (auto st = storeFindings(db, id, c->evaluation, now); !st) return std::unexpected(st.error());
    if (auto st = sql::run(db, "UPDATE spotchecks SET evaluated_at_us = ?2, evaluated_max_punch_id = ?3 WHERE id = ?1",
                           id, now, c->maxPunchId);
        !st) {
        return std::unexpected(st.error());
    }
    SpotCheckReport report;
    report.check = row->view;
    report.check.evaluatedAt = now;
    report.results = std::move(c->evaluation.results);
    report.offline = std::move(c->evaluation.offline);
    report.tally = c->evaluation.tally;
    return report;
    });
}

// New findings open; a finding nobody ruled on follows the evaluation (withdrawn when the person
// turns out present); a ruled finding keeps its ruling and is flagged for the inspector.
Status SpotCheckService::storeFindings(sqlite::Database& db, SpotCheckId id, const CheckEvaluation& evaluation, Instant now) {
    struct Existing {
        FindingId id;
        FindingState state;
        std::string kind;
    };
    std::unordered_map<EmployeeId, Existing> existing;
    {
        auto st = sql::prepare(db, "SELECT employee_id, id, state, kind FROM spotcheck_findings WHERE check_id = ?1", id);
        if (!st) return std::unexpected(st.error());
        for (;;) {
            auto step = st->step();
            if (!step) return std::unexpected(step.error());
            if (*step == sqlite::Step::Done) break;
            existing.emplace(EmployeeId(st->getInt(0)),
                             Existing{FindingId(st->getInt(1)), parseFindingState(st->getText(2)).value_or(FindingState::Open),
                                      st->getText(3)});
        }
    }
    // Prepared once: a check over thousands of people reconciles thousands of rows.
    auto insert = db.prepare(
        "INSERT INTO spotcheck_findings (check_id, employee_id, post_id, kind, state, created_at_us) "
        "VALUES (?1, ?2, ?3, ?4, 'open', ?5)");
    auto follow = db.prepare("UPDATE spotcheck_findings SET state = ?2, kind = ?3 WHERE id = ?1");
    auto flag = db.prepare("UPDATE spotcheck_findings SET evaluation_changed = 1 WHERE id = ?1");
    if (!insert) return std::unexpected(insert.error());
    if (!follow) return std::unexpected(follow.error());
    if (!flag) return std::unexpected(flag.error());
    const auto runOnce = [](sqlite::Statement& st) -> Status {
        auto done = st.run();
        if (auto reset = st.reset(); done && !reset) return reset;
        return done;
    };
    for (const auto& r : evaluation.results) {
        const auto it = existing.find(r.employee);
        const bool finding = isFinding(r.outcome);
        Status st;
        if (it == existing.end()) {
            if (!finding) continue;
            insert->bind(1, id.value()).bind(2, r.employee.value()).bind(3, r.post.value());
            insert->bind(4, toString(r.outcome)).bind(5, now.micros());
            st = runOnce(*insert);
        } else if (const auto& f = it->second; f.state == FindingState::Open || f.state == FindingState::Withdrawn) {
            follow->bind(1, f.id.value()).bind(2, finding ? "open" : "withdrawn");
            follow->bind(3, finding ? toString(r.outcome) : std::string_view(f.kind));
            st = runOnce(*follow);
        } else if (!finding || f.kind != toString(r.outcome)) {
            flag->bind(1, f.id.value());
            st = runOnce(*flag);
        }
        if (!st) return st;
    }
    return {};
}

Result<SpotCheckReport> SpotCheckService::storedReport(sqlite::Database& db, const Row& row) {
    SpotCheckReport report;
    report.check = row.view;
    auto st = sql::prepare(db,
                           "SELECT employee_id, post_id, department_id, outcome, duty, excuse_record, answer_kind, punch_id, "
                           "terminal_id, answer_post_id, method, at_us, received_at_us, face_score, finger_score, "
                           "liveness_score, clock_offset_us, delivered_late FROM spotcheck_results WHERE check_id = ?1 "
                           "ORDER BY rowid",
                           row.view.id);
    if (!st) return std::unexpected(st.error());
    for (;;) {
        auto step = st->step();
        if (!step) return std::unexpected(step.error());
        if (*step == sqlite::Step::Done) break;
        PersonResult r;
        r.employee = EmployeeId(st->getInt(0));
        r.post = PostId(st->getInt(1));
        r.department = DepartmentId(st->getInt(2));
        r.outcome = parseOutcome(st->getText(3)).value_or(Outcome::Absent);
        r.duty = parseDutyKind(st->getText(4)).value_or(DutyKind::OnDuty);
        r.excuseRecord = st->getText(5);
        if (!st->isNull(6)) {
            Answer a{PunchId(st->getInt(7)),   TerminalId(st->getInt(8)), PostId(st->getInt(9)),
                     st->getText(10),          Instant::fromMicros(st->getInt(11)), Instant::fromMicros(st->getInt(12)),
                     sql::optDouble(*st, 13), sql::optDouble(*st, 14),   sql::optDouble(*st, 15),
                     st->getOptInt(16),        st->getInt(17) != 0};
            (st->getText(6) == "late" ? r.lateAnswer : r.answer) = std::move(a);
        }
        switch (r.outcome) {
            case Outcome::Present: ++report.tally.present; break;
            case Outcome::Excused: ++report.tally.excused; break;
            case Outcome::Absent: ++report.tally.absent; break;
            case Outcome::AwayFromPost: ++report.tally.awayFromPost; break;
            case Outcome::MethodNotMet: ++report.tally.methodNotMet; break;
        }
        report.results.push_back(std::move(r));
    }
    auto off = sql::prepare(db,
                            "SELECT terminal_id, post_id, reached, late_punches FROM spotcheck_offline_terminals "
                            "WHERE check_id = ?1 ORDER BY terminal_id",
                            row.view.id);
    if (!off) return std::unexpected(off.error());
    for (;;) {
        auto step = off->step();
        if (!step) return std::unexpected(step.error());
        if (*step == sqlite::Step::Done) break;
        report.offline.push_back({TerminalId(off->getInt(0)), PostId(off->getInt(1)), off->getInt(2) != 0,
                                  static_cast<int>(off->getInt(3))});
    }
    return report;
}

Result<SpotCheckReport> SpotCheckService::report(const Viewer& who, SpotCheckId id) {
    auto row = d_.store.read([&](sqlite::Database& db) { return visible(db, who, id); });
    if (!row) return std::unexpected(row.error());
    if (row->view.state == CheckState::Open) {
        auto c = d_.store.read([&](sqlite::Database& db) { return compute(db, *row); });
        if (!c) return std::unexpected(c.error());
        SpotCheckReport report{row->view, true, std::move(c->evaluation.results), std::move(c->evaluation.offline),
                               c->evaluation.tally};
        return report;
    }
    if (row->view.state != CheckState::Closed) {
        return fail("spotcheck.state", fmt::format("check {} is {}; it has no results", id.value(), toString(row->view.state)));
    }
    if (!row->view.evaluatedAt) return evaluateAndStore(id);
    return d_.store.read([&](sqlite::Database& db) { return storedReport(db, *row); });
}

Result<SpotCheckReport> SpotCheckService::reevaluate(const Viewer& who, SpotCheckId id) {
    if (!who.isInspector() && who.role != Role::Admin) {
        return std::unexpected(Error{"spotcheck.forbidden", "only inspectors and administrators re-run an evaluation", std::nullopt});
    }
    auto row = d_.store.read([&](sqlite::Database& db) { return visible(db, who, id); });
    if (!row) return std::unexpected(row.error());
    return evaluateAndStore(id);
}

Result<int> SpotCheckService::reevaluateChanged(Instant now) {
    const Instant since = now - d_.config.reevaluateFor;
    auto rows = d_.store.read([&](sqlite::Database& db) {
        return loadWhere(db, "WHERE state = 'closed' AND closes_at_us >= ?1 ORDER BY id", since.micros());
    });
    if (!rows) return std::unexpected(rows.error());
    int count = 0;
    for (const auto& row : *rows) {
        auto newer = d_.store.read([&](sqlite::Database& db) {
            return PunchReader::hasNewer(db, *row.view.openedAt, *row.view.closesAt + d_.config.lateAnswerHorizon,
                                         row.evaluatedMaxPunchId.value_or(0));
        });
        if (!newer) return std::unexpected(newer.error());
        if (!*newer && row.view.evaluatedAt) continue;
        if (auto r = evaluateAndStore(row.view.id); !r) return std::unexpected(r.error());
        ++count;
    }
    return count;
}

}  // namespace rollcall::spotcheck
