// Report-back (销假) by terminal punch: the feed over the punches table ends approved leave,
// keeps its place across restarts, and leaves manual punches and future leave alone.
#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

#include "rollcall/enrolment/EnrolmentStore.hpp"
#include "rollcall/enrolment/ReportBackFeed.hpp"
#include "rollcall/store/EmployeeRepository.hpp"
#include "rollcall/store/LeaveRepository.hpp"
#include "rollcall/store/PunchRepository.hpp"

namespace fs = std::filesystem;
using namespace rollcall;
using namespace std::chrono_literals;

namespace {

class ReportBack : public ::testing::Test {
protected:
    fs::path dir = fs::temp_directory_path() / ("rollcall-report-back-test-" + std::to_string(::getpid()));
    std::unique_ptr<store::Store> store;
    EmployeeId person;
    std::int64_t seq = 0;

    void open() {
        store.reset();
        store::StoreOptions o;
        o.path = dir / "rollcall.db";
        o.extraMigrations.push_back(enrolment::migrations());
        auto s = store::Store::open(o);
        ASSERT_TRUE(s) << s.error().describe();
        store = std::move(*s);
    }
    void SetUp() override {
        fs::remove_all(dir);
        fs::create_directories(dir);
        open();
        store::Employee e;
        e.number = "E001";
        e.name = "Li Lei";
        auto id = store::EmployeeRepository(*store).upsert(e);
        ASSERT_TRUE(id) << id.error().describe();
        person = *id;
    }
    void TearDown() override {
        store.reset();
        fs::remove_all(dir);
    }

    Instant at(LocalDate d, int hour) { return store->timeZone().toInstant(LocalDateTime(d, LocalTime(hour, 0))); }

    LeaveId approvedLeave(LocalDate from, LocalDate to) {
        rules::LeaveRequest leave;
        leave.employee = person;
        leave.type = "annual";
        leave.period = {from, rules::HalfDay::Morning, to, rules::HalfDay::Afternoon, {}, {}};
        leave.reason = "family visit";
        leave.amount = 480min * ((to - from) + 1);
        leave.submittedAt = at(from - 7, 9);
        leave.state = rules::LeaveState::Approved;
        auto id = store::LeaveRepository(*store).insert(leave, leave.submittedAt);
        EXPECT_TRUE(id) << id.error().describe();
        return id.value_or(LeaveId{});
    }
    void punch(Instant when, store::PunchSource source = store::PunchSource::Terminal) {
        store::NewPunch p;
        if (source == store::PunchSource::Terminal) {
            p.terminalId = TerminalId(1);
            p.terminalSeq = TerminalSeq(++seq);
        } else {
            p.reason = "forgot the card";
            p.method = store::PunchMethod::Manual;
        }
        p.employeeId = person;
        p.at = when;
        p.receivedAt = when;
        p.source = source;
        const std::vector<store::NewPunch> one{p};
        auto r = store::PunchRepository(*store).insertBatch(one);
        ASSERT_TRUE(r) << r.error().describe();
    }
    rules::LeaveState state(LeaveId id) { return store::LeaveRepository(*store).get(id).value().value().state; }
};

}  // namespace

TEST_F(ReportBack, ATerminalPunchEndsTheApprovedLeaveThatHadStarted) {
    const LocalDate d(2026, 11, 23);
    const auto leave = approvedLeave(d, d + 2);
    punch(at(d + 1, 9));
    enrolment::ReportBackFeed feed(*store);
    auto r = feed.run(at(d + 1, 9) + 1min);
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(r->punches, 1);
    EXPECT_EQ(r->reportedBack, 1);
    EXPECT_EQ(state(leave), rules::LeaveState::ReportedBack);
    auto again = feed.run(at(d + 1, 10));
    ASSERT_TRUE(again);
    EXPECT_FALSE(again->more());
}

TEST_F(ReportBack, ManualPunchesAndLeaveNotYetStartedAreLeftAlone) {
    const LocalDate d(2026, 11, 23);
    const auto leave = approvedLeave(d + 3, d + 4);
    punch(at(d + 1, 9));                                // before the leave: the person is simply at work
    punch(at(d + 3, 9), store::PunchSource::Manual);    // typed in by HR, nobody stood at a terminal
    enrolment::ReportBackFeed feed(*store);
    auto r = feed.run(at(d + 3, 10));
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(r->punches, 1);
    EXPECT_EQ(r->reportedBack, 0);
    EXPECT_EQ(r->failed, 0) << r->firstError;
    EXPECT_EQ(state(leave), rules::LeaveState::Approved);
}

TEST_F(ReportBack, TheFeedKeepsItsPlaceAcrossARestartAndIgnoresHistory) {
    const LocalDate d(2026, 11, 23);
    punch(at(d, 9));  // stored before the feed ever ran: it is looked at once
    enrolment::ReportBackFeed first(*store);
    ASSERT_EQ(first.run(at(d, 10)).value().punches, 1);
    open();  // the server restarts
    const auto leave = approvedLeave(d + 1, d + 1);
    punch(at(d + 1, 14));
    enrolment::ReportBackFeed second(*store, 1);
    auto r = second.run(at(d + 1, 15));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->punches, 1) << "only the punch stored after the last run";
    EXPECT_EQ(r->reportedBack, 1);
    EXPECT_EQ(state(leave), rules::LeaveState::ReportedBack);
    EXPECT_FALSE(second.run(at(d + 1, 16)).value().more());
}

TEST_F(ReportBack, ABatchLimitLeavesTheRestForTheNextRun) {
    const LocalDate d(2026, 11, 23);
    for (int h = 8; h < 13; ++h) punch(at(d, h));
    enrolment::ReportBackFeed feed(*store, 2);
    int seen = 0, runs = 0;
    for (; runs < 10; ++runs) {
        auto r = feed.run(at(d, 14));
        ASSERT_TRUE(r);
        if (!r->more()) break;
        seen += r->punches;
    }
    EXPECT_EQ(seen, 5);
    EXPECT_EQ(runs, 3);
}
