#pragma once
// Punches as the server keeps them (the agreement with the gateway: table `punches`).
// insertBatch is idempotent on (terminal, seq) and marks the affected person-days dirty in the
// same transaction, so the attendance service re-evaluates them.
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::store {

enum class PunchMethod { Face, Fingerprint, FaceAndFingerprint, Card, Pin, Manual };
enum class PunchSource { Terminal, Manual, Correction };

// 'face', 'fingerprint', 'face+fingerprint', 'card', 'pin', 'manual'
std::string_view toString(PunchMethod method);
std::optional<PunchMethod> parsePunchMethod(std::string_view text);
// 'terminal', 'manual', 'correction'
std::string_view toString(PunchSource source);
std::optional<PunchSource> parsePunchSource(std::string_view text);

struct NewPunch {
    std::optional<TerminalId> terminalId;    // both set for terminal punches, both empty otherwise
    std::optional<TerminalSeq> terminalSeq;
    EmployeeId employeeId;
    PunchMethod method = PunchMethod::Face;
    Instant at;                               // UTC, terminal clock corrected by the offset
    std::optional<Instant> terminalTime;      // the terminal's own clock reading
    std::optional<std::chrono::microseconds> clockOffset;
    std::optional<double> faceScore;
    std::optional<double> fingerScore;
    std::optional<double> livenessScore;
    std::optional<SpotCheckId> spotCheckId;
    std::optional<std::vector<std::uint8_t>> signature;
    std::optional<std::vector<std::uint8_t>> prevHash;  // terminal punches: digest of the terminal's seq - 1
    Instant receivedAt;
    PunchSource source = PunchSource::Terminal;
    std::optional<std::string> reason;        // required for manual and correction punches
    std::optional<EmployeeId> createdBy;      // the person who entered a manual/correction punch
};

struct StoredPunch {
    PunchId id;
    NewPunch punch;
};

enum class InsertOutcome { Inserted, Duplicate };

struct PunchFilter {
    std::optional<EmployeeId> employee{};
    std::optional<DepartmentId> department{};  // the employee's current department
    std::optional<TerminalId> terminal{};
    std::optional<Instant> from{};             // at >= from
    std::optional<Instant> to{};               // at < to
    std::optional<PunchSource> source{};
    int limit = 1000;
    int offset = 0;
};

class PunchRepository {
public:
    explicit PunchRepository(Store& store) : store_(store) {}

    // One transaction for the whole batch; one outcome per punch, in order. A resend of a
    // stored (terminal, seq) is Duplicate and changes nothing. A resend whose content differs
    // (employee, method, terminal time or, without one, `at`, scores, spot check, signature,
    // previous-punch digest)
    // fails the whole batch with code "punch.conflict" and field "punches[i]": nothing of the
    // batch is stored and the stored punch is never overwritten. Invalid punches fail the same
    // way with "punch.invalid".
    Result<std::vector<InsertOutcome>> insertBatch(std::span<const NewPunch> punches);

    Result<std::optional<StoredPunch>> get(PunchId id);
    Result<std::optional<StoredPunch>> find(TerminalId terminal, TerminalSeq seq);
    // A terminal's punches with seq in [from, from + limit), ordered by seq (for checking its chain).
    Result<std::vector<StoredPunch>> forTerminal(TerminalId terminal, TerminalSeq from, int limit);
    // Ordered by `at`, then id.
    Result<std::vector<StoredPunch>> list(const PunchFilter& filter);
    // Every punch of the employee with at in [from, to), ordered by `at`.
    Result<std::vector<StoredPunch>> forEmployee(EmployeeId employee, Instant from, Instant to);

private:
    Store& store_;
};

}  // namespace rollcall::store
