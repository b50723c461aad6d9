#include <gtest/gtest.h>

#include <map>
#include <random>

#include "InProcessGateway.hpp"
#include "RawTerminal.hpp"
#include "rollcall/proto/Frame.hpp"

using namespace rollcall;
using namespace std::chrono_literals;

// Each hostile or broken input closes that connection with a named reason; a well-behaved
// terminal connected beside it keeps being served, and nothing wrong is stored.
namespace {

class NegativeTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = test::freshDir(std::string("neg-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        gateway::GatewayOptions o;
        o.maxFrameBytes = 64 * 1024;
        o.maxBatch = 50;
        o.helloTimeout = 2000ms;
        server_ = std::make_unique<test::InProcessGateway>(dir_, o);
        bad_ = enrol("bad");
        good_ = enrol("good");
        // The good terminal is connected before the bad one misbehaves.
        goodConn_ = welcomed(good_.key);
    }
    void TearDown() override {
        goodConn_.reset();
        server_.reset();
        std::filesystem::remove_all(dir_);
    }

    struct Enrolled {
        TerminalId id;
        crypto::SigningKey key;
    };
    Enrolled enrol(const std::string& name) {
        auto created = server_->registry().create(name, PostId(1));
        Enrolled e{created->id, crypto::SigningKey::generate()};
        EXPECT_TRUE(server_->registry().provision(created->token, e.key.publicKey, "test"));
        return e;
    }
    std::unique_ptr<test::RawTerminal> welcomed(const crypto::SigningKey& key) {
        auto raw = std::make_unique<test::RawTerminal>(key);
        EXPECT_TRUE(raw->connect(server_->port()));
        raw->send(hello());
        auto w = raw->read();
        EXPECT_TRUE(w && std::holds_alternative<proto::Welcome>(*w)) << (w ? proto::typeName(*w) : w.error().message);
        return raw;
    }
    static proto::Hello hello(std::uint32_t version = proto::kProtocolVersion) {
        return proto::Hello{version, "test", 0, 0, 0, Instant::now().micros(), 0};
    }
    // A punch as the terminal's journal makes it: linked to the last punch built for seq - 1.
    proto::PunchRecord punch(const Enrolled& t, TerminalSeq seq, const crypto::SigningKey& signer) {
        proto::PunchRecord p;
        p.terminal = t.id;
        p.seq = seq;
        p.employee = EmployeeId(42);
        p.method = proto::PunchMethod::Fingerprint;
        p.fingerScore = 50;
        p.terminalTimeUs = Instant::now().micros();
        if (auto it = digests_.find({t.id.value(), seq - 1}); it != digests_.end()) p.prev = it->second;
        proto::sign(p, signer);
        digests_[{t.id.value(), seq}] = proto::chainDigest(p);
        return p;
    }

    void expectGoodStillServed() {
        ASSERT_TRUE(goodConn_->send(proto::PunchBatch{{punch(good_, ++goodSeq_, good_.key)}, 0}));
        auto ack = goodConn_->read();
        ASSERT_TRUE(ack) << ack.error().describe();
        ASSERT_TRUE(std::holds_alternative<proto::Ack>(*ack)) << proto::typeName(*ack);
        EXPECT_EQ(std::get<proto::Ack>(*ack).seqs.front(), goodSeq_);
    }
    std::int64_t storedFrom(TerminalId id) {
        auto n = server_->store().read([&](sqlite::Database& db) -> Result<std::int64_t> {
            auto s = db.prepare("SELECT count(*) FROM punches WHERE terminal_id = ?1");
            s->bind(1, id.value());
            (void)s->step();
            return s->getInt(0);
        });
        return *n;
    }

    std::filesystem::path dir_;
    std::unique_ptr<test::InProcessGateway> server_;
    Enrolled bad_;
    Enrolled good_;
    std::unique_ptr<test::RawTerminal> goodConn_;
    TerminalSeq goodSeq_ = 0;
    std::map<std::pair<std::int64_t, TerminalSeq>, proto::ChainDigest> digests_;
};

}  // namespace

TEST_F(NegativeTest, WrongKeyCannotSpeakForARegisteredTerminal) {
    const auto stranger = crypto::SigningKey::generate();
    test::RawTerminal raw(stranger);
    ASSERT_TRUE(raw.connect(server_->port()));
    raw.send(hello());
    raw.send(proto::PunchBatch{{punch(bad_, 1, stranger)}, 0});
    EXPECT_EQ(raw.readUntilError(), proto::errc::notProvisioned);
    EXPECT_EQ(storedFrom(bad_.id), 0);
    expectGoodStillServed();
}

