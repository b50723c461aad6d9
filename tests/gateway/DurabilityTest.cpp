#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <set>
#include <thread>

#include "ChildProcess.hpp"
#include "InProcessGateway.hpp"
#include "rollcall/journal/Journal.hpp"
#include "rollcall/sync/Provisioning.hpp"
#include "rollcall/sync/SyncClient.hpp"

using namespace rollcall;
using namespace std::chrono_literals;

// Whole processes over loopback TLS with real SQLite files: the server is started late,
// killed with SIGKILL mid-batch and restarted; the terminal is killed mid-journal-write.
// Every punch the terminal accepted must be stored exactly once.
namespace {

std::uint16_t freePort() {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

template <class F>
bool eventually(F condition, std::chrono::milliseconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (condition()) return true;
        std::this_thread::sleep_for(20ms);
    }
    return condition();
}

class DurabilityTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = test::freshDir(std::string("dur-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        port_ = freePort();
        // The administrator creates the terminal; the server is not running yet.
        auto store = test::openServerStore(dir_ / "server.db");
        ASSERT_TRUE(store) << store.error().describe();
        auto registry = gateway::TerminalRegistry::open(**store);
        auto created = (*registry)->create("gate", PostId(1));
        ASSERT_TRUE(created);
        token_ = created->token;
    }
    void TearDown() override {
        server_.reset();
        std::filesystem::remove_all(dir_);
    }

    void startServer() {
        server_ = std::make_unique<test::ChildProcess>(GATEWAY_TEST_SERVER, std::vector<std::string>{dir_.string(), std::to_string(port_)});
        // Log lines come first on the same stdout.
        auto line = server_->readLine();
        while (line && line->rfind("listening", 0) != 0) line = server_->readLine();
        ASSERT_TRUE(line) << "the server did not start";
    }
    void killServer() { server_.reset(); }

    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

    void provision() {
        startServer();
        auto id = sync::provision(dir_ / "terminal", address(), token_);
        ASSERT_TRUE(id) << id.error().describe();
        identity_ = *id;
        key_ = *sync::loadTerminalKey(dir_ / "terminal");
    }

    // (rows, distinct sequences, lowest, highest) of the terminal's punches on the server.
    std::array<std::int64_t, 4> stored() {
        sqlite::OpenOptions o;
        o.readOnly = true;
        auto db = sqlite::Database::open(dir_ / "server.db", o);
        if (!db) return {-1, -1, -1, -1};
        auto s = db->prepare(
            "SELECT count(*), count(DISTINCT terminal_seq), coalesce(min(terminal_seq),0), coalesce(max(terminal_seq),0) "
            "FROM punches WHERE terminal_id = ?1");
        if (!s) return {-1, -1, -1, -1};
        s->bind(1, identity_.terminal.value());
        if (!s->step()) return {-1, -1, -1, -1};
        return {s->getInt(0), s->getInt(1), s->getInt(2), s->getInt(3)};
    }
    bool storedHas(TerminalSeq seq) {
        sqlite::OpenOptions o;
        o.readOnly = true;
        auto db = sqlite::Database::open(dir_ / "server.db", o);
        auto s = db->prepare("SELECT 1 FROM punches WHERE terminal_id = ?1 AND terminal_seq = ?2");
        s->bind(1, identity_.terminal.value()).bind(2, static_cast<std::int64_t>(seq));
        auto row = s->step();
        return row && *row == sqlite::Step::Row;
    }

    std::unique_ptr<journal::Journal> openJournal() {
        auto j = journal::Journal::open(dir_ / "terminal" / "journal.db", identity_.terminal, key_);
        EXPECT_TRUE(j) << j.error().describe();
        return std::move(*j);
    }
    static journal::PunchDraft draft(int i) {
        journal::PunchDraft d;
        d.employee = EmployeeId(1 + i % 40);
        d.method = proto::PunchMethod::FaceAndFingerprint;
        d.faceScore = 0.9;
        d.fingerScore = 60;
        d.livenessScore = 0.95;
        d.terminalTimeUs = 1'800'000'000'000'000 + static_cast<std::int64_t>(i) * 1'000'000;
        return d;
    }
    sync::SyncOptions fastSync() {
        sync::SyncOptions o;
        o.maxBatch = 200;
        o.heartbeat = 1000ms;
        o.backoffInitial = 50ms;
        o.backoffMax = 500ms;
        return o;
    }

    std::filesystem::path dir_;
    std::uint16_t port_ = 0;
    std::string token_;
    sync::TerminalIdentity identity_;
    crypto::SigningKey key_;
    std::unique_ptr<test::ChildProcess> server_;
};

}  // namespace

