#include "rollcall/spotcheck/Records.hpp"

#include <array>
#include <utility>

namespace rollcall::spotcheck {
namespace {

template <class E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& names, std::string_view text) {
    for (const auto& [value, name] : names) {
        if (name == text) return value;
    }
    return std::nullopt;
}

template <class E, std::size_t N>
std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
    for (const auto& [v, name] : names) {
        if (v == value) return name;
    }
    return names.front().second;
}

constexpr std::array<std::pair<CheckState, std::string_view>, 4> kCheckStates{{
    {CheckState::Planned, "planned"}, {CheckState::Open, "open"}, {CheckState::Closed, "closed"},
    {CheckState::Cancelled, "cancelled"}}};
constexpr std::array<std::pair<FindingState, std::string_view>, 4> kFindingStates{{
    {FindingState::Open, "open"}, {FindingState::Confirmed, "confirmed"}, {FindingState::Excused, "excused"},
    {FindingState::Withdrawn, "withdrawn"}}};
constexpr std::array<std::pair<CaseState, std::string_view>, 3> kCaseStates{{
    {CaseState::Open, "open"}, {CaseState::InProgress, "in_progress"}, {CaseState::Closed, "closed"}}};
constexpr std::array<std::pair<PlanPeriod, std::string_view>, 2> kPeriods{{
    {PlanPeriod::Week, "week"}, {PlanPeriod::Month, "month"}}};

}  // namespace

std::string_view toString(CheckState s) { return nameOf(kCheckStates, s); }
std::optional<CheckState> parseCheckState(std::string_view t) { return lookup(kCheckStates, t); }
std::string_view toString(FindingState s) { return nameOf(kFindingStates, s); }
std::optional<FindingState> parseFindingState(std::string_view t) { return lookup(kFindingStates, t); }
std::string_view toString(CaseState s) { return nameOf(kCaseStates, s); }
std::optional<CaseState> parseCaseState(std::string_view t) { return lookup(kCaseStates, t); }
std::string_view toString(PlanPeriod p) { return nameOf(kPeriods, p); }
std::optional<PlanPeriod> parsePlanPeriod(std::string_view t) { return lookup(kPeriods, t); }

}  // namespace rollcall::spotcheck