TEST_F(NegativeTest, PunchSignedByAnotherKeyIsRefusedAndNotStored) {
    auto raw = welcomed(bad_.key);
    raw->send(proto::PunchBatch{{punch(bad_, 1, bad_.key), punch(bad_, 2, good_.key)}, 0});
    EXPECT_EQ(raw->readUntilError(), proto::errc::badSignature);
    EXPECT_EQ(storedFrom(bad_.id), 0);
    expectGoodStillServed();
}

// The one signature checked per batch covers the punches before it through their digests: a
// punch changed after signing breaks the chain, and the whole batch is refused.
TEST_F(NegativeTest, PunchAlteredInsideASignedBatchBreaksTheChain) {
    auto raw = welcomed(bad_.key);
    proto::PunchBatch batch{{punch(bad_, 1, bad_.key), punch(bad_, 2, bad_.key), punch(bad_, 3, bad_.key)}, 0};
    batch.punches[1].employee = EmployeeId(7);  // its own signature is now wrong too, but only the link is checked
    raw->send(batch);
    EXPECT_EQ(raw->readUntilError(), proto::errc::brokenChain);
    EXPECT_EQ(storedFrom(bad_.id), 0);
    expectGoodStillServed();
}

TEST_F(NegativeTest, GapInsideABatchIsRefused) {
    auto raw = welcomed(bad_.key);
    const auto first = punch(bad_, 1, bad_.key);
    (void)punch(bad_, 2, bad_.key);
    raw->send(proto::PunchBatch{{first, punch(bad_, 3, bad_.key)}, 0});
    EXPECT_EQ(raw->readUntilError(), proto::errc::brokenChain);
    EXPECT_EQ(storedFrom(bad_.id), 0);
    expectGoodStillServed();
}

// A batch that does not continue what the server stored (a forked or rewritten journal) is
// refused, whether the server still remembers the terminal's last punch or must read it back
// after a restart.
TEST_F(NegativeTest, BatchThatForksTheStoredChainIsRefused) {
    {
        auto raw = welcomed(bad_.key);
        raw->send(proto::PunchBatch{{punch(bad_, 1, bad_.key), punch(bad_, 2, bad_.key)}, 0});
        auto ack = raw->read();
        ASSERT_TRUE(ack && std::holds_alternative<proto::Ack>(*ack));
    }
    digests_[{bad_.id.value(), 2}] = proto::ChainDigest{};  // the next punch links to nothing stored
    const auto forked = punch(bad_, 3, bad_.key);
    for (int round = 0; round < 2; ++round) {
        auto raw = welcomed(bad_.key);
        raw->send(proto::PunchBatch{{forked}, 0});
        EXPECT_EQ(raw->readUntilError(), proto::errc::brokenChain) << "round " << round;
        EXPECT_EQ(storedFrom(bad_.id), 2);
        if (round == 0) {  // the same again, with the chain read back from the database
            goodConn_.reset();
            server_.reset();
            gateway::GatewayOptions o;
            o.maxBatch = 50;
            server_ = std::make_unique<test::InProcessGateway>(dir_, o);
            goodConn_ = welcomed(good_.key);
        }
    }
    expectGoodStillServed();
}

TEST_F(NegativeTest, PunchNamingAnotherTerminalIsRefused) {
    auto raw = welcomed(bad_.key);
    raw->send(proto::PunchBatch{{punch(good_, 900, bad_.key)}, 0});
    EXPECT_EQ(raw->readUntilError(), proto::errc::wrongTerminal);
    expectGoodStillServed();
}

TEST_F(NegativeTest, RevokedTerminalIsRefusedAtTheHandshake) {
    ASSERT_TRUE(server_->registry().revoke(bad_.id));
    test::RawTerminal raw(bad_.key);
    // TLS 1.3: the client finishes its side first and learns of the refusal on its first read.
    if (raw.connect(server_->port())) {
        raw.send(hello());
        EXPECT_EQ(raw.readUntilError(), "closed");
    }
    expectGoodStillServed();
}

TEST_F(NegativeTest, RevokingDisconnectsALiveTerminal) {
    auto raw = welcomed(bad_.key);
    ASSERT_TRUE(server_->registry().revoke(bad_.id));
    EXPECT_EQ(raw->readUntilError(), "closed");
    expectGoodStillServed();
}

TEST_F(NegativeTest, ReplayedBatchOnOneConnectionClosesIt) {
    auto raw = welcomed(bad_.key);
    const proto::PunchBatch batch{{punch(bad_, 1, bad_.key), punch(bad_, 2, bad_.key)}, 0};
    raw->send(batch);
    auto ack = raw->read();
    ASSERT_TRUE(ack && std::holds_alternative<proto::Ack>(*ack));
    raw->send(batch);
    EXPECT_EQ(raw->readUntilError(), proto::errc::replay);
    EXPECT_EQ(storedFrom(bad_.id), 2);
    expectGoodStillServed();
}

