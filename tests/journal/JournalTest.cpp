#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "rollcall/journal/Journal.hpp"
#include "rollcall/sqlite/Database.hpp"

using namespace rollcall;
using namespace rollcall::journal;

namespace {

class JournalTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("rollcall-journal-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::unique_ptr<Journal> open(JournalOptions options = {}) {
        auto j = Journal::open(dir_ / "journal.db", TerminalId(7), key_, options);
        EXPECT_TRUE(j) << j.error().describe();
        return std::move(*j);
    }
    static PunchDraft draft(std::int64_t employee) {
        PunchDraft d;
        d.employee = EmployeeId(employee);
        d.method = proto::PunchMethod::Fingerprint;
        d.fingerScore = 60.0;
        d.terminalTimeUs = 1000 * employee;
        d.clockOffsetUs = 5;
        return d;
    }

    std::filesystem::path dir_;
    crypto::SigningKey key_ = crypto::SigningKey::generate();
};

}  // namespace

TEST_F(JournalTest, AppendAssignsIncreasingSequencesAndSigns) {
    auto j = open();
    auto a = j->append(draft(1));
    auto b = j->append(draft(2));
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->seq, 1u);
    EXPECT_EQ(b->seq, 2u);
    EXPECT_EQ(a->terminal, TerminalId(7));
    EXPECT_TRUE(proto::verify(*a, key_.publicKey));
    auto stored = j->find(2);
    ASSERT_TRUE(stored && *stored);
    EXPECT_EQ(**stored, *b);
}

TEST_F(JournalTest, PendingIsOldestFirstAndSkipsAcknowledged) {
    auto j = open();
    for (int i = 1; i <= 5; ++i) ASSERT_TRUE(j->append(draft(i)));
    const std::vector<TerminalSeq> acked = {1, 3};
    ASSERT_TRUE(j->acknowledge(acked));
    auto p = j->pending(10);
    ASSERT_TRUE(p);
    ASSERT_EQ(p->size(), 3u);
    EXPECT_EQ((*p)[0].seq, 2u);
    EXPECT_EQ((*p)[1].seq, 4u);
    EXPECT_EQ((*p)[2].seq, 5u);
    EXPECT_EQ(*j->backlog(), 3u);
    auto after = j->pending(10, 4);
    ASSERT_TRUE(after);
    ASSERT_EQ(after->size(), 1u);
    EXPECT_EQ(after->front().seq, 5u);
}

TEST_F(JournalTest, SequencesAreNeverReusedAfterPruningAndReopening) {
    JournalOptions o;
    o.keepAcknowledgedCount = 0;
    {
        auto j = open(o);
        for (int i = 1; i <= 3; ++i) ASSERT_TRUE(j->append(draft(i)));
        const std::vector<TerminalSeq> all = {1, 2, 3};
        ASSERT_TRUE(j->acknowledge(all));
        EXPECT_EQ(*j->prune(), 3u);
        EXPECT_EQ(*j->lastSeq(), 3u);
    }
    auto j = open(o);
    auto next = j->append(draft(9));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->seq, 4u);
}

