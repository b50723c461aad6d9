#include "rollcall/enrolment/GatewayWiring.hpp"

#include <spdlog/spdlog.h>

#include <memory>

#include "rollcall/services/AttendanceService.hpp"
#include "rollcall/services/LeaveService.hpp"

namespace rollcall::enrolment {
namespace {

// The highest punch id stored so far (0 for an empty table).
Result<std::int64_t> lastPunchId(store::Store& store) {
    return store.read([](sqlite::Database& db) -> Result<std::int64_t> {
        auto s = db.prepare("SELECT COALESCE(MAX(id), 0) FROM punches");
        if (!s) return std::unexpected(s.error());
        auto step = s->step();
        if (!step) return std::unexpected(step.error());
        return s->getInt(0);
    });
}

// Report-back (销假): every terminal punch stored since the last look ends the person's
// approved leave that had started by then. Runs on the ingest thread only.
void reportBack(store::Store& store, std::int64_t& after) {
    struct Seen {
        std::int64_t id;
        EmployeeId employee;
        Instant at;
    };
    auto seen = store.read([&](sqlite::Database& db) -> Result<std::vector<Seen>> {
        auto s = db.prepare("SELECT id, employee_id, at_us FROM punches WHERE id > ?1 AND source = 'terminal' ORDER BY id");
        if (!s) return std::unexpected(s.error());
        s->bind(1, after);
        std::vector<Seen> out;
        for (;;) {
            auto step = s->step();
            if (!step) return std::unexpected(step.error());
            if (*step == sqlite::Step::Done) return out;
            out.push_back({s->getInt(0), EmployeeId(s->getInt(1)), Instant::fromMicros(s->getInt(2))});
        }
    });
    if (!seen) {
        spdlog::warn("report-back: reading new punches failed: {}", seen.error().message);
        return;
    }
    services::LeaveService leave(store);
    for (const auto& p : *seen) {
        auto r = leave.reportBackByPunch(p.employee, p.at, Instant::now());
        if (!r) spdlog::warn("report-back: employee {}: {}", p.employee.value(), r.error().message);
        else if (*r) spdlog::info("report-back: employee {} reported back from leave {} at {}", p.employee.value(), (*r)->id.value(), p.at.toIso());
        after = p.id;
    }
}

}  // namespace

void attach(gateway::Gateway& gateway, store::Store& store, EnrolmentStore& enrolments) {
    gateway.setConnectHook([&enrolments](const gateway::TerminalInfo& terminal) {
        std::vector<proto::Message> out;
        auto delta = enrolments.deltaSince(terminal.galleryVersion);
        if (!delta) {
            spdlog::warn("enrolment: no gallery for terminal {}: {}", terminal.id.value(), delta.error().message);
            return out;
        }
        if (delta->toVersion != terminal.galleryVersion) out.emplace_back(std::move(*delta));
        return out;
    });
    auto after = std::make_shared<std::int64_t>(lastPunchId(store).value_or(0));
    gateway.setIngestListener([&store, after](std::size_t) {
        reportBack(store, *after);
        auto report = services::AttendanceService(store).drainDirty(Instant::now());
        if (!report) spdlog::warn("attendance: evaluating new punches failed: {}", report.error().message);
    });
}

Status publish(gateway::Gateway& gateway, EnrolmentStore& enrolments, std::uint64_t fromVersion) {
    auto delta = enrolments.deltaSince(fromVersion);
    if (!delta) return std::unexpected(delta.error());
    // Terminals at another version catch up through the connect hook on their next connection.
    gateway.broadcast(proto::Message(std::move(*delta)),
                      [fromVersion](const gateway::TerminalInfo& t) { return t.galleryVersion == fromVersion; });
    return {};
}

}  // namespace rollcall::enrolment
