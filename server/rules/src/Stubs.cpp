// Temporary stubs so that the public headers link while the implementations are written.
#include "rollcall/rules/Calendar.hpp"
#include "rollcall/rules/Correction.hpp"
#include "rollcall/rules/DayEvaluator.hpp"
#include "rollcall/rules/LeaveRules.hpp"

namespace rollcall::rules {
namespace {
std::unexpected<Error> notYet() { return fail("rules.unimplemented", "This rule is not implemented yet."); }
}  // namespace

std::string_view toString(DayKind) { return "workday"; }
Result<Calendar> Calendar::parse(std::string_view) { return notYet(); }
Status Calendar::add(CalendarEntry) { return notYet(); }
DayKind Calendar::kind(LocalDate date) const { return date.isWeekend() ? DayKind::Weekend : DayKind::Workday; }
std::optional<std::string_view> Calendar::name(LocalDate) const { return std::nullopt; }
int Calendar::workdaysBetween(LocalDate, LocalDate) const { return 0; }

std::optional<ShiftClock> ShiftClock::parse(std::string_view) { return std::nullopt; }
std::string ShiftClock::toString() const { return {}; }
Status Shift::validate() const { return notYet(); }
ShiftClock Shift::start() const { return {}; }
ShiftClock Shift::end() const { return {}; }
int Shift::scheduledMinutes() const { return 0; }
ShiftClock Shift::halfDayMorningEnd() const { return {}; }
ShiftClock Shift::halfDayAfternoonStart() const { return {}; }
Shift makeFixedShift(ShiftId, std::string, ShiftSegment, int, int, std::optional<int>) { return {}; }
Status ShiftPattern::validate() const { return notYet(); }
Status Roster::addShift(Shift) { return notYet(); }
Status Roster::addPattern(ShiftPattern) { return notYet(); }
Status Roster::assign(RosterAssignment) { return notYet(); }
const Shift* Roster::shift(ShiftId) const { return nullptr; }
ScheduledDay Roster::resolve(EmployeeId, LocalDate, const Calendar&) const { return {}; }
std::vector<EmployeeId> Roster::employees() const { return {}; }

bool punchBefore(const Punch& a, const Punch& b) { return a.at < b.at; }
Result<Correction> requestCorrection(Correction, std::span<const Correction>, const CorrectionPolicy&, LocalDate) { return notYet(); }
Result<Correction> decideCorrection(Correction, bool, UserId, std::string, Instant) { return notYet(); }
std::optional<Punch> correctionPunch(const Correction&) { return std::nullopt; }

bool LeavePeriod::coversMorning(LocalDate) const { return false; }
bool LeavePeriod::coversAfternoon(LocalDate) const { return false; }
std::string LeavePeriod::describe() const { return {}; }
bool overlaps(const LeavePeriod&, const LeavePeriod&) { return false; }
std::string_view toString(LeaveState) { return {}; }
std::string_view toString(StepOutcome) { return {}; }
const ApprovalStep* LeaveRequest::currentStep() const { return nullptr; }
const LeaveType* LeavePolicy::type(std::string_view) const { return nullptr; }
LeavePolicy LeavePolicy::standard() { return {}; }
Result<std::chrono::minutes> leaveAmount(const LeavePeriod&, const LeaveType&, const Calendar&, const LeavePolicy&) { return notYet(); }
double amountInDays(std::chrono::minutes, const LeavePolicy&) { return 0; }
Result<LeaveRequest> submitLeave(const LeaveDraft&, const LeavePolicy&, const Calendar&, std::span<const LeaveRequest>, const LeaveBalance*, Moment) { return notYet(); }
Result<LeaveRequest> decideStep(LeaveRequest, std::string_view, UserId, bool, std::string, Instant) { return notYet(); }
LeaveRequest escalateOverdue(LeaveRequest r, const LeavePolicy&, Instant) { return r; }
Result<LeaveRequest> cancelLeave(LeaveRequest, Moment) { return notYet(); }
Result<LeaveRequest> reportBack(LeaveRequest, LocalDateTime, std::optional<UserId>) { return notYet(); }
LocalDate reportBackDeadline(const LeaveRequest& r, const LeavePolicy&) { return r.period.end; }
std::optional<LeaveOverrun> findOverrun(const LeaveRequest&, const LeavePolicy&, LocalDateTime) { return std::nullopt; }
LeaveBalance applyTransition(LeaveBalance b, const std::optional<LeaveRequest>&, const LeaveRequest&) { return b; }
LeaveBalance openYear(const LeaveBalance& p, const LeaveType&, std::chrono::minutes) { return p; }

std::string_view toString(DayStatus) { return {}; }
DayRecord evaluateDay(const DayInputs&) { return {}; }
std::vector<DayRecord> evaluatePeriod(const PeriodInputs&) { return {}; }
}  // namespace rollcall::rules
