#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <thread>

#include "InProcessGateway.hpp"
#include "rollcall/gateway/StoredPunchRecord.hpp"
#include "RawTerminal.hpp"
#include "rollcall/journal/Journal.hpp"
#include "rollcall/store/PunchRepository.hpp"
#include "rollcall/sync/Provisioning.hpp"
#include "rollcall/sync/SyncClient.hpp"

using namespace rollcall;
using namespace std::chrono_literals;

namespace {

template <class F>
bool eventually(F condition, std::chrono::milliseconds limit = 20s) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (condition()) return true;
        std::this_thread::sleep_for(20ms);
    }
    return condition();
}

std::int64_t countPunches(store::Store& store, TerminalId terminal) {
    auto n = store.read([&](sqlite::Database& db) -> Result<std::int64_t> {
        auto s = db.prepare("SELECT count(*), count(DISTINCT terminal_seq) FROM punches WHERE terminal_id = ?1");
        s->bind(1, terminal.value());
        (void)s->step();
        if (s->getInt(0) != s->getInt(1)) return -1;  // a duplicate would show here
        return s->getInt(0);
    });
    return n ? *n : -2;
}

journal::PunchDraft draft(int i) {
    journal::PunchDraft d;
    d.employee = EmployeeId(100 + i % 7);
    d.method = proto::PunchMethod::Face;
    d.faceScore = 0.91;
    d.livenessScore = 0.97;
    d.terminalTimeUs = Instant::now().micros() + i;
    return d;
}

class GatewayTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = test::freshDir(std::string("gw-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        gateway::GatewayOptions o;
        o.maxFrameBytes = 64 * 1024;
        o.maxBatch = 100;
        server_ = std::make_unique<test::InProcessGateway>(dir_, o);
    }
    void TearDown() override {
        server_.reset();
        std::filesystem::remove_all(dir_);
    }

    // Provisions a terminal over the wire; returns its identity folder.
    std::filesystem::path provisionTerminal(const std::string& name) {
        auto created = server_->registry().create(name, PostId(1));
        EXPECT_TRUE(created);
        const auto idDir = dir_ / name;
        auto id = sync::provision(idDir, server_->address(), created->token);
        EXPECT_TRUE(id) << id.error().describe();
        return idDir;
    }

    // A raw connection with a provisioned key, past Hello/Welcome.
    std::unique_ptr<test::RawTerminal> welcomed(const crypto::SigningKey& key) {
        auto raw = std::make_unique<test::RawTerminal>(key);
        EXPECT_TRUE(raw->connect(server_->port()));
        raw->send(proto::Hello{proto::kProtocolVersion, "test", 0, 0, 0, Instant::now().micros(), 0});
        auto w = raw->read();
        EXPECT_TRUE(w && std::holds_alternative<proto::Welcome>(*w));
        return raw;
    }

    // A second, well-behaved terminal still gets its punches acked: one bad peer harmed no other.
    void expectHealthyTerminalStillServed(const crypto::SigningKey& key, TerminalId id, TerminalSeq seq) {
        auto raw = welcomed(key);
        proto::PunchRecord p;
        p.terminal = id;
        p.seq = seq;
        p.employee = EmployeeId(5);
        p.terminalTimeUs = Instant::now().micros();
        proto::sign(p, key);
        ASSERT_TRUE(raw->send(proto::PunchBatch{{p}, 0}));
        auto ack = raw->read();
        ASSERT_TRUE(ack) << ack.error().describe();
        ASSERT_TRUE(std::holds_alternative<proto::Ack>(*ack));
        EXPECT_EQ(std::get<proto::Ack>(*ack).seqs, std::vector<TerminalSeq>{seq});
    }

    std::filesystem::path dir_;
    std::unique_ptr<test::InProcessGateway> server_;
};

}  // namespace