TEST_F(NegativeTest, ResendWithDifferentContentIsRefused) {
    {
        auto raw = welcomed(bad_.key);
        raw->send(proto::PunchBatch{{punch(bad_, 1, bad_.key)}, 0});
        ASSERT_TRUE(raw->read());
    }
    auto raw = welcomed(bad_.key);
    auto altered = punch(bad_, 1, bad_.key);
    altered.employee = EmployeeId(43);
    proto::sign(altered, bad_.key);
    raw->send(proto::PunchBatch{{altered}, 0});
    EXPECT_EQ(raw->readUntilError(), proto::errc::replay);
    EXPECT_EQ(storedFrom(bad_.id), 1);
    expectGoodStillServed();
}

TEST_F(NegativeTest, TruncatedFrameClosesTheConnection) {
    auto raw = welcomed(bad_.key);
    auto frame = proto::encodeMessageFrame(proto::PunchBatch{{punch(bad_, 1, bad_.key)}, 0});
    frame.resize(frame.size() / 2);
    raw->sendBytes(frame);
    raw->shutdownSend();
    EXPECT_EQ(raw->readUntilError(), proto::errc::frameTruncated);
    EXPECT_EQ(storedFrom(bad_.id), 0);
    expectGoodStillServed();
}

TEST_F(NegativeTest, LengthOverTheMaximumIsRefusedBeforeReading) {
    auto raw = welcomed(bad_.key);
    const auto header = proto::frameHeader(0x7fffffff);
    raw->sendBytes(header);
    EXPECT_EQ(raw->readUntilError(), proto::errc::frameTooLarge);
    expectGoodStillServed();
}

TEST_F(NegativeTest, GarbageBytesCloseTheConnection) {
    auto raw = welcomed(bad_.key);
    std::mt19937 rng(7);
    std::vector<std::uint8_t> garbage(300);
    for (auto& b : garbage) b = static_cast<std::uint8_t>(rng());
    garbage[0] = 0;  // a plausible length, so the payload itself is the garbage
    garbage[1] = 0;
    garbage[2] = 1;
    garbage[3] = 0;
    raw->sendBytes(garbage);
    const auto code = raw->readUntilError();
    EXPECT_TRUE(code == proto::errc::badCbor || code == proto::errc::badField) << code;
    expectGoodStillServed();
}

TEST_F(NegativeTest, UnknownMessageTypeIsNamed) {
    auto raw = welcomed(bad_.key);
    std::vector<std::uint8_t> payload = {0xa1, 0x61, 't', 0x64, 'b', 'o', 'o', 'm'};
    raw->sendBytes(proto::encodeFrame(payload));
    EXPECT_EQ(raw->readUntilError(), proto::errc::unknownType);
    expectGoodStillServed();
}

TEST_F(NegativeTest, ProtocolVersionMismatchIsRefusedClearly) {
    test::RawTerminal raw(bad_.key);
    ASSERT_TRUE(raw.connect(server_->port()));
    raw.send(hello(99));
    auto m = raw.read();
    ASSERT_TRUE(m && std::holds_alternative<proto::ErrorMessage>(*m));
    const auto& e = std::get<proto::ErrorMessage>(*m);
    EXPECT_EQ(e.code, proto::errc::version);
    EXPECT_NE(e.message.find("99"), std::string::npos);
    expectGoodStillServed();
}

TEST_F(NegativeTest, BatchOverTheLimitIsRefused) {
    auto raw = welcomed(bad_.key);
    proto::PunchBatch big;
    for (TerminalSeq s = 1; s <= 51; ++s) big.punches.push_back(punch(bad_, s, bad_.key));
    raw->send(big);
    EXPECT_EQ(raw->readUntilError(), proto::errc::batchTooLarge);
    expectGoodStillServed();
}

TEST_F(NegativeTest, SilentConnectionIsClosedAtTheHelloDeadline) {
    test::RawTerminal raw(bad_.key);
    ASSERT_TRUE(raw.connect(server_->port()));
    const auto t0 = std::chrono::steady_clock::now();
    // The deadline closes the socket itself: no error frame can follow, the server logs proto.timeout.
    EXPECT_EQ(raw.readUntilError(), "closed");
    EXPECT_GE(std::chrono::steady_clock::now() - t0, 1500ms);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 10s);
    expectGoodStillServed();
}
