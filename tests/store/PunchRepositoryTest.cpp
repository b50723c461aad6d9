#include "rollcall/store/PunchRepository.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "TempDir.hpp"
#include "rollcall/store/DirtyDayRepository.hpp"

using namespace rollcall;
using namespace rollcall::store;
using namespace std::chrono_literals;
using rollcall::testing::TempDir;

namespace {

class PunchRepositoryTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto s = Store::open({.path = dir_.file("rollcall.db")});
        ASSERT_TRUE(s) << s.error().describe();
        store_ = std::move(*s);
    }

    // 2026-11-27 08:28 in Asia/Shanghai is 00:28 UTC.
    static NewPunch terminalPunch(std::int64_t terminal, TerminalSeq seq, std::int64_t employee,
                                  Instant at = *Instant::parseIso("2026-11-27T00:28:00Z")) {
        NewPunch p;
        p.terminalId = TerminalId(terminal);
        p.terminalSeq = seq;
        p.employeeId = EmployeeId(employee);
        p.method = PunchMethod::FaceAndFingerprint;
        p.at = at;
        p.terminalTime = at - 2s;
        p.clockOffset = 2s;
        p.faceScore = 0.83;
        p.fingerScore = 0.71;
        p.livenessScore = 0.97;
        p.signature = std::vector<std::uint8_t>{1, 2, 3, 4};
        p.receivedAt = at + 1s;
        return p;
    }

    Result<std::vector<InsertOutcome>> insert(std::vector<NewPunch> batch) { return PunchRepository(*store_).insertBatch(batch); }

    std::size_t count() {
        PunchFilter all;
        return PunchRepository(*store_).list(all)->size();
    }

    TempDir dir_;
    std::unique_ptr<Store> store_;
};

}  // namespace

TEST_F(PunchRepositoryTest, StoresABatchAndReadsItBackByField) {
    NewPunch p = terminalPunch(7, 42, 1001);
    auto r = insert({p});
    ASSERT_TRUE(r) << r.error().describe();
    ASSERT_EQ(r->size(), 1u);
    EXPECT_EQ((*r)[0], InsertOutcome::Inserted);
    auto stored = PunchRepository(*store_).list({});
    ASSERT_TRUE(stored);
    ASSERT_EQ(stored->size(), 1u);
    const NewPunch& s = stored->front().punch;
    EXPECT_EQ(s.terminalId, p.terminalId);
    EXPECT_EQ(s.terminalSeq, p.terminalSeq);
    EXPECT_EQ(s.employeeId, p.employeeId);
    EXPECT_EQ(s.method, PunchMethod::FaceAndFingerprint);
    EXPECT_EQ(s.at, p.at);
    EXPECT_EQ(s.terminalTime, p.terminalTime);
    EXPECT_EQ(s.clockOffset, p.clockOffset);
    EXPECT_EQ(s.faceScore, p.faceScore);
    EXPECT_EQ(s.fingerScore, p.fingerScore);
    EXPECT_EQ(s.livenessScore, p.livenessScore);
    EXPECT_EQ(s.signature, p.signature);
    EXPECT_EQ(s.receivedAt, p.receivedAt);
    EXPECT_EQ(s.source, PunchSource::Terminal);
    auto byId = PunchRepository(*store_).get(stored->front().id);
    ASSERT_TRUE(byId && *byId);
    EXPECT_EQ((*byId)->punch.at, p.at);
}

TEST_F(PunchRepositoryTest, AResendIsADuplicateAndIsNotStoredTwice) {
    ASSERT_TRUE(insert({terminalPunch(7, 1, 1001), terminalPunch(7, 2, 1002)}));
    auto again = insert({terminalPunch(7, 2, 1002), terminalPunch(7, 3, 1003), terminalPunch(7, 3, 1003)});
    ASSERT_TRUE(again) << again.error().describe();
    EXPECT_EQ(*again, (std::vector{InsertOutcome::Duplicate, InsertOutcome::Inserted, InsertOutcome::Duplicate}));
    EXPECT_EQ(count(), 3u);
}

TEST_F(PunchRepositoryTest, TheSameSequenceFromAnotherTerminalIsADifferentPunch) {
    auto r = insert({terminalPunch(7, 1, 1001), terminalPunch(8, 1, 1001)});
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, (std::vector{InsertOutcome::Inserted, InsertOutcome::Inserted}));
}

TEST_F(PunchRepositoryTest, AResendWithAMovedClockOffsetIsStillADuplicate) {
    ASSERT_TRUE(insert({terminalPunch(7, 1, 1001)}));
    NewPunch resend = terminalPunch(7, 1, 1001);
    resend.at = resend.at + 3s;  // the gateway's offset estimate moved; the terminal's reading did not
    resend.clockOffset = 5s;
    resend.receivedAt = resend.receivedAt + 1h;
    auto r = insert({resend});
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(r->front(), InsertOutcome::Duplicate);
}

