// Real fingerprints (FVC2000 DB1_B from $ROLLCALL_DATA_DIR/fingerprints) through libfprint's
// virtual_image driver and the reader: enrol, verify, reject, refuse a duplicate, identify.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "VirtualDeviceControl.hpp"
#include "rollcall/finger/FingerprintReader.hpp"
#include "rollcall/finger/ScanScript.hpp"

using namespace rollcall;
using namespace rollcall::finger;
using namespace rollcall::finger::testing;
namespace fs = std::filesystem;

namespace {

class RealPrints : public ::testing::Test {
protected:
    void SetUp() override {
        const char* root = std::getenv("ROLLCALL_DATA_DIR");
        if (root == nullptr || !fs::is_directory(fs::path(root) / "fingerprints" / "fvc2000_DB1_B")) {
            GTEST_SKIP() << "ROLLCALL_DATA_DIR is not set or has no fingerprints/fvc2000_DB1_B: real-print tests skipped";
        }
        data_ = fs::path(root) / "fingerprints" / "fvc2000_DB1_B";
        socket_ = uniqueSocketPath("real");
        ReaderConfig config;
        config.driver = "virtual_image";
        config.virtualImageSocket = socket_.string();
        config.executor = callbacks_.executor();
        auto opened = FingerprintReader::open(config);
        ASSERT_TRUE(opened) << opened.error().describe();
        reader_ = std::move(*opened);
        auto feeder = VirtualImageFeeder::connect(socket_);
        ASSERT_TRUE(feeder) << feeder.error().message;
        script_ = std::make_unique<ScanScript>(std::move(*feeder));
        script_->onExhausted([this] { reader_->cancel(); });
        reader_->onEvent([this](const DeviceEvent& e) { script_->onDeviceEvent(e); });
    }
    void TearDown() override {
        reader_.reset();
        if (!socket_.empty()) fs::remove(socket_);
    }

    void queue(int finger, std::initializer_list<int> impressions) {
        for (int i : impressions) {
            auto image = loadGreyImage(data_ / (std::to_string(finger) + "_" + std::to_string(i) + ".png"));
            ASSERT_TRUE(image) << image.error().message;
            script_->pushImage(std::move(*image));
        }
    }
    Result<FingerTemplate> enrol(EmployeeId person, int finger, std::initializer_list<int> impressions = {1, 2, 3, 4, 5}) {
        script_->clear();
        queue(finger, impressions);
        auto future = reader_->enroll(EnrollRequest{.key = {person, Finger::RightIndex}});
        return waitFor(future, std::chrono::seconds(60));
    }
    Result<VerifyOutcome> verify(const FingerTemplate& tmpl, int finger, int impression) {
        script_->clear();
        queue(finger, {impression});
        auto future = reader_->verify(tmpl);
        return waitFor(future, std::chrono::seconds(60));
    }

    fs::path data_;
    fs::path socket_;
    SerialExecutor callbacks_;
    std::unique_ptr<ScanScript> script_;
    std::unique_ptr<FingerprintReader> reader_;
};

TEST_F(RealPrints, EnrolsAFingerAndVerifiesAGenuineProbe) {
    auto tmpl = enrol(EmployeeId(102), 102);
    ASSERT_TRUE(tmpl) << tmpl.error().describe();
    auto outcome = verify(*tmpl, 102, 6);
    ASSERT_TRUE(outcome) << outcome.error().describe();
    EXPECT_TRUE(outcome->matched);
    EXPECT_TRUE(outcome->matcherScore.has_value());
}

TEST_F(RealPrints, RejectsAnImpostor) {
    auto tmpl = enrol(EmployeeId(102), 102);
    ASSERT_TRUE(tmpl) << tmpl.error().describe();
    auto outcome = verify(*tmpl, 103, 6);
    ASSERT_TRUE(outcome) << outcome.error().describe();
    EXPECT_FALSE(outcome->matched);
    EXPECT_FALSE(outcome->deviceMatched);
}

TEST_F(RealPrints, RefusesToEnrolAFingerThatBelongsToSomeoneElse) {
    auto first = enrol(EmployeeId(1), 102);
    ASSERT_TRUE(first) << first.error().describe();
    ASSERT_TRUE(reader_->gallery()->add(*first));
    auto again = enrol(EmployeeId(2), 102, {4, 5, 6, 7, 8});
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, "finger.duplicate");
    EXPECT_NE(again.error().message.find("1/right-index"), std::string::npos) << again.error().message;
}

TEST_F(RealPrints, IdentifiesTheRightPerson) {
    for (int finger : {102, 103, 104}) {
        auto tmpl = enrol(EmployeeId(finger), finger);
        ASSERT_TRUE(tmpl) << finger << ": " << tmpl.error().describe();
        ASSERT_TRUE(reader_->gallery()->add(*tmpl));
    }
    script_->clear();
    queue(103, {7});
    auto future = reader_->identify();
    auto found = waitFor(future, std::chrono::seconds(60));
    ASSERT_TRUE(found) << found.error().describe();
    ASSERT_TRUE(found->match);
    EXPECT_EQ(found->match->person, EmployeeId(103));
    EXPECT_EQ(found->details.enrolled, 3U);
}

}  // namespace
