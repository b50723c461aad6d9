#include "rollcall/sqlite/Database.hpp"
#include "rollcall/sqlite/Migrations.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace rollcall;
using namespace rollcall::sqlite;
namespace fs = std::filesystem;

namespace {

class TempDir {
public:
    TempDir() : path_(fs::temp_directory_path() / ("rollcall-sqlite-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++))) {
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() { fs::remove_all(path_); }
    [[nodiscard]] const fs::path& path() const { return path_; }

private:
    static inline int counter_ = 0;
    fs::path path_;
};

constexpr Migration kV1[] = {{1, "CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"}};
constexpr Migration kV2[] = {{1, "CREATE TABLE people(id INTEGER PRIMARY KEY, name TEXT NOT NULL);"},
                             {2, "ALTER TABLE people ADD COLUMN post TEXT;"}};

}  // namespace

TEST(Sqlite, MigratesAFreshFileAndKeepsDataAcrossReopen) {
    TempDir dir;
    const auto file = dir.path() / "store.db";
    {
        auto db = Database::open(file);
        ASSERT_TRUE(db) << db.error().describe();
        auto v = migrate(*db, "org", kV1);
        ASSERT_TRUE(v) << v.error().describe();
        EXPECT_EQ(*v, 1);
        ASSERT_TRUE(db->exec("INSERT INTO people(name) VALUES ('Li Wei')"));
    }
    auto db = Database::open(file);
    ASSERT_TRUE(db);
    auto v = migrate(*db, "org", kV2);
    ASSERT_TRUE(v) << v.error().describe();
    EXPECT_EQ(*v, 2);
    auto st = db->prepare("SELECT name, post FROM people");
    ASSERT_TRUE(st);
    ASSERT_EQ(*st->step(), Step::Row);
    EXPECT_EQ(st->getText(0), "Li Wei");
    EXPECT_TRUE(st->isNull(1));
}

TEST(Sqlite, RefusesADatabaseFromANewerVersionAndLeavesItUntouched) {
    TempDir dir;
    const auto file = dir.path() / "store.db";
    {
        auto db = Database::open(file);
        ASSERT_TRUE(migrate(*db, "org", kV2));
    }
    auto db = Database::open(file);
    auto v = migrate(*db, "org", kV1);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().code, "migration.newer");
    EXPECT_NE(v.error().message.find("newer than this program knows"), std::string::npos);
    EXPECT_EQ(*schemaVersion(*db, "org"), 2);
}

TEST(Sqlite, ComponentsKeepSeparateVersions) {
    auto db = Database::openMemory();
    ASSERT_TRUE(db);
    constexpr Migration audit[] = {{1, "CREATE TABLE audit(id INTEGER PRIMARY KEY);"}};
    ASSERT_TRUE(migrate(*db, "org", kV2));
    ASSERT_TRUE(migrate(*db, "audit", audit));
    EXPECT_EQ(*schemaVersion(*db, "org"), 2);
    EXPECT_EQ(*schemaVersion(*db, "audit"), 1);
}

TEST(Sqlite, AFailedMigrationRollsBackCompletely) {
    auto db = Database::openMemory();
    constexpr Migration bad[] = {{1, "CREATE TABLE a(x); CREATE TABLE a(y);"}};
    auto v = migrate(*db, "x", bad);
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().code, "migration.failed");
    EXPECT_EQ(*schemaVersion(*db, "x"), 0);
    auto st = db->prepare("SELECT count(*) FROM sqlite_master WHERE name = 'a'");
    ASSERT_EQ(*st->step(), Step::Row);
    EXPECT_EQ(st->getInt(0), 0);
}

TEST(Sqlite, TransactionRollsBackUnlessCommitted) {
    auto db = Database::openMemory();
    ASSERT_TRUE(db->exec("CREATE TABLE t(x INTEGER UNIQUE)"));
    {
        auto tx = Transaction::begin(*db);
        ASSERT_TRUE(db->exec("INSERT INTO t VALUES (1)"));
    }
    {
        auto tx = Transaction::begin(*db);
        ASSERT_TRUE(db->exec("INSERT INTO t VALUES (2)"));
        ASSERT_TRUE(tx->commit());
    }
    auto st = db->prepare("SELECT group_concat(x) FROM t");
    ASSERT_EQ(*st->step(), Step::Row);
    EXPECT_EQ(st->getText(0), "2");
}

TEST(Sqlite, ConstraintViolationsAreNamedErrors) {
    auto db = Database::openMemory();
    ASSERT_TRUE(db->exec("CREATE TABLE t(x INTEGER UNIQUE)"));
    auto ins = db->prepare("INSERT INTO t VALUES (?1)");
    ASSERT_TRUE(ins->bind(1, 5).run());
    ins->reset();
    auto again = ins->bind(1, 5).run();
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, "sqlite.constraint");
}

TEST(Sqlite, AFileThatIsNotADatabaseIsRefusedWithItsName) {
    TempDir dir;
    const auto file = dir.path() / "notes.txt";
    std::ofstream(file) << "this is not a database, just some text that is long enough to look like a header";
    auto db = Database::open(file);
    ASSERT_FALSE(db);
    EXPECT_NE(db.error().message.find("notes.txt"), std::string::npos);
}

TEST(Sqlite, CachedStatementIsPreparedOnceAndHandedOutReset) {
    auto db = Database::openMemory();
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->exec("CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2), (3);"));
    auto first = db->cached("SELECT x FROM t WHERE x >= ?1 ORDER BY x");
    ASSERT_TRUE(first);
    (*first)->bind(1, 2);
    auto row = (*first)->step();
    ASSERT_TRUE(row);
    EXPECT_EQ((*first)->getInt(0), 2);
    // Left mid-step with a binding: the next hand-out is the same object, reset and unbound.
    auto again = db->cached("SELECT x FROM t WHERE x >= ?1 ORDER BY x");
    ASSERT_TRUE(again);
    EXPECT_EQ(*again, *first);
    auto step = (*again)->step();
    ASSERT_TRUE(step);
    EXPECT_EQ(*step, Step::Done);  // NULL bound: no row matches

    auto bad = db->cached("SELECT nonsense FROM nowhere");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, "sqlite.error");
    // A failed preparation is not cached: it fails again the same way.
    EXPECT_FALSE(db->cached("SELECT nonsense FROM nowhere"));
    // Cached statements do not keep close() from closing the connection.
    db->resetCached();
    EXPECT_TRUE(db->close());
}
