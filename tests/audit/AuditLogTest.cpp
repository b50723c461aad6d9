// The audit chain: appends link by hash; editing or deleting a row behind the log's back is
// found by verify(), which names the first broken entry.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "rollcall/audit/AuditLog.hpp"

namespace rollcall::audit {
namespace {

class AuditLogTest : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = std::filesystem::temp_directory_path() / ("rollcall-audit-" + std::to_string(std::random_device{}()) + ".db");
        auto db = sqlite::Database::open(path_);
        ASSERT_TRUE(db) << db.error().describe();
        db_ = std::make_unique<sqlite::Database>(std::move(*db));
        ASSERT_TRUE(AuditLog::migrate(*db_));
        AuditLog log(*db_);
        for (int i = 1; i <= 5; ++i) {
            auto e = log.append({"hr", "leave.approve", "leave/" + std::to_string(i), {{"state", "pending"}},
                                 {{"state", "approved"}}, "127.0.0.1"});
            ASSERT_TRUE(e) << e.error().describe();
            EXPECT_EQ(e->seq, i);
        }
    }
    void TearDown() override {
        db_.reset();
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix, ec);
    }
    // What someone with the database file does: drop the guard, change a row.
    void tamper(const std::string& sql) {
        ASSERT_TRUE(db_->exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"));
        ASSERT_TRUE(db_->exec(sql));
    }

    std::filesystem::path path_;
    std::unique_ptr<sqlite::Database> db_;
};

TEST_F(AuditLogTest, AnUntouchedChainVerifies) {
    auto r = AuditLog(*db_).verify();
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->ok);
    EXPECT_EQ(r->entriesChecked, 5);
    EXPECT_FALSE(r->firstBroken);
}

TEST_F(AuditLogTest, EachEntryCarriesThePreviousHash) {
    auto entries = AuditLog(*db_).list({});
    ASSERT_TRUE(entries);
    ASSERT_EQ(entries->size(), 5u);
    EXPECT_EQ((*entries)[0].prevHash, AuditLog::kGenesis);
    for (std::size_t i = 1; i < entries->size(); ++i) EXPECT_EQ((*entries)[i].prevHash, (*entries)[i - 1].hash);
}

TEST_F(AuditLogTest, TheLogRefusesUpdatesAndDeletesThroughSql) {
    EXPECT_FALSE(db_->exec("UPDATE audit_log SET actor = 'x' WHERE seq = 2"));
    EXPECT_FALSE(db_->exec("DELETE FROM audit_log WHERE seq = 2"));
    EXPECT_TRUE(AuditLog(*db_).verify()->ok);
}

TEST_F(AuditLogTest, AnEditedRowIsNamed) {
    tamper(R"(UPDATE audit_log SET after_json = '{"state":"rejected"}' WHERE seq = 3)");
    auto r = AuditLog(*db_).verify();
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->ok);
    ASSERT_TRUE(r->firstBroken);
    EXPECT_EQ(*r->firstBroken, 3);
    EXPECT_NE(r->reason.find("entry 3"), std::string::npos) << r->reason;
}

TEST_F(AuditLogTest, AnEditedActorOrTimeIsNamed) {
    tamper("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2");
    EXPECT_EQ(AuditLog(*db_).verify()->firstBroken, 2);
}

TEST_F(AuditLogTest, ARehashedRowBreaksTheNextLink) {
    // Recomputing the edited row's own hash is not enough: the next entry still holds the old one.
    auto entries = AuditLog(*db_).list({});
    auto edited = (*entries)[1];
    edited.event.actor = "forger";
    const auto newHash = AuditLog::computeHash(edited);
    tamper("UPDATE audit_log SET actor = 'forger', hash = '" + newHash + "' WHERE seq = 2");
    auto r = AuditLog(*db_).verify();
    EXPECT_FALSE(r->ok);
    EXPECT_EQ(*r->firstBroken, 3);
}

TEST_F(AuditLogTest, ADeletedRowIsNamed) {
    tamper("DELETE FROM audit_log WHERE seq = 4");
    auto r = AuditLog(*db_).verify();
    EXPECT_FALSE(r->ok);
    EXPECT_EQ(*r->firstBroken, 4);
    EXPECT_NE(r->reason.find("missing"), std::string::npos) << r->reason;
}

TEST_F(AuditLogTest, AppendJoinsTheCallersTransaction) {
    ASSERT_TRUE(db_->exec("BEGIN IMMEDIATE"));
    ASSERT_TRUE(AuditLog(*db_).append({"hr", "x", "y", nullptr, nullptr, ""}));
    ASSERT_TRUE(db_->exec("ROLLBACK"));
    EXPECT_EQ(AuditLog(*db_).verify()->entriesChecked, 5) << "rolled back with the change it recorded";
}

}  // namespace
}  // namespace rollcall::audit
