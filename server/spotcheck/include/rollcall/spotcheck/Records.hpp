#pragma once
// What the spot-check service hands out: checks, reports, findings, cases, plans, warning lists.
// A planned check's drawn moment is deliberately absent from every record here: it exists only
// inside the repository until the check fires.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/spotcheck/Evaluation.hpp"
#include "rollcall/spotcheck/Ids.hpp"
#include "rollcall/spotcheck/Method.hpp"
#include "rollcall/spotcheck/Scope.hpp"

namespace rollcall::spotcheck {

enum class CheckState { Planned, Open, Closed, Cancelled };
std::string_view toString(CheckState state);
std::optional<CheckState> parseCheckState(std::string_view text);

struct SpotCheckView {
    SpotCheckId id;
    CheckState state = CheckState::Planned;
    Scope scope;
    int windowMinutes = 0;
    MethodRequirement method = MethodRequirement::Any;
    bool random = false;
    std::optional<Instant> rangeFrom;  // the range the moment was drawn from (random checks)
    std::optional<Instant> rangeTo;
    std::optional<Instant> openedAt;   // known only once fired
    std::optional<Instant> closesAt;
    std::optional<Instant> closedAt;
    UserId createdBy;
    Instant createdAt;
    std::optional<PlanId> plan;
    std::string note;
    std::optional<Instant> evaluatedAt;
};

struct SpotCheckReport {
    SpotCheckView check;
    bool live = false;  // the window is still open: computed now, nothing stored yet
    std::vector<PersonResult> results;
    std::vector<OfflineTerminal> offline;
    Tally tally;
};

enum class FindingState { Open, Confirmed, Excused, Withdrawn };
std::string_view toString(FindingState state);
std::optional<FindingState> parseFindingState(std::string_view text);

struct FindingView {
    FindingId id;
    SpotCheckId check;
    EmployeeId employee;
    PostId post;
    Outcome kind = Outcome::Absent;
    FindingState state = FindingState::Open;
    std::optional<UserId> ruledBy;
    std::optional<Instant> ruledAt;
    std::string reason;
    bool evaluationChanged = false;  // a re-evaluation changed the outcome after the ruling
    std::optional<Instant> checkOpenedAt;
};

enum class CaseState { Open, InProgress, Closed };
std::string_view toString(CaseState state);
std::optional<CaseState> parseCaseState(std::string_view text);

struct CaseView {
    CaseId id;
    FindingId finding;
    EmployeeId employee;
    UserId owner;
    LocalDate deadline;
    CaseState state = CaseState::Open;
    std::string progressNote;
    std::string resolution;
    UserId openedBy;
    Instant openedAt;
    std::optional<Instant> closedAt;
};

enum class PlanPeriod { Week, Month };
std::string_view toString(PlanPeriod period);
std::optional<PlanPeriod> parsePlanPeriod(std::string_view text);

struct PlanView {
    PlanId id;
    Scope scope;
    int windowMinutes = 10;
    MethodRequirement method = MethodRequirement::Any;
    int checksPerPeriod = 1;
    PlanPeriod period = PlanPeriod::Week;
    LocalTime workFrom{8, 30};
    LocalTime workTo{17, 30};
    bool active = true;
    UserId createdBy;
    Instant createdAt;
};

struct WarningEntry {
    FindingId finding;
    SpotCheckId check;
    EmployeeId employee;
    PostId post;
    Outcome kind = Outcome::Absent;
    Instant checkOpenedAt;
    std::string reason;
    std::optional<CaseId> caseId;
};

struct WarningList {
    WarningListId id;
    LocalDate from;
    LocalDate to;
    std::string title;
    UserId publishedBy;
    Instant publishedAt;
    std::vector<WarningEntry> entries;
};

}  // namespace rollcall::spotcheck
