// FingerprintReader over libfprint's virtual_device_storage: deterministic text commands drive
// the real library code through the reader's thread, cancellation and error paths.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>

#include "VirtualDeviceControl.hpp"
#include "rollcall/finger/FingerprintReader.hpp"

using namespace rollcall;
using namespace rollcall::finger;
using namespace rollcall::finger::testing;

namespace {

class StorageReader : public ::testing::Test {
protected:
    void SetUp() override {
        socket_ = uniqueSocketPath("storage");
        ReaderConfig config;
        config.driver = "virtual_device_storage";
        config.virtualStorageSocket = socket_.string();
        config.executor = callbacks_.executor();
        auto opened = FingerprintReader::open(config);
        ASSERT_TRUE(opened) << opened.error().describe();
        reader_ = std::move(*opened);
    }
    void TearDown() override {
        reader_.reset();
        std::filesystem::remove(socket_);
    }
    void command(const std::string& text) {
        auto sent = sendStorageCommand(socket_, text);
        ASSERT_TRUE(sent) << sent.error().message;
    }
    FingerTemplate enrol(EmployeeId person, const std::string& scanId) {
        for (int i = 0; i < reader_->device().enrollStages; ++i) command("SCAN " + scanId);
        auto future = reader_->enroll(EnrollRequest{.key = {person, Finger::RightIndex}});
        auto tmpl = waitFor(future);
        EXPECT_TRUE(tmpl) << tmpl.error().describe();
        return tmpl ? *tmpl : FingerTemplate{};
    }

    std::filesystem::path socket_;
    SerialExecutor callbacks_;  // outlives the reader: completions may still be queued on it
    std::unique_ptr<FingerprintReader> reader_;
};

TEST_F(StorageReader, EnrolsVerifiesAndIdentifiesThroughTheDeviceThread) {
    EXPECT_EQ(reader_->device().driver, "virtual_device_storage");
    EXPECT_FALSE(reader_->device().minutiae);
    std::atomic<int> progressOnCallerThread{0}, progressElsewhere{0};
    for (int i = 0; i < reader_->device().enrollStages; ++i) command("SCAN alice");
    auto future = reader_->enroll(EnrollRequest{.key = {EmployeeId(1), Finger::LeftThumb}}, [&](const EnrollProgress& p) {
        (callbacks_.onThisThread() ? progressOnCallerThread : progressElsewhere)++;
        EXPECT_FALSE(p.retry);
    });
    auto alice = waitFor(future);
    ASSERT_TRUE(alice) << alice.error().describe();
    EXPECT_EQ(alice->key.person, EmployeeId(1));
    EXPECT_FALSE(alice->print.empty());
    EXPECT_EQ(progressOnCallerThread.load(), reader_->device().enrollStages);
    EXPECT_EQ(progressElsewhere.load(), 0);
    const FingerTemplate bob = enrol(EmployeeId(2), "bob");

    command("SCAN alice");
    auto same = reader_->verify(*alice);
    auto sameResult = waitFor(same);
    ASSERT_TRUE(sameResult) << sameResult.error().describe();
    EXPECT_TRUE(sameResult->matched);

    command("SCAN bob");
    auto other = reader_->verify(*alice);
    auto otherResult = waitFor(other);
    ASSERT_TRUE(otherResult) << otherResult.error().describe();
    EXPECT_FALSE(otherResult->matched);

    command("SCAN bob");
    auto who = reader_->identify({*alice, bob});
    auto found = waitFor(who);
    ASSERT_TRUE(found) << found.error().describe();
    ASSERT_TRUE(found->match);
    EXPECT_EQ(found->match->person, EmployeeId(2));
}

TEST_F(StorageReader, CompletionRunsOnTheCallersExecutor) {
    const FingerTemplate alice = enrol(EmployeeId(1), "alice");
    command("SCAN alice");
    std::promise<bool> onCaller;
    reader_->verify(alice, [&](Result<VerifyOutcome> r) {
        EXPECT_TRUE(r && r->matched);
        onCaller.set_value(callbacks_.onThisThread());
    });
    auto f = onCaller.get_future();
    EXPECT_TRUE(waitFor(f));
}

TEST_F(StorageReader, CancelEndsAWaitingOperationAndTheReaderCarriesOn) {
    const FingerTemplate alice = enrol(EmployeeId(1), "alice");
    command("SLEEP 20000");
    auto waiting = reader_->verify(alice);
    EXPECT_EQ(waiting.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
    reader_->cancel();
    auto cancelled = waitFor(waiting, std::chrono::seconds(5));
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(cancelled.error().code, "finger.cancelled");

    command("SCAN alice");
    auto again = reader_->verify(alice);
    auto result = waitFor(again);
    ASSERT_TRUE(result) << result.error().describe();
    EXPECT_TRUE(result->matched);
}

TEST_F(StorageReader, SecondOperationWhileBusyIsRefused) {
    const FingerTemplate alice = enrol(EmployeeId(1), "alice");
    command("SLEEP 20000");
    auto first = reader_->verify(alice);
    auto second = reader_->verify(alice);
    auto refused = waitFor(second);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "finger.busy");
    reader_->cancel();
    EXPECT_EQ(waitFor(first).error().code, "finger.cancelled");
}

TEST_F(StorageReader, RetryIsReportedAndTheNextScanSucceeds) {
    const FingerTemplate alice = enrol(EmployeeId(1), "alice");
    command("RETRY 1");
    auto retried = reader_->verify(alice);
    auto r = waitFor(retried);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "finger.retry");

