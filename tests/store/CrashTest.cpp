// Kills a process in the middle of ingesting punch batches and proves that, after reopening,
// every batch is either wholly stored or not at all, and that resending everything stores
// each missing punch once and nothing twice.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "TempDir.hpp"
#include "rollcall/store/DirtyDayRepository.hpp"
#include "rollcall/store/PunchRepository.hpp"

using namespace rollcall;
using namespace rollcall::store;
using namespace std::chrono_literals;
using rollcall::testing::TempDir;

namespace {

constexpr int kBatchSize = 10;
constexpr int kBatches = 200;

std::vector<NewPunch> batch(int b) {
    std::vector<NewPunch> out;
    const Instant base = *Instant::parseIso("2026-11-23T00:00:00Z");
    for (int i = 0; i < kBatchSize; ++i) {
        NewPunch p;
        p.terminalId = TerminalId(5);
        p.terminalSeq = static_cast<TerminalSeq>(b * kBatchSize + i + 1);
        p.employeeId = EmployeeId(1 + (b * kBatchSize + i) % 50);
        p.at = base + std::chrono::minutes(b * kBatchSize + i);
        p.terminalTime = p.at;
        p.faceScore = 0.8;
        p.signature = std::vector<std::uint8_t>(64, static_cast<std::uint8_t>(i));
        p.receivedAt = p.at + 1s;
        out.push_back(std::move(p));
    }
    return out;
}

std::int64_t scalar(Store& store, const char* sql) {
    return *store.read([&](sqlite::Database& db) -> Result<std::int64_t> {
        auto st = db.prepare(sql);
        if (!st) return std::unexpected(st.error());
        if (auto s = st->step(); !s) return std::unexpected(s.error());
        return st->getInt(0);
    });
}

}  // namespace

TEST(StoreCrash, AKilledIngestLeavesWholeBatchesAndAResendCompletesThemOnce) {
    TempDir dir;
    const auto file = dir.file("rollcall.db");
    ASSERT_TRUE(Store::open({.path = file}));  // migrate once, before the race
    int pipeFds[2];
    ASSERT_EQ(::pipe(pipeFds), 0);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        ::close(pipeFds[0]);
        auto store = Store::open({.path = file});
        if (!store) ::_exit(2);
        for (int b = 0; b < kBatches; ++b) {
            if (!PunchRepository(**store).insertBatch(batch(b))) ::_exit(3);
            const char done = 1;
            if (::write(pipeFds[1], &done, 1) != 1) ::_exit(4);
        }
        ::_exit(0);
    }
    ::close(pipeFds[1]);
    int acknowledged = 0;
    char c = 0;
    while (acknowledged < 40 && ::read(pipeFds[0], &c, 1) == 1) ++acknowledged;
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    ::close(pipeFds[0]);
    ASSERT_EQ(acknowledged, 40) << "the child stopped early with status " << status;

    auto store = Store::open({.path = file});
    ASSERT_TRUE(store) << store.error().describe();
    EXPECT_EQ(*(*store)->read([](sqlite::Database& db) -> Result<std::string> {
        auto st = db.prepare("PRAGMA integrity_check");
        if (!st) return std::unexpected(st.error());
        (void)st->step();
        return st->getText(0);
    }), "ok");
    const auto stored = scalar(**store, "SELECT count(*) FROM punches");
    EXPECT_GE(stored, 40 * kBatchSize) << "every acknowledged batch survives";
    EXPECT_EQ(stored % kBatchSize, 0) << "a batch is stored whole or not at all";

    int inserted = 0;
    int duplicates = 0;
    for (int b = 0; b < kBatches; ++b) {
        auto r = PunchRepository(**store).insertBatch(batch(b));
        ASSERT_TRUE(r) << r.error().describe();
        for (auto o : *r) (o == InsertOutcome::Inserted ? inserted : duplicates) += 1;
    }
    EXPECT_EQ(duplicates, stored);
    EXPECT_EQ(inserted + duplicates, kBatches * kBatchSize);
    EXPECT_EQ(scalar(**store, "SELECT count(*) FROM punches"), kBatches * kBatchSize);
    EXPECT_EQ(scalar(**store, "SELECT count(DISTINCT terminal_seq) FROM punches"), kBatches * kBatchSize);
    // Every punch queued its person-day in the same transaction.
    EXPECT_EQ(scalar(**store,
                     "SELECT count(*) FROM (SELECT DISTINCT employee_id, date(at_us / 1000000 + 8 * 3600, 'unixepoch') AS d "
                     "FROM punches) p WHERE NOT EXISTS (SELECT 1 FROM dirty_days q WHERE q.employee_id = p.employee_id "
                     "AND q.date = p.d)"),
              0);
}
