// The server's enrolment store: versions and the gallery deltas a terminal receives.
#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

#include "rollcall/enrolment/EnrolmentStore.hpp"

namespace fs = std::filesystem;
using namespace rollcall;

namespace {

struct Fixture : ::testing::Test {
    fs::path dir = fs::temp_directory_path() / ("rollcall-enrolment-test-" + std::to_string(::getpid()));
    std::unique_ptr<store::Store> store;
    void SetUp() override {
        fs::remove_all(dir);
        fs::create_directories(dir);
        store::StoreOptions o;
        o.path = dir / "rollcall.db";
        o.extraMigrations.push_back(enrolment::migrations());
        auto s = store::Store::open(o);
        ASSERT_TRUE(s) << s.error().message;
        store = std::move(*s);
    }
    void TearDown() override {
        store.reset();
        fs::remove_all(dir);
    }
};

using EnrolmentStore = Fixture;

}  // namespace

TEST_F(EnrolmentStore, ATerminalThatKnowsNothingGetsEveryone) {
    enrolment::EnrolmentStore e(*store);
    ASSERT_EQ(e.upload(EmployeeId(1), "Li Lei", "face", {{1, 2}, {3, 4}}).value(), 1u);
    ASSERT_EQ(e.upload(EmployeeId(2), "Han Meimei", "face", {{5}}).value(), 2u);
    ASSERT_EQ(e.upload(EmployeeId(1), "Li Lei", "finger", {{9, 9}}).value(), 3u);
    auto d = e.deltaSince(0);
    ASSERT_TRUE(d) << d.error().message;
    EXPECT_EQ(d->fromVersion, 0u);
    EXPECT_EQ(d->toVersion, 3u);
    ASSERT_EQ(d->upserts.size(), 2u);
    EXPECT_EQ(d->upserts[0].employee, EmployeeId(1));
    EXPECT_EQ(d->upserts[0].templates.size(), 3u);
    EXPECT_EQ(d->upserts[1].displayName, "Han Meimei");
    EXPECT_TRUE(d->removals.empty());
}

TEST_F(EnrolmentStore, ADeltaCarriesOnlyWhatChangedSinceTheTerminalsVersion) {
    enrolment::EnrolmentStore e(*store);
    ASSERT_TRUE(e.upload(EmployeeId(1), "A", "face", {{1}}));
    ASSERT_TRUE(e.upload(EmployeeId(2), "B", "face", {{2}}));
    ASSERT_TRUE(e.upload(EmployeeId(3), "C", "face", {{3}}));
    ASSERT_EQ(e.remove(EmployeeId(1)).value(), 4u);
    auto d = e.deltaSince(2);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->fromVersion, 2u);
    EXPECT_EQ(d->toVersion, 4u);
    ASSERT_EQ(d->upserts.size(), 1u);
    EXPECT_EQ(d->upserts[0].employee, EmployeeId(3));
    ASSERT_EQ(d->removals.size(), 1u);
    EXPECT_EQ(d->removals[0], EmployeeId(1));
    auto none = e.deltaSince(4);
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->upserts.empty() && none->removals.empty());
}

TEST_F(EnrolmentStore, AVersionTheServerNeverIssuedGetsTheFullGallery) {
    enrolment::EnrolmentStore e(*store);
    ASSERT_TRUE(e.upload(EmployeeId(1), "A", "face", {{1}}));
    ASSERT_TRUE(e.remove(EmployeeId(1)));
    ASSERT_TRUE(e.upload(EmployeeId(2), "B", "face", {{2}}));
    auto d = e.deltaSince(99);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->fromVersion, 0u);
    ASSERT_EQ(d->upserts.size(), 1u);
    EXPECT_TRUE(d->removals.empty());  // a full gallery replaces; nothing to remove
}

TEST_F(EnrolmentStore, BadUploadsAreRefusedAndChangeNothing) {
    enrolment::EnrolmentStore e(*store);
    EXPECT_EQ(e.upload(EmployeeId(1), "A", "iris", {{1}}).error().code, "enrolment.kind");
    EXPECT_EQ(e.upload(EmployeeId(1), "A", "face", {{}}).error().code, "enrolment.template");
    EXPECT_EQ(e.version().value(), 0u);
}
