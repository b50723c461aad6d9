#pragma once
// A store on a real file with a small bureau: a leader, a head of the records office, a
// clerk on shift S (08:30-17:30, DESIGN.md's worked examples) and an HR officer.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "../store/TempDir.hpp"
#include "rollcall/rules/Shift.hpp"
#include "rollcall/services/AttendanceService.hpp"
#include "rollcall/store/DayRecordRepository.hpp"
#include "rollcall/store/DepartmentRepository.hpp"
#include "rollcall/store/EmployeeRepository.hpp"
#include "rollcall/store/PunchRepository.hpp"
#include "rollcall/store/ScheduleRepository.hpp"

namespace rollcall::testing {

class ServiceFixture : public ::testing::Test {
protected:
    void SetUp() override {
        auto s = store::Store::open({.path = dir_.file("rollcall.db")});
        ASSERT_TRUE(s) << s.error().describe();
        store_ = std::move(*s);
        store::DepartmentRepository depts(*store_);
        auto bureau = depts.upsert({DepartmentId{}, "BUREAU", "City Bureau", std::nullopt});
        ASSERT_TRUE(bureau);
        auto records = depts.upsert({DepartmentId{}, "RECORDS", "Records office", *bureau});
        ASSERT_TRUE(records);
        leader_ = person("E001", "Li Wei", *bureau, {store::Role::Staff, store::Role::Approver}, false, true);
        head_ = person("E002", "Wang Fang", *records, {store::Role::Staff, store::Role::Approver}, true, false);
        clerk_ = person("E003", "Zhang Min", *records, {store::Role::Staff}, false, false);
        hr_ = person("E004", "Chen Jie", *bureau, {store::Role::Staff, store::Role::Hr}, false, false);

        using rules::ShiftClock;
        store::ScheduleRepository schedule(*store_);
        auto shift = schedule.saveShift(rules::makeFixedShift(
            ShiftId{}, "S", {ShiftClock(8, 30), ShiftClock(17, 30), {ShiftClock(6, 30), ShiftClock(12, 0)}, {ShiftClock(12, 0), ShiftClock(23, 59)}},
            5, 0, 30));
        ASSERT_TRUE(shift) << shift.error().describe();
        rules::ShiftPattern office;
        office.name = "Office days";
        office.kind = rules::PatternKind::CalendarWorkdays;
        office.workdayShift = *shift;
        auto pattern = schedule.savePattern(office);
        ASSERT_TRUE(pattern) << pattern.error().describe();
        for (EmployeeId e : {leader_, head_, clerk_, hr_}) {
            ASSERT_TRUE(schedule.assign({e, *pattern, LocalDate(2026, 1, 1), std::nullopt}));
        }
    }

    EmployeeId person(const std::string& number, const std::string& name, DepartmentId dept, std::set<store::Role> roles, bool head,
                      bool leadership) {
        store::Employee e;
        e.number = number;
        e.name = name;
        e.department = dept;
        e.roles = std::move(roles);
        e.departmentHead = head;
        e.leadership = leadership;
        auto id = store::EmployeeRepository(*store_).upsert(e);
        EXPECT_TRUE(id) << id.error().describe();
        return id.value_or(EmployeeId{});
    }

    // A local wall-clock reading in the organisation's zone (Asia/Shanghai).
    [[nodiscard]] Instant at(LocalDate d, int hour, int minute) const {
        return store_->timeZone().toInstant(LocalDateTime(d, LocalTime(hour, minute)));
    }

    store::NewPunch terminalPunch(EmployeeId who, TerminalSeq seq, Instant when, Instant received) const {
        store::NewPunch p;
        p.terminalId = TerminalId(3);
        p.terminalSeq = seq;
        p.employeeId = who;
        p.method = store::PunchMethod::Face;
        p.at = when;
        p.terminalTime = when;
        p.faceScore = 0.9;
        p.receivedAt = received;
        return p;
    }

    void punch(std::vector<store::NewPunch> batch) {
        auto r = store::PunchRepository(*store_).insertBatch(batch);
        ASSERT_TRUE(r) << r.error().describe();
    }

    void drain(Instant now) {
        auto r = services::AttendanceService(*store_).drainDirty(now);
        ASSERT_TRUE(r) << r.error().describe();
        EXPECT_EQ(r->failed, 0) << r->firstError;
    }

    rules::DayRecord recordOf(EmployeeId who, LocalDate d) {
        auto r = store::DayRecordRepository(*store_).get(who, d);
        EXPECT_TRUE(r && *r) << "no record for " << d.toString();
        return (r && *r) ? (*r)->record : rules::DayRecord{};
    }

    TempDir dir_;
    std::unique_ptr<store::Store> store_;
    EmployeeId leader_, head_, clerk_, hr_;
};

}  // namespace rollcall::testing