    command("SCAN alice");
    auto again = reader_->verify(alice);
    auto ok = waitFor(again);
    ASSERT_TRUE(ok) << ok.error().describe();
    EXPECT_TRUE(ok->matched);
}

TEST_F(StorageReader, RetryDuringEnrolmentIsProgressAndEnrolmentCompletes) {
    command("SCAN alice");
    command("RETRY 1");
    for (int i = 1; i < reader_->device().enrollStages; ++i) command("SCAN alice");
    std::atomic<int> retries{0};
    auto future = reader_->enroll(EnrollRequest{.key = {EmployeeId(1), Finger::RightIndex}}, [&](const EnrollProgress& p) {
        if (p.retry) {
            ++retries;
            EXPECT_FALSE(p.message.empty());
        }
    });
    auto tmpl = waitFor(future);
    ASSERT_TRUE(tmpl) << tmpl.error().describe();
    EXPECT_EQ(retries.load(), 1);
}

TEST_F(StorageReader, FatalDeviceErrorFailsTheOperationOnly) {
    const FingerTemplate alice = enrol(EmployeeId(1), "alice");
    command("ERROR 0");  // FP_DEVICE_ERROR_GENERAL
    auto failed = reader_->verify(alice);
    auto r = waitFor(failed);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "finger.device_error");

    command("SCAN alice");
    auto again = reader_->verify(alice);
    auto ok = waitFor(again);
    ASSERT_TRUE(ok) << ok.error().describe();
    EXPECT_TRUE(ok->matched);
}

TEST_F(StorageReader, DeviceRemovedMidEnrolmentFailsItAndIsAnnounced) {
    std::promise<void> removed;
    reader_->onEvent([&](const DeviceEvent& e) {
        if (e.kind == DeviceEventKind::Removed) removed.set_value();
    });
    command("SCAN alice");
    command("SCAN alice");
    command("SLEEP 1000");
    std::promise<void> twoStages;
    auto future = reader_->enroll(EnrollRequest{.key = {EmployeeId(1), Finger::RightIndex}}, [&](const EnrollProgress& p) {
        if (p.stage == 2) twoStages.set_value();
    });
    auto stages = twoStages.get_future();
    waitFor(stages);
    command("UNPLUG");
    auto r = waitFor(future);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "finger.device_removed");
    auto announced = removed.get_future();
    waitFor(announced);
}

TEST_F(StorageReader, DestroyingTheReaderCancelsWhatRuns) {
    const FingerTemplate alice = enrol(EmployeeId(1), "alice");
    command("SLEEP 20000");
    auto waiting = reader_->verify(alice);
    EXPECT_EQ(waiting.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout);
    const auto start = std::chrono::steady_clock::now();
    reader_.reset();
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    auto r = waitFor(waiting);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "finger.cancelled");
}

TEST_F(StorageReader, MalformedTemplateIsRefusedBeforeTheDevice) {
    auto bad = reader_->verify(FingerTemplate{{EmployeeId(1), Finger::RightIndex}, {'F', 'P', '3', 0, 1, 2}});
    auto r = waitFor(bad);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "finger.print_invalid");
}

}  // namespace