TEST_F(DurabilityTest, PunchesJournalledWhileServerIsDownArriveExactlyOnce) {
    provision();
    killServer();
    constexpr int N = 1500;
    auto j = openJournal();
    for (int i = 0; i < N; ++i) ASSERT_TRUE(j->append(draft(i)));

    sync::SyncClient client(*j, identity_, key_, fastSync());
    client.start();
    std::this_thread::sleep_for(700ms);  // several refused connection attempts
    EXPECT_FALSE(client.status().connected);
    startServer();
    ASSERT_TRUE(eventually([&] { return *j->backlog() == 0; }, 60s)) << client.status().lastError;
    client.stop();
    const auto s = stored();
    EXPECT_EQ(s[0], N);
    EXPECT_EQ(s[1], N);
    EXPECT_EQ(s[2], 1);
    EXPECT_EQ(s[3], N);
}

TEST_F(DurabilityTest, ServerKilledMidBatchLosesAndDuplicatesNothing) {
    provision();
    constexpr int N = 6000;
    auto j = openJournal();
    for (int i = 0; i < N; ++i) ASSERT_TRUE(j->append(draft(i)));

    sync::SyncClient client(*j, identity_, key_, fastSync());
    client.start();
    int kills = 0;
    for (int round = 0; round < 3; ++round) {
        // Let some batches through, then kill the server while more are on the wire.
        const auto before = stored()[0];
        ASSERT_TRUE(eventually([&] { return stored()[0] > before + 200 || *j->backlog() == 0; }, 60s));
        if (*j->backlog() == 0) break;
        killServer();
        ++kills;
        std::this_thread::sleep_for(200ms);
        startServer();
    }
    ASSERT_TRUE(eventually([&] { return *j->backlog() == 0; }, 120s)) << client.status().lastError;
    client.stop();
    EXPECT_GE(kills, 1);
    const auto s = stored();
    EXPECT_EQ(s[0], N) << "rows";
    EXPECT_EQ(s[1], N) << "distinct sequences";
    EXPECT_EQ(s[3], N);
}

TEST_F(DurabilityTest, TerminalKilledMidJournalWriteLosesNoAcceptedPunch) {
    provision();
    // The journal writer runs as terminal 1 (the first terminal created on a fresh server).
    ASSERT_EQ(identity_.terminal, TerminalId(1));
    const auto seedHex = crypto::toHex(key_.seed());
    std::set<TerminalSeq> accepted;
    for (int round = 0; round < 3; ++round) {
        test::ChildProcess writer(JOURNAL_CRASH_WRITER, {(dir_ / "terminal" / "journal.db").string(), seedHex});
        for (int i = 0; i < 50 + round * 31; ++i) {
            auto line = writer.readLine();
            ASSERT_TRUE(line);
            accepted.insert(std::stoull(line->substr(9)));
        }
        writer.kill();
    }
    auto j = openJournal();
    sync::SyncClient client(*j, identity_, key_, fastSync());
    client.start();
    ASSERT_TRUE(eventually([&] { return *j->backlog() == 0; }, 60s)) << client.status().lastError;
    client.stop();
    for (auto seq : accepted) EXPECT_TRUE(storedHas(seq)) << "accepted punch " << seq << " never reached the server";
    const auto s = stored();
    EXPECT_EQ(s[0], s[1]);
    EXPECT_GE(s[0], static_cast<std::int64_t>(accepted.size()));
}
