#include <gtest/gtest.h>

#include "InProcessGateway.hpp"
#include "RawTerminal.hpp"
#include "rollcall/gateway/PunchChainCheck.hpp"

using namespace rollcall;

// The stored chain is re-checked from the database alone: intact after delivery in several
// batches, and each kind of tampering behind the server's back is named at the right punch.
namespace {

class PunchChainCheckTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = test::freshDir(std::string("chain-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        server_ = std::make_unique<test::InProcessGateway>(dir_);
        auto created = server_->registry().create("chain", PostId(1));
        ASSERT_TRUE(created);
        id_ = created->id;
        ASSERT_TRUE(server_->registry().provision(created->token, key_.publicKey, "test"));
        // Ten punches in batches of 3, 3 and 4, as a terminal's sync client sends them.
        auto raw = connected(0, 0);
        proto::ChainDigest prev{};
        std::vector<proto::PunchRecord> punches;
        for (TerminalSeq seq = 1; seq <= 10; ++seq) {
            proto::PunchRecord p;
            p.terminal = id_;
            p.seq = seq;
            p.employee = EmployeeId(static_cast<std::int64_t>(seq));
            p.faceScore = 0.9;
            p.terminalTimeUs = Instant::now().micros();
            p.prev = prev;
            proto::sign(p, key_);
            prev = proto::chainDigest(p);
            punches.push_back(p);
        }
        for (auto [from, n] : {std::pair{0, 3}, std::pair{3, 3}, std::pair{6, 4}}) {
            raw->send(proto::PunchBatch{{punches.begin() + from, punches.begin() + from + n}, 0});
            auto ack = raw->read();
            ASSERT_TRUE(ack && std::holds_alternative<proto::Ack>(*ack));
        }
    }
    void TearDown() override {
        server_.reset();
        std::filesystem::remove_all(dir_);
    }

    // The terminal, connected and welcomed, having said how many sequence numbers it handed
    // out and how many punches still wait to be sent.
    std::unique_ptr<test::RawTerminal> connected(TerminalSeq lastSeq, std::uint64_t backlog) {
        auto raw = std::make_unique<test::RawTerminal>(key_);
        EXPECT_TRUE(raw->connect(server_->port()));
        raw->send(proto::Hello{proto::kProtocolVersion, "test", lastSeq, backlog, 0, Instant::now().micros(), 0});
        auto welcome = raw->read();
        EXPECT_TRUE(welcome && std::holds_alternative<proto::Welcome>(*welcome));
        return raw;
    }

    void tamper(const std::string& sql) {
        ASSERT_TRUE(server_->store().write([&](sqlite::Database& db) { return db.exec(sql); }));
    }
    gateway::PunchChainReport check() {
        auto r = gateway::checkStoredChains(server_->store(), server_->registry());
        EXPECT_TRUE(r) << r.error().describe();
        return *r;
    }

    std::filesystem::path dir_;
    std::unique_ptr<test::InProcessGateway> server_;
    crypto::SigningKey key_ = crypto::SigningKey::generate();
    TerminalId id_;
};

}  // namespace

TEST_F(PunchChainCheckTest, DeliveredChainIsIntact) {
    const auto r = check();
    EXPECT_TRUE(r.ok()) << r.breaks.front().reason;
    EXPECT_EQ(r.terminalsChecked, 1u);
    EXPECT_EQ(r.punchesChecked, 10u);
    EXPECT_EQ(r.unchained, 0u);
}

TEST_F(PunchChainCheckTest, DeletedPunchIsNamed) {
    tamper("DELETE FROM punches WHERE terminal_seq = 5");
    const auto r = check();
    ASSERT_EQ(r.breaks.size(), 1u);
    EXPECT_EQ(r.breaks[0].terminal, id_);
    EXPECT_EQ(r.breaks[0].seq, 5u);
    EXPECT_NE(r.breaks[0].reason.find("missing"), std::string::npos) << r.breaks[0].reason;
}

TEST_F(PunchChainCheckTest, AlteredPunchBreaksTheNextLink) {
    tamper("UPDATE punches SET employee_id = 99 WHERE terminal_seq = 4");
    const auto r = check();
    ASSERT_EQ(r.breaks.size(), 1u);
    EXPECT_EQ(r.breaks[0].seq, 5u);
}

TEST_F(PunchChainCheckTest, AlteredLastPunchFailsItsSignature) {
    tamper("UPDATE punches SET terminal_time_us = terminal_time_us + 3600000000 WHERE terminal_seq = 10");
    const auto r = check();
    ASSERT_EQ(r.breaks.size(), 1u);
    EXPECT_EQ(r.breaks[0].seq, 10u);
    EXPECT_NE(r.breaks[0].reason.find("signed"), std::string::npos) << r.breaks[0].reason;
}

TEST_F(PunchChainCheckTest, DeletedFirstPunchesAreNamed) {
    tamper("DELETE FROM punches WHERE terminal_seq <= 2");
    const auto r = check();
    ASSERT_EQ(r.breaks.size(), 1u);
    EXPECT_EQ(r.breaks[0].seq, 2u);
}

// The newest punches deleted leave an intact chain; the terminal's own report (ten handed
// out, none waiting) names them.
TEST_F(PunchChainCheckTest, DeletedNewestPunchesAreNamedAgainstTheTerminalsReport) {
    auto raw = connected(10, 0);
    EXPECT_TRUE(check().ok());
    tamper("DELETE FROM punches WHERE terminal_seq >= 9");
    const auto r = check();
    ASSERT_EQ(r.breaks.size(), 1u);
    EXPECT_EQ(r.breaks[0].seq, 9u);
    EXPECT_NE(r.breaks[0].reason.find("punches 9 to 10 are missing"), std::string::npos) << r.breaks[0].reason;
}

// Punches still waiting on the terminal are not missing.
TEST_F(PunchChainCheckTest, PunchesStillOnTheTerminalAreNotMissing) {
    auto raw = connected(14, 4);
    EXPECT_TRUE(check().ok());
}
