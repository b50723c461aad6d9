#pragma once
// Spot checks (查岗): creation with a secret random moment, firing and closing on the server's
// clock, evaluation (re-runnable when late punches arrive), and the views each role may see.
// Findings, cases and warning lists are in FindingService; recurring plans in PlanService.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rollcall/spotcheck/Records.hpp"
#include "rollcall/spotcheck/SpotCheckDeps.hpp"
#include "rollcall/spotcheck/Viewer.hpp"

namespace rollcall::spotcheck {

struct NewSpotCheck {
    Scope scope{};
    int windowMinutes = 10;
    MethodRequirement method = MethodRequirement::Any;
    // Both set: fire at a moment drawn uniformly in [from, to]. Neither: fire now.
    std::optional<Instant> from{};
    std::optional<Instant> to{};
    std::vector<UserId> sharedWith{};  // other inspectors who may see the check while it is planned
    std::string note{};
};

class SpotCheckService {
public:
    explicit SpotCheckService(SpotCheckDeps deps) : d_(deps) {}

    // Inspectors only. A "now" check fires before this returns.
    Result<SpotCheckView> create(const Viewer& who, const NewSpotCheck& request);
    // Planned checks appear only to their creator and the inspectors they are shared with, and
    // never with their moment; fired checks to inspectors, HR and administrators.
    Result<std::vector<SpotCheckView>> list(const Viewer& who);
    Result<SpotCheckView> show(const Viewer& who, SpotCheckId id);
    Status cancel(const Viewer& who, SpotCheckId id, const std::string& reason);
    // Live while the window is open, the stored evaluation once closed.
    Result<SpotCheckReport> report(const Viewer& who, SpotCheckId id);
    // Re-runs a closed check's evaluation now (e.g. after a leave was approved retroactively).
    Result<SpotCheckReport> reevaluate(const Viewer& who, SpotCheckId id);

    // For the gateway: the starts a terminal of `post` must show if it connects now, and the
    // record that one was handed over.
    Result<std::vector<SpotCheckStart>> openChecksFor(PostId post, Instant now);
    Status recordDelivery(SpotCheckId id, TerminalId terminal, Instant at);
    // Many at once, in one transaction (a broadcast to hundreds of terminals).
    Status recordDeliveries(SpotCheckId id, std::span<const TerminalId> terminals, Instant at);

    // For the scheduler.
    struct FireCount {
        int fired = 0;
        int missed = 0;
    };
    Result<FireCount> fireDue(Instant now);
    Result<int> closeDue(Instant now);
    Result<int> reevaluateChanged(Instant now);
    Result<SpotCheckReport> evaluateAndStore(SpotCheckId id);

private:
    struct Row;
    struct Computed;
    static Result<Row> load(sqlite::Database& db, SpotCheckId id);
    static Result<std::vector<Row>> loadWhere(sqlite::Database& db, std::string_view where, std::int64_t arg);
    static Result<bool> canSeePlanned(sqlite::Database& db, const Viewer& who, const Row& row);
    static Result<Row> visible(sqlite::Database& db, const Viewer& who, SpotCheckId id);
    static Result<SpotCheckReport> storedReport(sqlite::Database& db, const Row& row);
    static Status storeFindings(sqlite::Database& db, SpotCheckId id, const CheckEvaluation& evaluation, Instant now);
    Result<Computed> compute(sqlite::Database& db, const Row& row);
    Status fire(const Row& row, Instant now);

    SpotCheckDeps d_;
};

}  // namespace rollcall::spotcheck
