#include "rollcall/spotcheck/Evaluation.hpp"

namespace rollcall::spotcheck {

std::string_view toString(DutyKind duty) {
    switch (duty) {
        case DutyKind::OnDuty: return "on_duty";
        case DutyKind::ApprovedLeave: return "approved_leave";
        case DutyKind::BusinessTrip: return "business_trip";
        case DutyKind::RestDay: return "rest_day";
        case DutyKind::Holiday: return "holiday";
        case DutyKind::NotOnShift: return "not_on_shift";
    }
    return "on_duty";
}

std::optional<DutyKind> parseDutyKind(std::string_view text) {
    for (auto d : {DutyKind::OnDuty, DutyKind::ApprovedLeave, DutyKind::BusinessTrip, DutyKind::RestDay,
                   DutyKind::Holiday, DutyKind::NotOnShift}) {
        if (toString(d) == text) return d;
    }
    return std::nullopt;
}

std::string_view toString(Outcome outcome) {
    switch (outcome) {
        case Outcome::Present: return "present";
        case Outcome::Excused: return "excused";
        case Outcome::Absent: return "absent";
        case Outcome::AwayFromPost: return "away_from_post";
        case Outcome::MethodNotMet: return "method_not_met";
    }
    return "absent";
}

std::optional<Outcome> parseOutcome(std::string_view text) {
    for (auto o : {Outcome::Present, Outcome::Excused, Outcome::Absent, Outcome::AwayFromPost, Outcome::MethodNotMet}) {
        if (toString(o) == text) return o;
    }
    return std::nullopt;
}

}  // namespace rollcall::spotcheck