TEST_F(PunchRepositoryTest, AResendWithDifferentContentIsRefusedAndOverwritesNothing) {
    ASSERT_TRUE(insert({terminalPunch(7, 1, 1001)}));
    NewPunch forged = terminalPunch(7, 1, 2002);  // another person under the same sequence number
    auto r = insert({terminalPunch(7, 2, 1001), forged});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "punch.conflict");
    EXPECT_EQ(r.error().field, "punches[1]");
    EXPECT_NE(r.error().message.find("terminal 7 sent sequence number 1 again"), std::string::npos) << r.error().message;
    auto stored = PunchRepository(*store_).list({});
    ASSERT_EQ(stored->size(), 1u) << "the batch is one transaction: its good punch is not stored either";
    EXPECT_EQ(stored->front().punch.employeeId, EmployeeId(1001));
}

TEST_F(PunchRepositoryTest, InvalidPunchesAreRefusedWithTheFieldAtFault) {
    NewPunch noSeq = terminalPunch(7, 1, 1001);
    noSeq.terminalSeq.reset();
    auto r = insert({noSeq});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "punch.invalid");
    EXPECT_EQ(r.error().field, "punches[0].terminal_seq");

    NewPunch manual;
    manual.employeeId = EmployeeId(1001);
    manual.method = PunchMethod::Manual;
    manual.source = PunchSource::Manual;
    manual.at = *Instant::parseIso("2026-11-27T09:30:00Z");
    manual.receivedAt = manual.at;
    r = insert({manual});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().field, "punches[0].reason");
    manual.reason = "terminal at the gate was broken";
    manual.createdBy = EmployeeId(5);
    ASSERT_TRUE(insert({manual, manual}));
    EXPECT_EQ(count(), 2u) << "punches without a terminal are never deduplicated";
}

TEST_F(PunchRepositoryTest, MarksTheLocalDateAndTheDayBeforeDirty) {
    // 2026-11-26 23:30 UTC is 2026-11-27 07:30 in Shanghai.
    ASSERT_TRUE(insert({terminalPunch(7, 1, 1001, *Instant::parseIso("2026-11-26T23:30:00Z"))}));
    auto dirty = DirtyDayRepository(*store_).pending(10);
    ASSERT_TRUE(dirty);
    ASSERT_EQ(dirty->size(), 2u);
    std::vector<std::string> dates{(*dirty)[0].date.toString(), (*dirty)[1].date.toString()};
    std::sort(dates.begin(), dates.end());
    EXPECT_EQ(dates, (std::vector<std::string>{"2026-11-26", "2026-11-27"}));
    EXPECT_NE((*dirty)[0].cause.find("terminal 7 (seq 1)"), std::string::npos);
    // A duplicate marks nothing new; a second punch adds its cause.
    ASSERT_TRUE(DirtyDayRepository(*store_).clear(EmployeeId(1001), LocalDate(2026, 11, 26)));
    ASSERT_TRUE(insert({terminalPunch(7, 1, 1001, *Instant::parseIso("2026-11-26T23:30:00Z"))}));
    EXPECT_EQ(*DirtyDayRepository(*store_).count(), 1);
}

TEST_F(PunchRepositoryTest, FiltersByEmployeeTerminalAndTime) {
    const Instant t0 = *Instant::parseIso("2026-11-27T00:00:00Z");
    ASSERT_TRUE(insert({terminalPunch(7, 1, 1001, t0), terminalPunch(7, 2, 1002, t0 + 1h), terminalPunch(8, 1, 1001, t0 + 2h)}));
    PunchRepository repo(*store_);
    EXPECT_EQ(repo.list({.employee = EmployeeId(1001)})->size(), 2u);
    EXPECT_EQ(repo.list({.terminal = TerminalId(8)})->size(), 1u);
    EXPECT_EQ(repo.list({.from = t0 + 30min, .to = t0 + 2h})->size(), 1u);
    EXPECT_EQ(repo.forEmployee(EmployeeId(1001), t0, t0 + 3h)->size(), 2u);
    EXPECT_EQ(repo.list({.limit = 2})->size(), 2u);
}

TEST_F(PunchRepositoryTest, ConcurrentBatchesFromSeveralThreadsAllLand) {
    constexpr int kThreads = 4;
    constexpr int kBatches = 25;
    std::vector<std::thread> threads;
    std::atomic<int> failures = 0;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int b = 0; b < kBatches; ++b) {
                std::vector<NewPunch> batch;
                for (int i = 0; i < 4; ++i) batch.push_back(terminalPunch(100 + t, static_cast<TerminalSeq>(b * 4 + i + 1), 1000 + i));
                if (!PunchRepository(*store_).insertBatch(batch)) ++failures;
                if (!PunchRepository(*store_).list({.terminal = TerminalId(100 + t)})) ++failures;
            }
        });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(count(), static_cast<std::size_t>(kThreads * kBatches * 4));
}

TEST_F(PunchRepositoryTest, PunchesSurviveReopening) {
    ASSERT_TRUE(insert({terminalPunch(7, 1, 1001)}));
    store_.reset();
    auto s = Store::open({.path = dir_.file("rollcall.db")});
    ASSERT_TRUE(s);
    store_ = std::move(*s);
    EXPECT_EQ(count(), 1u);
    auto r = insert({terminalPunch(7, 1, 1001)});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->front(), InsertOutcome::Duplicate);
}
