#pragma once
// A real server database (store + spot-check + audit tables in one SQLite file) and the small
// stand-ins for the ports another part implements: the roster (people of the scope and their
// duty, as the services will compute it), the terminals' posts, and the notifier (what the
// gateway would push). Punches go in through the store's own ingest.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "rollcall/audit/AuditLog.hpp"
#include "rollcall/spotcheck/AuditLogSink.hpp"
#include "rollcall/spotcheck/FindingService.hpp"
#include "rollcall/spotcheck/PlanService.hpp"
#include "rollcall/spotcheck/SpotCheckSchema.hpp"
#include "rollcall/spotcheck/SpotCheckScheduler.hpp"
#include "rollcall/spotcheck/SpotCheckService.hpp"
#include "rollcall/store/PunchRepository.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::spotcheck::testing {

namespace fs = std::filesystem;

class TempDir {
public:
    TempDir()
        : path_(fs::temp_directory_path() /
                ("rollcall-spotcheck-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))) {
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() { fs::remove_all(path_); }
    [[nodiscard]] const fs::path& path() const { return path_; }

private:
    static inline int counter_ = 0;
    fs::path path_;
};

class ManualClock final : public Clock {
public:
    explicit ManualClock(Instant start) : now_(start) {}
    Instant now() override { return now_; }
    void set(Instant t) { now_ = t; }

private:
    Instant now_;
};

// People with a fixed post, department and duty: the roster service's answer for the test day.
class TableRoster final : public DutyRoster {
public:
    std::vector<PersonDuty> people;
    std::map<PostId, DepartmentId> posts;  // every post and its department

    Result<std::vector<PersonDuty>> dutyAt(const Scope& scope, Instant) override {
        std::vector<PersonDuty> out;
        for (const auto& p : people) {
            if (covers(scope, p.post)) out.push_back(p);
        }
        return out;
    }
    Result<std::vector<PostId>> postsIn(const Scope& scope) override {
        std::vector<PostId> out;
        for (const auto& [post, dept] : posts) {
            if (covers(scope, post)) out.push_back(post);
        }
        return out;
    }

private:
    bool covers(const Scope& scope, PostId post) const {
        switch (scope.kind) {
            case ScopeKind::Everyone: return true;
            case ScopeKind::Posts: return std::ranges::find(scope.posts, post) != scope.posts.end();
            case ScopeKind::Departments: {
                const auto it = posts.find(post);
                return it != posts.end() && std::ranges::find(scope.departments, it->second) != scope.departments.end();
            }
        }
        return false;
    }
};

class TableTerminals final : public TerminalDirectory {
public:
    std::vector<TerminalPost> all;
    Result<std::vector<TerminalPost>> terminals() override { return all; }
};

// Connected terminals get the start at once; the rest would get it on reconnect.
class RecordingNotifier final : public SpotCheckNotifier {
public:
    std::vector<TerminalPost>* terminals = nullptr;
    std::set<TerminalId> connected;
    std::vector<SpotCheckStart> starts;
    std::vector<SpotCheckEnd> ends;

    std::vector<TerminalId> start(const SpotCheckStart& message) override {
        starts.push_back(message);
        std::vector<TerminalId> reached;
        for (const auto& t : *terminals) {
            const bool inScope = message.everyone || std::ranges::find(message.posts, t.post) != message.posts.end();
            if (inScope && connected.contains(t.terminal)) reached.push_back(t.terminal);
        }
        return reached;
    }
    void end(const SpotCheckEnd& message) override { ends.push_back(message); }
};

inline Instant shanghai(int y, unsigned mo, unsigned d, int h, int mi, int s = 0) {
    // Asia/Shanghai has no DST: UTC+8 all year.
    const auto local = LocalDateTime(LocalDate(y, mo, d), LocalTime(h, mi, s));
    return Instant::fromMicros((local.seconds() - 8 * 3600) * 1'000'000);
}

// The real audit log, with a switch to make it fail (to prove a ruling without its audit entry
// does not happen).
class SwitchableAudit final : public AuditSink {
public:
    bool broken = false;
    Status record(sqlite::Database& db, const AuditEntry& entry) override {
        if (broken) return fail("audit.unavailable", "the audit log refused the entry");
        return real_.record(db, entry);
    }

private:
    AuditLogSink real_;
};

struct Server {
    TempDir dir;
    std::unique_ptr<store::Store> store;
    TableRoster roster;
    TableTerminals terminals;
    RecordingNotifier notifier;
    SwitchableAudit audit;
    ManualClock clock{shanghai(2026, 11, 27, 9, 0)};
    TimeZone zone = *TimeZone::load("Asia/Shanghai");
    WeekdayCalendar calendar;
    std::unique_ptr<SpotCheckService> checks;
    std::unique_ptr<FindingService> findings;
    std::unique_ptr<PlanService> plans;
    std::unique_ptr<SpotCheckScheduler> scheduler;
    std::int64_t nextSeq = 1;

    Server() {
        auto opened = store::Store::open({.path = dir.path() / "rollcall.db",
                                          .timeZone = "Asia/Shanghai",
                                          .extraMigrations = {spotCheckMigrations()}});
        if (!opened) throw std::runtime_error(opened.error().describe());
        store = std::move(*opened);
        // The audit log migrates in its own transaction, so on its own connection.
        auto db = sqlite::Database::open(dir.path() / "rollcall.db");
        if (!db) throw std::runtime_error(db.error().describe());
        if (auto st = audit::AuditLog::migrate(*db); !st) throw std::runtime_error(st.error().describe());
        notifier.terminals = &terminals.all;
        SpotCheckDeps deps{*store, roster, terminals, notifier, audit, clock, zone, calendar};
        checks = std::make_unique<SpotCheckService>(deps);
        findings = std::make_unique<FindingService>(deps);
        plans = std::make_unique<PlanService>(deps);
        scheduler = std::make_unique<SpotCheckScheduler>(*checks, *plans);
    }

    // A verification as the gateway stores it: taken at `at` (terminal clock corrected by
    // `offsetUs`), received by the server at `receivedAt`.
    store::InsertOutcome punch(EmployeeId who, TerminalId terminal, Instant at, Instant receivedAt,
                               store::PunchMethod method = store::PunchMethod::Face, std::int64_t offsetUs = 0) {
        store::NewPunch p;
        p.terminalId = terminal;
        p.terminalSeq = static_cast<TerminalSeq>(nextSeq++);
        p.employeeId = who;
        p.method = method;
        p.at = at;
        p.terminalTime = at - std::chrono::microseconds(offsetUs);
        p.clockOffset = std::chrono::microseconds(offsetUs);
        p.faceScore = 0.83;
        p.livenessScore = 0.97;
        p.receivedAt = receivedAt;
        auto out = store::PunchRepository(*store).insertBatch(std::span(&p, 1));
        if (!out) throw std::runtime_error(out.error().describe());
        return out->front();
    }

    Result<std::vector<audit::AuditEntry>> auditTrail() {
        audit::AuditQuery query;
        query.limit = 1000;
        return store->read([&](sqlite::Database& db) { return audit::AuditLog(db).list(query); });
    }
};

inline Viewer inspector(std::int64_t id = 100) { return {UserId(id), Role::Inspector, "inspector" + std::to_string(id)}; }
inline Viewer staff(std::int64_t id = 200) { return {UserId(id), Role::Staff, "staff" + std::to_string(id)}; }
inline Viewer hr(std::int64_t id = 300) { return {UserId(id), Role::Hr, "hr" + std::to_string(id)}; }

}  // namespace rollcall::spotcheck::testing
