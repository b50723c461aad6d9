#include "rollcall/terminal/Interaction.hpp"

namespace rollcall::terminal {

std::string_view promptKey(Prompt prompt) {
    switch (prompt) {
        case Prompt::LookAtCamera: return "look_at_camera";
        case Prompt::PlaceFinger: return "place_finger";
        case Prompt::LookOrPlaceFinger: return "look_or_place_finger";
        case Prompt::FingerAgain: return "finger_again";
        case Prompt::FingerNoMatch: return "finger_no_match";
        case Prompt::NotRecognised: return "not_recognised";
        case Prompt::FaceNotLive: return "face_not_live";
        case Prompt::TimedOut: return "timed_out";
        case Prompt::NoFingerEnrolled: return "no_finger_enrolled";
        case Prompt::ReaderFailed: return "reader_failed";
        case Prompt::RecordFailed: return "record_failed";
        case Prompt::AlreadyRecorded: return "already_recorded";
        case Prompt::Recorded: return "recorded";
    }
    return "look_at_camera";
}

std::string_view phaseName(Phase phase) {
    switch (phase) {
        case Phase::Idle: return "idle";
        case Phase::SecondFactor: return "second_factor";
        case Phase::Committing: return "committing";
        case Phase::Success: return "success";
        case Phase::Failure: return "failure";
    }
    return "idle";
}

}  // namespace rollcall::terminal
