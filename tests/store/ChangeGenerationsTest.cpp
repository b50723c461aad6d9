// Store::changes(): a table's stamp moves only when a write that changed it has committed,
// once per outermost transaction, never on rollback; and a reader that takes the stamp before
// reading never sees two different answers under one stamp.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>

#include "TempDir.hpp"
#include "rollcall/store/Store.hpp"

using namespace rollcall;
using namespace rollcall::store;
using rollcall::testing::TempDir;

namespace {

std::unique_ptr<Store> openStore(const std::filesystem::path& file) {
    auto s = Store::open({.path = file});
    EXPECT_TRUE(s) << s.error().describe();
    return s ? std::move(*s) : nullptr;
}

Status exec(Store& store, const std::string& sql) {
    return store.write([&](sqlite::Database& db) { return db.exec(sql); });
}

Result<std::int64_t> count(Store& store, const std::string& table) {
    return store.read([&](sqlite::Database& db) -> Result<std::int64_t> {
        auto st = db.prepare("SELECT count(*) FROM " + table);
        if (!st) return std::unexpected(st.error());
        if (auto step = st->step(); !step) return std::unexpected(step.error());
        return st->getInt(0);
    });
}

}  // namespace

TEST(ChangeGenerations, MoveOnlyForTheTablesACommitChanged) {
    TempDir dir;
    auto store = openStore(dir.file("g.db"));
    ASSERT_TRUE(store);
    const auto& changes = store->changes();
    EXPECT_EQ(changes.of({"departments"}), 0u);
    ASSERT_TRUE(exec(*store, "INSERT INTO departments(code, name) VALUES ('D1', 'Records')"));
    const auto afterDept = changes.of({"departments"});
    EXPECT_GT(afterDept, 0u);
    EXPECT_EQ(changes.of({"employees"}), 0u);
    EXPECT_EQ(changes.latest(), afterDept);
    ASSERT_TRUE(exec(*store, "INSERT INTO employees(number, name, department_id) VALUES ('E1', 'Ann', 1)"));
    EXPECT_EQ(changes.of({"departments"}), afterDept);
    EXPECT_GT(changes.of({"employees"}), afterDept);
    EXPECT_EQ(changes.of({"departments", "employees"}), changes.latest());
}

TEST(ChangeGenerations, NotBeforeTheCommitNorOnRollback) {
    TempDir dir;
    auto store = openStore(dir.file("g.db"));
    ASSERT_TRUE(store);
    const auto before = store->changes().latest();
    auto r = store->write([&](sqlite::Database& db) -> Status {
        if (auto st = db.exec("INSERT INTO departments(code, name) VALUES ('D1', 'Records')"); !st) return st;
        EXPECT_EQ(store->changes().latest(), before) << "published before the commit";
        return fail("test.abort", "roll back");
    });
    ASSERT_FALSE(r);
    EXPECT_EQ(store->changes().latest(), before);
    EXPECT_EQ(store->changes().of({"departments"}), 0u);
    EXPECT_EQ(*count(*store, "departments"), 0);
    // A failed statement inside the transaction changes nothing either.
    EXPECT_FALSE(exec(*store, "INSERT INTO departments(code, name) VALUES ('D1', NULL)"));
    EXPECT_EQ(store->changes().latest(), before);
    // A transaction that only reads publishes nothing.
    ASSERT_TRUE(exec(*store, "SELECT 1"));
    EXPECT_EQ(store->changes().latest(), before);
}