TEST_F(GatewayTest, ProvisioningStoresKeyWithMode0600AndPinsServer) {
    const auto idDir = provisionTerminal("gate-a");
    struct stat st {};
    ASSERT_EQ(::stat(sync::keyFile(idDir).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    auto identity = sync::loadIdentity(idDir);
    ASSERT_TRUE(identity) << identity.error().describe();
    EXPECT_EQ(identity->config.name, "gate-a");
    EXPECT_EQ(identity->serverKey, *proto::ed25519KeyOfPem(server_->gateway().certificatePem()));
    // The server's certificate was created in its data dir on first start.
    EXPECT_TRUE(std::filesystem::exists(dir_ / "gateway" / "gateway.crt"));
    EXPECT_TRUE(std::filesystem::exists(dir_ / "gateway" / "gateway.key"));
}

TEST_F(GatewayTest, ProvisioningWithABadTokenFails) {
    auto r = sync::provision(dir_ / "nobody", server_->address(), "not-a-token");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, proto::errc::badToken);
    EXPECT_FALSE(std::filesystem::exists(dir_ / "nobody" / "identity.json"));
}

TEST_F(GatewayTest, JournalledPunchesArriveOnceAndAreAcknowledged) {
    const auto idDir = provisionTerminal("gate-b");
    auto identity = *sync::loadIdentity(idDir);
    auto key = *sync::loadTerminalKey(idDir);
    auto j = journal::Journal::open(idDir / "journal.db", identity.terminal, key);
    ASSERT_TRUE(j);
    for (int i = 0; i < 450; ++i) ASSERT_TRUE((*j)->append(draft(i)));

    sync::SyncOptions o;
    o.heartbeat = 500ms;
    sync::SyncClient client(**j, identity, key, o);
    client.start();
    ASSERT_TRUE(eventually([&] { return *(*j)->backlog() == 0; })) << client.status().lastError;
    EXPECT_EQ(countPunches(server_->store(), identity.terminal), 450);
    // Stored punches keep the terminal's signature, verifiable later from the columns.
    store::PunchRepository repo(server_->store());
    auto stored = repo.list(store::PunchFilter{.terminal = identity.terminal, .limit = 1});
    ASSERT_TRUE(stored && !stored->empty());
    auto original = *(*j)->find(*stored->front().punch.terminalSeq);
    ASSERT_TRUE(original);
    EXPECT_EQ(*stored->front().punch.signature, std::vector<std::uint8_t>(original->signature.begin(), original->signature.end()));
    // ... and the whole stored chain holds, rebuilt from the columns alone: every link, every
    // punch's own signature, although the gateway checked one signature per batch.
    auto all = repo.forTerminal(identity.terminal, 1, 1000);
    ASSERT_TRUE(all);
    ASSERT_EQ(all->size(), 450u);
    std::vector<proto::PunchRecord> records;
    for (const auto& sp : *all) {
        auto r = gateway::toRecord(sp.punch);
        ASSERT_TRUE(r) << "punch " << sp.id.value() << " cannot be rebuilt";
        EXPECT_TRUE(proto::verify(*r, key.publicKey)) << r->seq;
        records.push_back(*r);
    }
    EXPECT_TRUE(proto::checkChain(records, proto::ChainDigest{}, key.publicKey));

    auto status = server_->registry().get(identity.terminal);
    ASSERT_TRUE(status && *status);
    EXPECT_TRUE((*status)->online);
    EXPECT_EQ((*status)->softwareVersion, "0.1.0");
    EXPECT_TRUE(eventually([&] { return client.status().clockOffsetUs != 0 || client.status().connected; }));
    client.stop();
    EXPECT_TRUE(eventually([&] { return !(*server_->registry().get(identity.terminal))->online; }));
}

TEST_F(GatewayTest, ResentBatchAfterReconnectIsAckedNotStoredTwice) {
    const auto idDir = provisionTerminal("gate-c");
    auto identity = *sync::loadIdentity(idDir);
    auto key = *sync::loadTerminalKey(idDir);
    proto::PunchRecord p;
    p.terminal = identity.terminal;
    p.seq = 1;
    p.employee = EmployeeId(9);
    p.terminalTimeUs = Instant::now().micros();
    proto::sign(p, key);
    for (int round = 0; round < 2; ++round) {
        auto raw = welcomed(key);
        ASSERT_TRUE(raw->send(proto::PunchBatch{{p}, 0}));
        auto ack = raw->read();
        ASSERT_TRUE(ack && std::holds_alternative<proto::Ack>(*ack));
    }
    EXPECT_EQ(countPunches(server_->store(), identity.terminal), 1);
    EXPECT_EQ(server_->gateway().stats().punchesDuplicate, 1u);
}

TEST_F(GatewayTest, PushReachesTerminalsChosenByPredicateAndOnConnect) {
    const auto a = provisionTerminal("gate-d");
    auto keyA = *sync::loadTerminalKey(a);
    auto idA = sync::loadIdentity(a)->terminal;
    server_->gateway().setConnectHook([](const gateway::TerminalInfo& t) {
        return std::vector<proto::Message>{proto::SpotCheckStart{SpotCheckId(t.id.value() + 100), 1, 2, "running"}};
    });
    std::this_thread::sleep_for(50ms);
    auto raw = welcomed(keyA);
    auto first = raw->read();
    ASSERT_TRUE(first && std::holds_alternative<proto::SpotCheckStart>(*first));
    EXPECT_EQ(std::get<proto::SpotCheckStart>(*first).spotCheck, SpotCheckId(idA.value() + 100));
    std::atomic<int> delivered{-1};
    server_->gateway().broadcast(proto::SpotCheckEnd{SpotCheckId(7)},
                                 [](const gateway::TerminalInfo& t) { return t.post == PostId(1); },
                                 [&](std::size_t n) { delivered = static_cast<int>(n); });
    auto end = raw->read();
    ASSERT_TRUE(end && std::holds_alternative<proto::SpotCheckEnd>(*end));
    EXPECT_TRUE(eventually([&] { return delivered == 1; }));
    server_->gateway().broadcast(proto::SpotCheckEnd{SpotCheckId(8)}, [](const gateway::TerminalInfo& t) { return t.post == PostId(2); },
                                 [&](std::size_t n) { delivered = static_cast<int>(n); });
    EXPECT_TRUE(eventually([&] { return delivered == 0; }));
}

TEST_F(GatewayTest, GalleryDeltaIsAppliedAtomicallyAndAcked) {
    const auto idDir = provisionTerminal("gate-e");
    auto identity = *sync::loadIdentity(idDir);
    auto key = *sync::loadTerminalKey(idDir);
    auto j = journal::Journal::open(idDir / "journal.db", identity.terminal, key);
    struct Gallery : sync::GalleryApplier {
        std::atomic<std::uint64_t> version{0};
        std::atomic<int> people{0};
        std::uint64_t galleryVersion() const override { return version; }
        Status apply(const proto::GalleryDelta& d) override {
            people += static_cast<int>(d.upserts.size()) - static_cast<int>(d.removals.size());
            version = d.toVersion;
            return {};
        }
    } gallery;
    sync::SyncClient client(**j, identity, key, {}, &gallery);
    client.start();
    ASSERT_TRUE(eventually([&] { return client.status().connected; }));
    server_->gateway().sendTo(identity.terminal,
                              proto::GalleryDelta{0, 3, {proto::GalleryPerson{EmployeeId(1), "Li", {{"face", {1, 2}}}}}, {}});
    ASSERT_TRUE(eventually([&] { return gallery.version == 3; }));
    EXPECT_EQ(gallery.people, 1);
    EXPECT_TRUE(eventually([&] { return (*server_->registry().get(identity.terminal))->galleryVersion == 3; }));
    // A delta that does not start at the version held is not applied.
    server_->gateway().sendTo(identity.terminal, proto::GalleryDelta{7, 8, {}, {EmployeeId(1)}});
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(gallery.version, 3u);
    client.stop();
}
