// FingerprintReader over libfprint's virtual_image driver, fed by ScanScript in step with the
// device's finger status: the error paths need no fingerprint images.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>

#include "VirtualDeviceControl.hpp"
#include "rollcall/finger/FingerprintReader.hpp"
#include "rollcall/finger/ScanScript.hpp"

using namespace rollcall;
using namespace rollcall::finger;
using namespace rollcall::finger::testing;

namespace {

class ImageReader : public ::testing::Test {
protected:
    void SetUp() override {
        socket_ = uniqueSocketPath("image");
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
        reader_->onEvent([this](const DeviceEvent& e) {
            if (e.kind == DeviceEventKind::Removed) ++removedEvents_;
            script_->onDeviceEvent(e);
        });
    }
    void TearDown() override {
        reader_.reset();
        std::filesystem::remove(socket_);
    }

    std::filesystem::path socket_;
    SerialExecutor callbacks_;
    std::unique_ptr<ScanScript> script_;
    std::unique_ptr<FingerprintReader> reader_;
    std::atomic<int> removedEvents_{0};
};

TEST_F(ImageReader, IsAnImageSensorWhosePrintsCarryMinutiae) {
    EXPECT_EQ(reader_->device().driver, "virtual_image");
    EXPECT_TRUE(reader_->device().minutiae);
    EXPECT_EQ(reader_->device().enrollStages, 5);
}

TEST_F(ImageReader, DeviceRemovedMidEnrolmentFailsIt) {
    script_->push({ScanStep::Kind::Remove, {}, 0});
    auto future = reader_->enroll(EnrollRequest{.key = {EmployeeId(1), Finger::RightIndex}});
    auto r = waitFor(future);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "finger.device_removed");
    for (int i = 0; i < 100 && removedEvents_ == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_EQ(removedEvents_.load(), 1);
}

TEST_F(ImageReader, RetryDuringEnrolmentIsReportedAndEnrolmentWaitsForTheNextScan) {
    script_->push({ScanStep::Kind::Retry, {}, 2});  // FP_DEVICE_RETRY_CENTER_FINGER
    script_->push({ScanStep::Kind::Remove, {}, 0});
    std::atomic<int> retries{0};
    auto future = reader_->enroll(EnrollRequest{.key = {EmployeeId(1), Finger::RightIndex}}, [&](const EnrollProgress& p) {
        if (p.retry) ++retries;
        EXPECT_EQ(p.stage, 0);
    });
    auto r = waitFor(future);
    ASSERT_FALSE(r);
    EXPECT_EQ(retries.load(), 1);
    EXPECT_EQ(r.error().code, "finger.device_removed");
}

TEST_F(ImageReader, FatalErrorFailsTheOperation) {
    script_->push({ScanStep::Kind::Error, {}, 5});  // FP_DEVICE_ERROR_PROTO
    auto future = reader_->capture();
    auto r = waitFor(future);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "finger.device_error");
}

TEST_F(ImageReader, NoFingerThenCancelEndsTheScan) {
    auto future = reader_->identify();  // the script is empty: it cancels when a finger is needed
    auto r = waitFor(future);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "finger.cancelled");
}

}  // namespace
