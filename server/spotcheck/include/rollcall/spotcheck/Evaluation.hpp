#pragma once
// Plain values in and out of the spot-check evaluation (SpotCheckEvaluator). No I/O here:
// the service loads these from the roster, the terminals and the punches table.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/spotcheck/Method.hpp"

namespace rollcall::spotcheck {

// What the roster says about a person at the moment of the check.
enum class DutyKind { OnDuty, ApprovedLeave, BusinessTrip, RestDay, Holiday, NotOnShift };

std::string_view toString(DutyKind duty);
std::optional<DutyKind> parseDutyKind(std::string_view text);

struct PersonDuty {
    EmployeeId employee;
    PostId post;
    DepartmentId department;
    DutyKind duty = DutyKind::OnDuty;
    // The record that excuses the person, readable and specific: "leave #17 (annual, 2026-11-26..2026-11-28)".
    std::string excuseRecord;
    std::optional<LeaveId> leave;
    std::optional<ShiftId> shift;
};

struct TerminalPost {
    TerminalId terminal;
    PostId post;
};

// A verification stored in the punches table (see notes on the punch record).
struct VerificationPunch {
    PunchId id;
    EmployeeId employee;
    TerminalId terminal;
    std::string method;
    Instant at;          // terminal clock corrected by the offset: when the verification happened
    Instant receivedAt;  // server clock: when the server stored it
    std::optional<double> faceScore;
    std::optional<double> fingerScore;
    std::optional<double> livenessScore;
    std::optional<SpotCheckId> taggedCheck;
    std::optional<std::int64_t> clockOffsetUs;  // signed: server minus terminal clock
};

enum class Outcome { Present, Excused, Absent, AwayFromPost, MethodNotMet };

std::string_view toString(Outcome outcome);
std::optional<Outcome> parseOutcome(std::string_view text);
// Absent, away from post and a verification by the wrong method need an inspector's ruling.
constexpr bool isFinding(Outcome o) {
    return o == Outcome::Absent || o == Outcome::AwayFromPost || o == Outcome::MethodNotMet;
}

struct Answer {
    PunchId punch;
    TerminalId terminal;
    PostId post;  // the post of the terminal that took it
    std::string method;
    Instant at;
    Instant receivedAt;
    std::optional<double> faceScore;
    std::optional<double> fingerScore;
    std::optional<double> livenessScore;
    std::optional<std::int64_t> clockOffsetUs;
    bool deliveredLate = false;  // taken inside the window, stored after it closed (offline terminal)
};

struct PersonResult {
    EmployeeId employee;
    PostId post;
    DepartmentId department;
    Outcome outcome = Outcome::Absent;
    DutyKind duty = DutyKind::OnDuty;
    std::string excuseRecord;
    std::optional<Answer> answer;      // the verification that decided present / away / method
    std::optional<Answer> lateAnswer;  // the first verification after the window, when absent
};

struct OfflineTerminal {
    TerminalId terminal;
    PostId post;
    bool reached = false;    // got the check's start at some point during the window
    int latePunches = 0;     // in-window verifications it delivered after the window closed
};

struct Tally {
    int present = 0;
    int excused = 0;
    int absent = 0;
    int awayFromPost = 0;
    int methodNotMet = 0;
    [[nodiscard]] int findings() const { return absent + awayFromPost + methodNotMet; }
};

struct EvaluationInput {
    Instant opensAt;
    Instant closesAt;  // inclusive: a verification at exactly the close counts
    MethodRequirement method = MethodRequirement::Any;
    std::span<const PersonDuty> people;          // everyone in scope
    std::span<const VerificationPunch> punches;  // from opensAt on; others are ignored
    std::span<const TerminalPost> terminals;     // every known terminal (away-from-post needs the others)
    std::span<const PostId> postsInScope;
    std::span<const TerminalId> reached;         // terminals the start was delivered to during the window
};

struct CheckEvaluation {
    std::vector<PersonResult> results;  // one per person, in input order
    std::vector<OfflineTerminal> offline;
    Tally tally;
};

}  // namespace rollcall::spotcheck
