#include "rollcall/rules/LeaveRequest.hpp"

namespace rollcall::rules {

std::string_view toString(LeaveState s) {
    switch (s) {
        case LeaveState::Pending: return "pending";
        case LeaveState::Approved: return "approved";
        case LeaveState::Rejected: return "rejected";
        case LeaveState::Cancelled: return "cancelled";
        case LeaveState::ReportedBack: return "reported back";
    }
    return "unknown";
}

std::string_view toString(StepOutcome s) {
    switch (s) {
        case StepOutcome::Pending: return "pending";
        case StepOutcome::Approved: return "approved";
        case StepOutcome::Rejected: return "rejected";
        case StepOutcome::Escalated: return "escalated";
        case StepOutcome::Skipped: return "skipped";
    }
    return "unknown";
}

const ApprovalStep* LeaveRequest::currentStep() const {
    if (state != LeaveState::Pending) return nullptr;
    for (const auto& s : steps) {
        if (s.outcome == StepOutcome::Pending) return &s;
    }
    return nullptr;
}

}  // namespace rollcall::rules
