#pragma once
// The values that go in and out of one interaction at the terminal: what the face engine and
// the fingerprint reader observed, what the person is shown, and the punch that gets recorded.
// Plain data, no I/O: InteractionMachine works on these alone.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/proto/PunchRecord.hpp"

namespace rollcall::terminal {

using SteadyTime = std::chrono::steady_clock::time_point;

enum class LivenessVerdict : std::uint8_t { NotChecked, Live, Spoof, Uncertain };

struct FaceObservation {
    enum class Kind : std::uint8_t { NoFace, Refused, Matched };
    Kind kind = Kind::NoFace;
    EmployeeId person{};  // Matched
    double score = 0;     // cosine similarity of the best match
    LivenessVerdict liveness = LivenessVerdict::NotChecked;
    std::optional<double> livenessScore;
    std::string reason;   // Refused: why (quality, not enrolled, ambiguous)
    bool poorQuality = false;  // Refused for quality (blurred, small, turned away): a face leaving the frame
};

struct FingerObservation {
    enum class Kind : std::uint8_t {
        Identified,     // 1:N found `person`
        NotRecognised,  // 1:N found nobody
        Verified,       // 1:1 against `person`'s prints matched
        Rejected,       // 1:1 did not match
        Retry,          // bad scan: place the finger again
        Failed,         // the reader failed (reason)
    };
    Kind kind = Kind::NotRecognised;
    EmployeeId person{};
    double score = 0;  // matcher score (matched minutiae)
    std::string reason;
};

enum class Phase : std::uint8_t { Idle, SecondFactor, Committing, Success, Failure };

// What the person is asked or told; the kiosk page and the status line translate the key.
enum class Prompt : std::uint8_t {
    LookAtCamera,      // idle at a face terminal, or a fingerprint-identified person must show the face
    PlaceFinger,       // idle at a fingerprint terminal, or the face identified and a finger must confirm
    LookOrPlaceFinger, // idle at an "either" terminal
    FingerAgain,       // bad scan
    FingerNoMatch,     // the finger is not the identified person's: try again
    NotRecognised,     // not recognised, try again
    FaceNotLive,       // the face looks like a photo or a screen
    TimedOut,          // the second factor did not come in time
    NoFingerEnrolled,  // the policy needs a finger and the person has none enrolled
    ReaderFailed,      // the fingerprint reader failed
    RecordFailed,      // the journal refused the punch
    AlreadyRecorded,   // the same person within the repeat window
    Recorded,          // OK
};

std::string_view promptKey(Prompt prompt);    // "look_at_camera", ... (the kiosk's message keys)
std::string_view phaseName(Phase phase);      // "idle", "second_factor", ...

// Everything recorded about an accepted interaction; the journal adds terminal, time, sequence.
struct PunchDecision {
    EmployeeId person{};
    proto::PunchMethod method = proto::PunchMethod::Face;
    std::optional<double> faceScore;
    std::optional<double> fingerScore;
    std::optional<double> livenessScore;
    bool operator==(const PunchDecision&) const = default;
};

// The answer to a PunchDecision: committed (sequence and time) or refused by the journal.
struct CommitOutcome {
    bool committed = false;
    std::uint64_t seq = 0;
    Instant at{};
    std::string reason;
};

// What the screen shows now.
struct InteractionView {
    Phase phase = Phase::Idle;
    Prompt prompt = Prompt::LookAtCamera;
    std::string detail;                    // a reason, for the log and the small print
    std::optional<EmployeeId> person;      // who is being verified, or was recorded
    std::optional<PunchDecision> punch;    // Success: what was recorded
    std::uint64_t seq = 0;                 // Success: the journal sequence
    Instant at{};                          // Success: when
    std::optional<SteadyTime> deadline;    // SecondFactor: when it times out
    int attempts = 0;                      // SecondFactor: failed finger attempts so far
    bool operator==(const InteractionView&) const = default;
};

}  // namespace rollcall::terminal
