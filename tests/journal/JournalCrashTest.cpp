#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <set>

#include "ChildProcess.hpp"
#include "rollcall/journal/Journal.hpp"

using namespace rollcall;

// A writer process is killed with SIGKILL at varying moments; every punch it reported as
// accepted must be in the journal afterwards, intact and signed, and no sequence is reused.
TEST(JournalCrash, EveryAcceptedPunchSurvivesSigkillMidWrite) {
    const auto dir = std::filesystem::temp_directory_path() / ("rollcall-journal-crash-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const auto file = dir / "journal.db";
    const auto key = crypto::SigningKey::generate();
    const auto seedHex = crypto::toHex(key.seed());

    std::set<TerminalSeq> accepted;
    TerminalSeq highest = 0;
    for (int round = 0; round < 5; ++round) {
        test::ChildProcess writer(JOURNAL_CRASH_WRITER, {file.string(), seedHex});
        ASSERT_TRUE(writer.started());
        const int stopAfter = 20 + round * 37;
        for (int i = 0; i < stopAfter; ++i) {
            auto line = writer.readLine();
            ASSERT_TRUE(line) << "writer ended early in round " << round;
            ASSERT_EQ(line->rfind("accepted ", 0), 0u) << *line;
            const TerminalSeq seq = std::stoull(line->substr(9));
            EXPECT_GT(seq, highest) << "sequence reused or out of order";
            highest = seq;
            accepted.insert(seq);
        }
        writer.kill();  // SIGKILL, most likely inside the next append
    }

    auto journal = journal::Journal::open(file, TerminalId(1), key);
    ASSERT_TRUE(journal) << journal.error().describe();
    for (auto seq : accepted) {
        auto p = (*journal)->find(seq);
        ASSERT_TRUE(p && *p) << "accepted punch " << seq << " is missing";
        EXPECT_TRUE(proto::verify(**p, key.publicKey)) << seq;
    }
    auto last = (*journal)->lastSeq();
    ASSERT_TRUE(last);
    EXPECT_GE(*last, highest);
    auto next = (*journal)->append(journal::PunchDraft{EmployeeId(1), proto::PunchMethod::Pin, {}, {}, {}, 0, 0, {}});
    ASSERT_TRUE(next);
    EXPECT_GT(next->seq, highest);
    std::filesystem::remove_all(dir);
}