TEST_F(JournalTest, PruneKeepsUnacknowledgedAndHonoursAgeAndCount) {
    JournalOptions o;
    o.keepAcknowledgedFor = std::chrono::hours(24);
    o.keepAcknowledgedCount = 2;
    auto j = open(o);
    for (int i = 1; i <= 6; ++i) ASSERT_TRUE(j->append(draft(i)));
    const auto t0 = Instant::fromMicros(1'800'000'000'000'000);
    const std::vector<TerminalSeq> old = {1};
    const std::vector<TerminalSeq> recent = {2, 3, 4};
    ASSERT_TRUE(j->acknowledge(old, t0));
    ASSERT_TRUE(j->acknowledge(recent, t0 + std::chrono::hours(47)));
    // At t0 + 48h, seq 1 is too old; of 2..4 only the two newest acknowledged stay.
    auto removed = j->prune(t0 + std::chrono::hours(48));
    ASSERT_TRUE(removed);
    EXPECT_EQ(*removed, 2u);
    EXPECT_FALSE(*j->find(1));
    EXPECT_FALSE(*j->find(2));
    EXPECT_TRUE(*j->find(3));
    EXPECT_TRUE(*j->find(5));
    EXPECT_EQ(*j->backlog(), 2u);
}

TEST_F(JournalTest, JournalFileUsesWalAndFullSync) {
    auto j = open();
    auto db = sqlite::Database::open(dir_ / "journal.db");
    ASSERT_TRUE(db);
    auto s = db->prepare("PRAGMA journal_mode");
    ASSERT_TRUE(s && s->step());
    EXPECT_EQ(s->getText(0), "wal");
}

TEST_F(JournalTest, NotADatabaseIsAClearError) {
    {
        std::FILE* f = std::fopen((dir_ / "journal.db").c_str(), "w");
        std::fputs("this is not sqlite, just text that is long enough to fill a header...........", f);
        std::fclose(f);
    }
    auto j = Journal::open(dir_ / "journal.db", TerminalId(7), key_);
    ASSERT_FALSE(j);
    EXPECT_NE(j.error().message.find("journal.db"), std::string::npos);
}

// Weeks offline at a busy gate: a million unacknowledged punches stay usable. The rows are
// bulk-loaded (one transaction) because a million fsyncs would only measure the disk.
TEST_F(JournalTest, HoldsAMillionPunchesAndStillServesOldestFirst) {
    auto j = open();
    {
        auto db = sqlite::Database::open(dir_ / "journal.db");
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->exec("BEGIN"));
        auto ins = db->prepare(
            "INSERT INTO journal_punches(seq, terminal_id, employee_id, method, terminal_time_us, clock_offset_us, "
            "signature, recorded_at_us) VALUES (?1, 7, ?2, 1, ?3, 0, zeroblob(64), 0)");
        ASSERT_TRUE(ins);
        for (std::int64_t seq = 1; seq <= 1'000'000; ++seq) {
            ins->bind(1, seq).bind(2, 1 + seq % 3000).bind(3, seq * 1000);
            ASSERT_TRUE(ins->run());
            ASSERT_TRUE(ins->reset());
        }
        ASSERT_TRUE(db->exec("COMMIT"));
    }
    EXPECT_EQ(*j->backlog(), 1'000'000u);
    auto first = j->pending(256);
    ASSERT_TRUE(first);
    ASSERT_EQ(first->size(), 256u);
    EXPECT_EQ(first->front().seq, 1u);
    EXPECT_EQ(first->back().seq, 256u);
    auto next = j->append(draft(1));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->seq, 1'000'001u);
    std::vector<TerminalSeq> acked;
    for (TerminalSeq s = 1; s <= 256; ++s) acked.push_back(s);
    ASSERT_TRUE(j->acknowledge(acked));
    auto after = j->pending(1);
    ASSERT_TRUE(after && !after->empty());
    EXPECT_EQ(after->front().seq, 257u);
}

// Each punch carries the digest of the one before, and the chain continues after every
// acknowledged punch was pruned and the journal reopened.
TEST_F(JournalTest, PunchesFormAChainThatSurvivesPruning) {
    JournalOptions o;
    o.keepAcknowledgedCount = 0;
    std::vector<proto::PunchRecord> first;
    {
        auto j = open(o);
        for (int i = 1; i <= 3; ++i) first.push_back(*j->append(draft(i)));
        EXPECT_EQ(first[0].prev, proto::ChainDigest{});
        EXPECT_EQ(first[1].prev, proto::chainDigest(first[0]));
        EXPECT_EQ(first[2].prev, proto::chainDigest(first[1]));
        EXPECT_TRUE(proto::checkChain(first, std::nullopt, key_.publicKey));
        const std::vector<TerminalSeq> all = {1, 2, 3};
        ASSERT_TRUE(j->acknowledge(all));
        EXPECT_EQ(*j->prune(), 3u);
    }
    auto j = open(o);
    auto next = j->append(draft(9));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->prev, proto::chainDigest(first[2]));
    auto pending = j->pending(10);
    ASSERT_TRUE(pending && pending->size() == 1);
    EXPECT_EQ(pending->front(), *next);
}

// Punches journalled before punches were chained (protocol 1) and not yet delivered are linked
// and signed again when the journal opens, so that they can still be delivered.
TEST_F(JournalTest, UnchainedPendingPunchesAreChainedOnOpen) {
    {
        auto j = open();
        for (int i = 1; i <= 4; ++i) ASSERT_TRUE(j->append(draft(i)));
        const std::vector<TerminalSeq> one = {1};
        ASSERT_TRUE(j->acknowledge(one));
    }
    {
        auto db = sqlite::Database::open(dir_ / "journal.db");
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->exec("UPDATE journal_punches SET prev_hash = NULL, signature = zeroblob(64); DELETE FROM journal_chain"));
    }
    auto j = open();
    auto pending = j->pending(10);
    ASSERT_TRUE(pending);
    ASSERT_EQ(pending->size(), 3u);
    for (const auto& p : *pending) EXPECT_TRUE(proto::verify(p, key_.publicKey)) << p.seq;
    EXPECT_TRUE(proto::checkChain(*pending, proto::ChainDigest{}, key_.publicKey));
    auto next = j->append(draft(5));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->prev, proto::chainDigest(pending->back()));
}
