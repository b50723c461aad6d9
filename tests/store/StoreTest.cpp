#include "rollcall/store/Store.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <future>
#include <iterator>
#include <latch>

#include "TempDir.hpp"
#include "rollcall/store/Schema.hpp"

using namespace rollcall;
using namespace rollcall::store;
using rollcall::testing::TempDir;

namespace {

std::unique_ptr<Store> openStore(const std::filesystem::path& file) {
    auto s = Store::open({.path = file});
    EXPECT_TRUE(s) << s.error().describe();
    return s ? std::move(*s) : nullptr;
}

Result<std::int64_t> scalar(Store& store, const std::string& sql) {
    return store.read([&](sqlite::Database& db) -> Result<std::int64_t> {
        auto st = db.prepare(sql);
        if (!st) return std::unexpected(st.error());
        auto step = st->step();
        if (!step) return std::unexpected(step.error());
        return st->getInt(0);
    });
}

Status exec(Store& store, const std::string& sql) {
    return store.write([&](sqlite::Database& db) { return db.exec(sql); });
}

std::string bytesOf(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::string out(std::filesystem::file_size(file), '\0');
    in.read(out.data(), static_cast<std::streamsize>(out.size()));
    return out;
}

}  // namespace

TEST(Store, KeepsDataAcrossReopenAndAppliesMigrationsOnce) {
    TempDir dir;
    const auto file = dir.file("rollcall.db");
    {
        auto store = openStore(file);
        ASSERT_TRUE(store);
        ASSERT_TRUE(exec(*store, "INSERT INTO departments(code, name) VALUES ('D1', 'Records office')"));
    }
    auto store = openStore(file);
    ASSERT_TRUE(store);
    EXPECT_EQ(*scalar(*store, "SELECT count(*) FROM departments"), 1);
    EXPECT_EQ(*scalar(*store, "SELECT count(*) FROM schema_versions"),
              static_cast<std::int64_t>(storeMigrations().size()));
    for (const auto& c : storeMigrations()) {
        EXPECT_EQ(*scalar(*store, "SELECT version FROM schema_versions WHERE component = '" + c.component + "'"),
                  static_cast<std::int64_t>(c.migrations.size()))
            << c.component;
    }
    EXPECT_EQ(*scalar(*store, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
}

TEST(Store, RefusesADatabaseFromANewerVersionWithAClearMessageAndLeavesItUntouched) {
    TempDir dir;
    const auto file = dir.file("rollcall.db");
    {
        auto store = openStore(file);
        ASSERT_TRUE(store);
        ASSERT_TRUE(exec(*store, "UPDATE schema_versions SET version = 99 WHERE component = 'attendance'"));
        ASSERT_TRUE(exec(*store, "INSERT INTO departments(code, name) VALUES ('D1', 'Records office')"));
    }
    const std::string before = bytesOf(file);
    ASSERT_FALSE(before.empty());
    auto refused = Store::open({.path = file});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "store.newer_schema");
    EXPECT_NE(refused.error().message.find("version 99 of 'attendance'"), std::string::npos) << refused.error().message;
    EXPECT_NE(refused.error().message.find("left untouched"), std::string::npos);
    EXPECT_EQ(bytesOf(file), before);
}

TEST(Store, RefusesAnUnknownTimeZoneByName) {
    TempDir dir;
    auto s = Store::open({.path = dir.file("rollcall.db"), .timeZone = "Mars/Olympus"});
    ASSERT_FALSE(s);
    EXPECT_NE(s.error().message.find("Mars/Olympus"), std::string::npos);
}

TEST(Store, ExtraComponentsMigrateBesideTheStore) {
    TempDir dir;
    constexpr sqlite::Migration gateway[] = {{1, "CREATE TABLE terminals(id INTEGER PRIMARY KEY, name TEXT);"}};
    auto s = Store::open({.path = dir.file("rollcall.db"), .extraMigrations = {{"gateway", gateway}}});
    ASSERT_TRUE(s) << s.error().describe();
    EXPECT_EQ(*scalar(**s, "SELECT version FROM schema_versions WHERE component = 'gateway'"), 1);
}

TEST(Store, AFailedWriteRollsBackAndANestedWriteJoinsTheOuterTransaction) {
    TempDir dir;
    auto store = openStore(dir.file("rollcall.db"));
    ASSERT_TRUE(store);
    Status outer = store->write([&](sqlite::Database& db) -> Status {
        if (auto st = db.exec("INSERT INTO departments(code, name) VALUES ('A', 'a')"); !st) return st;
        // An inner failure rolls back only its own savepoint.
        Status inner = store->write([&](sqlite::Database& d) -> Status {
            if (auto st = d.exec("INSERT INTO departments(code, name) VALUES ('B', 'b')"); !st) return st;
            return fail("test.inner", "inner gives up");
        });
        EXPECT_FALSE(inner);
        EXPECT_EQ(*scalar(*store, "SELECT count(*) FROM departments"), 1) << "a read on the writer's thread sees its own rows";
        return fail("test.outer", "outer gives up");
    });
    ASSERT_FALSE(outer);
    EXPECT_EQ(outer.error().code, "test.outer");
    EXPECT_EQ(*scalar(*store, "SELECT count(*) FROM departments"), 0);
    ASSERT_TRUE(exec(*store, "INSERT INTO departments(code, name) VALUES ('C', 'c')"));
    EXPECT_EQ(*scalar(*store, "SELECT count(*) FROM departments"), 1);
}

TEST(Store, ReadsRunBesideAnOpenWriteAndSeeTheLastCommit) {
    TempDir dir;
    auto store = openStore(dir.file("rollcall.db"));
    ASSERT_TRUE(store);
    ASSERT_TRUE(exec(*store, "INSERT INTO departments(code, name) VALUES ('A', 'a')"));
    std::latch written(1);
    std::latch readDone(1);
    auto writer = std::async(std::launch::async, [&] {
        return store->write([&](sqlite::Database& db) -> Status {
            auto st = db.exec("INSERT INTO departments(code, name) VALUES ('B', 'b')");
            written.count_down();
            readDone.wait();  // keep the write transaction open while the reader runs
            return st;
        });
    });
    written.wait();
    auto seen = scalar(*store, "SELECT count(*) FROM departments");
    readDone.count_down();
    ASSERT_TRUE(seen) << seen.error().describe();
    EXPECT_EQ(*seen, 1);
    ASSERT_TRUE(writer.get());
    EXPECT_EQ(*scalar(*store, "SELECT count(*) FROM departments"), 2);
}

TEST(Store, ReaderConnectionsCannotWrite) {
    TempDir dir;
    auto store = openStore(dir.file("rollcall.db"));
    ASSERT_TRUE(store);
    Status st = store->read([](sqlite::Database& db) { return db.exec("INSERT INTO departments(code, name) VALUES ('A', 'a')"); });
    EXPECT_FALSE(st);
}