TEST(ChangeGenerations, NestedWritesPublishOnceAtTheOutermostCommit) {
    TempDir dir;
    auto store = openStore(dir.file("g.db"));
    ASSERT_TRUE(store);
    const auto before = store->changes().latest();
    auto r = store->write([&](sqlite::Database&) -> Status {
        if (auto st = exec(*store, "INSERT INTO departments(code, name) VALUES ('D1', 'Records')"); !st) return st;
        EXPECT_EQ(store->changes().latest(), before) << "an inner write published";
        // An inner write that rolls back to its savepoint: harmless if its table is noted too.
        EXPECT_FALSE(store->write([&](sqlite::Database& db) -> Status {
            if (auto st = db.exec("INSERT INTO posts(code, name, department_id) VALUES ('P1', 'Desk', 1)"); !st) return st;
            return fail("test.abort", "inner roll back");
        }));
        return exec(*store, "INSERT INTO employees(number, name, department_id) VALUES ('E1', 'Ann', 1)");
    });
    ASSERT_TRUE(r) << r.error().describe();
    EXPECT_EQ(store->changes().latest(), before + 1);
    EXPECT_EQ(store->changes().of({"departments"}), before + 1);
    EXPECT_EQ(store->changes().of({"employees"}), before + 1);
    EXPECT_EQ(*count(*store, "posts"), 0);
}

// day_records is WITHOUT ROWID (sqlite3_update_hook would miss it), and a DELETE without WHERE
// may be run by SQLite as a truncation that skips row callbacks.
TEST(ChangeGenerations, SeesWithoutRowidTablesAndWholeTableDeletes) {
    TempDir dir;
    auto store = openStore(dir.file("g.db"));
    ASSERT_TRUE(store);
    ASSERT_TRUE(exec(*store,
                     "INSERT INTO day_records(employee_id, date, status, calendar_day, late_min, early_min, worked_min, "
                     "overtime_min, missing_in, missing_out, detail, version, evaluated_at_us) "
                     "VALUES (1, '2026-03-02', 'absent', 'workday', 0, 0, 0, 0, 0, 0, '{}', 1, 0)"));
    const auto inserted = store->changes().of({"day_records"});
    EXPECT_GT(inserted, 0u);
    ASSERT_TRUE(exec(*store, "UPDATE day_records SET status = 'present'"));
    const auto updated = store->changes().of({"day_records"});
    EXPECT_GT(updated, inserted);
    ASSERT_TRUE(exec(*store, "INSERT INTO departments(code, name) VALUES ('D1', 'Records')"));
    const auto dept = store->changes().of({"departments"});
    ASSERT_TRUE(exec(*store, "DELETE FROM departments"));
    EXPECT_GT(store->changes().of({"departments"}), dept);
    ASSERT_TRUE(exec(*store, "DELETE FROM day_records"));
    EXPECT_GT(store->changes().of({"day_records"}), updated);
}

// The property an answer cache relies on: take the stamp, then read, and file the answer under
// the stamp. Whatever answer is filed first under the current stamp, it is never older than a
// write that had returned before the lookup began.
TEST(ChangeGenerations, AnAnswerFiledUnderTheCurrentStampIsNeverStale) {
    TempDir dir;
    auto store = openStore(dir.file("g.db"));
    ASSERT_TRUE(store);
    std::atomic<int> written{0};
    std::jthread writer([&] {
        for (int i = 1; i <= 300; ++i) {
            ASSERT_TRUE(exec(*store, "INSERT INTO departments(code, name) VALUES ('D" + std::to_string(i) + "', 'x')"));
            written = i;
        }
    });
    std::map<std::uint64_t, std::int64_t> filed;  // a cache that never replaces an answer
    int lookups = 0;
    while (written < 300 || lookups < 100) {
        const int returned = written;  // writes that had returned before this lookup
        const auto g = store->changes().of({"departments"});
        auto it = filed.find(g);
        if (it == filed.end()) {
            auto n = count(*store, "departments");
            ASSERT_TRUE(n) << n.error().describe();
            it = filed.emplace(g, *n).first;
        }
        ASSERT_GE(it->second, returned) << "stamp " << g << " served an answer older than a finished write";
        ++lookups;
    }
    writer.join();
    if (auto last = filed.find(store->changes().of({"departments"})); last != filed.end()) {
        EXPECT_EQ(last->second, 300);
    }
    EXPECT_EQ(*count(*store, "departments"), 300);
}
