// The signed anchor catches what the hash chain cannot: entries deleted from the end of the
// log. Also: an edited or missing anchor fails, appends from a connection that cannot sign
// are accepted, and an append after a truncation does not hide it.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "rollcall/audit/AuditAnchor.hpp"
#include "rollcall/audit/AuditLog.hpp"

namespace rollcall::audit {
namespace {

class AuditAnchorTest : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = std::filesystem::temp_directory_path() / ("rollcall-anchor-" + std::to_string(std::random_device{}()) + ".db");
        auto db = sqlite::Database::open(path_);
        ASSERT_TRUE(db) << db.error().describe();
        db_ = std::make_unique<sqlite::Database>(std::move(*db));
        ASSERT_TRUE(AuditLog::migrate(*db_));
        ASSERT_TRUE(anchor_.install(*db_));
        for (int i = 1; i <= 5; ++i) append(*db_, i);
    }
    void TearDown() override {
        db_.reset();
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix, ec);
    }
    static void append(sqlite::Database& db, int i) {
        auto e = AuditLog(db).append({"hr", "leave.approve", "leave/" + std::to_string(i), nullptr, {{"state", "approved"}}, ""});
        ASSERT_TRUE(e) << e.error().describe();
    }
    void tamper(const std::string& sql) {
        ASSERT_TRUE(db_->exec("DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;"));
        ASSERT_TRUE(db_->exec(sql));
    }
    VerifyReport verify() {
        auto r = AuditLog(*db_).verify(&anchor_);
        EXPECT_TRUE(r) << r.error().describe();
        return r ? *r : VerifyReport{};
    }

    std::filesystem::path path_;
    std::unique_ptr<sqlite::Database> db_;
    AuditAnchor anchor_ = AuditAnchor::fromKey({1, 2, 3, 4, 5, 6, 7, 8});
};

TEST_F(AuditAnchorTest, AnIntactLogVerifies) {
    const auto r = verify();
    EXPECT_TRUE(r.ok) << r.reason;
    EXPECT_EQ(r.entriesChecked, 5);
    auto a = AuditAnchor::read(*db_);
    ASSERT_TRUE(a && *a);
    EXPECT_EQ((*a)->seq, 5);
}

TEST_F(AuditAnchorTest, DeletingTheLastTwoEntriesIsFoundAndNamed) {
    tamper("DELETE FROM audit_log WHERE seq >= 4");
    // The chain of 1..3 alone is valid; even without the key, the stored anchor is not.
    const auto chainOnly = AuditLog(*db_).verify();
    ASSERT_TRUE(chainOnly);
    EXPECT_FALSE(chainOnly->ok);
    const auto r = verify();
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.firstBroken, 4);
    EXPECT_NE(r.reason.find("deleted from the end"), std::string::npos) << r.reason;
    EXPECT_NE(r.reason.find("entry 5"), std::string::npos) << r.reason;
}

TEST_F(AuditAnchorTest, AppendingAfterATruncationDoesNotHideIt) {
    tamper("DELETE FROM audit_log WHERE seq >= 4");
    append(*db_, 40);
    append(*db_, 50);  // seq 4 and 5 again, with other content
    const auto r = verify();
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.firstBroken, 5);
    EXPECT_NE(r.reason.find("deleted from the end"), std::string::npos) << r.reason;
}

TEST_F(AuditAnchorTest, AnAnchorMovedBackWithoutTheKeyIsRefused) {
    tamper("DELETE FROM audit_log WHERE seq >= 4; "
           "UPDATE audit_anchor SET seq = 3, hash = (SELECT hash FROM audit_log WHERE seq = 3)");
    const auto r = verify();
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.reason.find("signature"), std::string::npos) << r.reason;
}

TEST_F(AuditAnchorTest, ADeletedAnchorIsRefused) {
    tamper("DELETE FROM audit_log WHERE seq >= 4; DELETE FROM audit_anchor");
    const auto r = verify();
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.reason.find("anchor is missing"), std::string::npos) << r.reason;
}

TEST_F(AuditAnchorTest, AnotherKeyDoesNotVerify) {
    const auto other = AuditAnchor::fromKey({9});
    auto r = AuditLog(*db_).verify(&other);
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->ok);
}

TEST_F(AuditAnchorTest, AppendsFromAConnectionThatCannotSignAreAccepted) {
    auto plain = sqlite::Database::open(path_);
    ASSERT_TRUE(plain);
    append(*plain, 6);
    append(*plain, 7);
    auto r = verify();
    EXPECT_TRUE(r.ok) << r.reason;
    EXPECT_EQ(r.entriesChecked, 7);
    append(*db_, 8);  // the signing connection moves the anchor on
    EXPECT_EQ((*AuditAnchor::read(*db_))->seq, 8);
    EXPECT_TRUE(verify().ok);
}

TEST_F(AuditAnchorTest, InstallAnchorsAnExistingLogAndTheKeyFileIsPrivate) {
    const auto dir = std::filesystem::temp_directory_path() / ("rollcall-anchor-key-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir);
    auto key = AuditAnchor::loadOrCreate(dir / "audit-anchor.key");
    ASSERT_TRUE(key) << key.error().describe();
    EXPECT_EQ(std::filesystem::status(dir / "audit-anchor.key").permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    auto again = AuditAnchor::loadOrCreate(dir / "audit-anchor.key");
    ASSERT_TRUE(again);
    EXPECT_EQ(key->sign(1, "x"), again->sign(1, "x")) << "the same key is read back";
    ASSERT_TRUE(db_->exec("DELETE FROM audit_anchor"));
    ASSERT_TRUE(key->install(*db_));
    auto r = AuditLog(*db_).verify(&*key);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->ok) << r->reason;
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rollcall::audit
