#include <gtest/gtest.h>

#include "InProcessGateway.hpp"

using namespace rollcall;
using namespace rollcall::gateway;

namespace {

class RegistryTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = test::freshDir("registry");
        auto s = test::openServerStore(dir_ / "server.db");
        ASSERT_TRUE(s) << s.error().describe();
        store_ = std::move(*s);
        auto r = TerminalRegistry::open(*store_);
        ASSERT_TRUE(r) << r.error().describe();
        registry_ = std::move(*r);
    }
    void TearDown() override {
        registry_.reset();
        store_.reset();
        std::filesystem::remove_all(dir_);
    }
    std::filesystem::path dir_;
    std::unique_ptr<store::Store> store_;
    std::unique_ptr<TerminalRegistry> registry_;
    proto::PublicKey key_ = crypto::SigningKey::generate().publicKey;
};

}  // namespace

TEST_F(RegistryTest, TokenIsOneTimeAndStoredOnlyHashed) {
    auto created = registry_->create("Gate A", PostId(3));
    ASSERT_TRUE(created) << created.error().describe();
    EXPECT_GE(created->token.size(), 40u);
    auto stored = store_->read([&](sqlite::Database& db) -> Result<std::string> {
        auto s = db.prepare("SELECT token_hash FROM gateway_terminals WHERE id = ?1");
        s->bind(1, created->id.value());
        (void)s->step();
        return s->getText(0);
    });
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->find(created->token), std::string::npos);
    EXPECT_EQ(*stored, crypto::sha256Hex(created->token));

    auto info = registry_->provision(created->token, key_, "1.0");
    ASSERT_TRUE(info) << info.error().describe();
    EXPECT_EQ(info->state, TerminalState::Active);
    EXPECT_EQ(info->post, PostId(3));
    auto again = registry_->provision(created->token, crypto::SigningKey::generate().publicKey, "1.0");
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, "gateway.bad_token");
    EXPECT_EQ(registry_->lookupKey(key_)->terminal, created->id);
}

TEST_F(RegistryTest, ExpiredTokenIsRefused) {
    const auto t0 = Instant::now();
    auto created = registry_->create("Gate B", std::nullopt, t0);
    ASSERT_TRUE(created);
    auto late = registry_->provision(created->token, key_, "1.0", t0 + std::chrono::hours(73));
    ASSERT_FALSE(late);
    EXPECT_EQ(late.error().code, "gateway.bad_token");
    auto fresh = registry_->reissueToken(created->id, t0 + std::chrono::hours(73));
    ASSERT_TRUE(fresh);
    EXPECT_TRUE(registry_->provision(fresh->token, key_, "1.0", t0 + std::chrono::hours(74)));
}

TEST_F(RegistryTest, RevokedKeyIsMarkedAndListenersHearIt) {
    auto created = registry_->create("Gate C", std::nullopt);
    ASSERT_TRUE(registry_->provision(created->token, key_, "1.0"));
    TerminalId heard;
    registry_->addRevocationListener([&](TerminalId id) { heard = id; });
    ASSERT_TRUE(registry_->revoke(created->id));
    EXPECT_EQ(heard, created->id);
    EXPECT_TRUE(registry_->lookupKey(key_)->revoked);
    auto info = registry_->get(created->id);
    ASSERT_TRUE(info && *info);
    EXPECT_EQ((*info)->state, TerminalState::Revoked);
    // Reopening keeps the revocation.
    auto reopened = TerminalRegistry::open(*store_);
    ASSERT_TRUE(reopened);
    EXPECT_TRUE((*reopened)->lookupKey(key_)->revoked);
}

TEST_F(RegistryTest, StatusShowsPresenceAndIsSaved) {
    auto created = registry_->create("Gate D", std::nullopt);
    ASSERT_TRUE(registry_->provision(created->token, key_, "1.0"));
    registry_->markOnline(created->id, {"1.2.3", 40, 7, 5, -2500});
    auto list = registry_->list();
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 1u);
    EXPECT_TRUE(list->front().online);
    EXPECT_EQ(list->front().backlog, 7u);
    EXPECT_EQ(list->front().clockOffsetUs, -2500);
    EXPECT_EQ(list->front().softwareVersion, "1.2.3");
    registry_->markOffline(created->id);
    ASSERT_TRUE(registry_->flushLive());
    auto reopened = TerminalRegistry::open(*store_);
    auto info = (*reopened)->get(created->id);
    ASSERT_TRUE(info && *info);
    EXPECT_FALSE((*info)->online);
    EXPECT_EQ((*info)->backlog, 7u);
    EXPECT_EQ((*info)->softwareVersion, "1.2.3");
    EXPECT_TRUE((*info)->lastSeen);
}

TEST_F(RegistryTest, StoreWithoutGatewayMigrationsIsAClearError) {
    store::StoreOptions o;
    o.path = dir_ / "plain.db";
    auto plain = store::Store::open(o);
    ASSERT_TRUE(plain);
    auto r = TerminalRegistry::open(**plain);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "gateway.schema");
}
