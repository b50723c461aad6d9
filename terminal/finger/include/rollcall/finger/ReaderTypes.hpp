#pragma once
// Plain values that cross the FingerprintReader boundary (no GLib types).
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "rollcall/domain/Error.hpp"
#include "rollcall/finger/FingerTemplate.hpp"
#include "rollcall/finger/Gallery.hpp"
#include "rollcall/finger/SerialExecutor.hpp"

namespace rollcall::finger {

// Error codes: finger.retry (bad scan, try again), finger.cancelled, finger.busy,
// finger.device_removed, finger.device_error, finger.enroll_inconsistent,
// finger.duplicate, finger.print_invalid, finger.print_not_nbis, finger.not_supported,
// finger.too_hot (libfprint's overheating guard: wait and try again).

enum class DeviceEventKind { FingerNeeded, FingerPresent, FingerGone, Removed };

struct DeviceEvent {
    DeviceEventKind kind;
};

struct DeviceInfo {
    std::string driver;     // "virtual_image", "virtual_device_storage", "elan", ...
    std::string name;
    int enrollStages = 0;
    bool minutiae = false;  // an image sensor: prints carry NBIS minutiae Rollcall can match itself
};

struct EnrollRequest {
    FingerKey key{};
    bool checkConsistency = true;  // the enrolment images must match each other (strays outside a majority are dropped)
    bool checkDuplicate = true;    // the finger must not be someone else's already
};

struct EnrollProgress {
    int stage = 0;        // images accepted so far
    int stages = 0;       // images needed
    bool retry = false;   // the last scan was refused; `message` says why
    std::string message;
};

// How verify decides for minutiae prints: libfprint's bozorth3 (fixed threshold 40), Rollcall's
// matcher, or either (the default: see docs/finger.md for the measured rates).
enum class VerifyDecision { Device, Matcher, Either };

struct VerifyOutcome {
    bool matched = false;
    bool deviceMatched = false;      // libfprint's own answer
    std::optional<int> matcherScore; // Rollcall's matcher, for minutiae prints
    Blob probe;                      // the scanned print (serialised), when the device gives one
};

struct IdentifyOutcome {
    std::optional<FingerKey> match;
    Identification details;
    std::chrono::microseconds searchTime{0};  // the gallery search alone, off the main loop
    Blob probe;
};

struct ReaderConfig {
    std::string driver{};                            // empty: the first device found
    std::optional<std::string> virtualImageSocket{}; // sets FP_VIRTUAL_IMAGE
    std::optional<std::string> virtualStorageSocket{};// sets FP_VIRTUAL_DEVICE_STORAGE
    Executor executor{};                             // empty: the reader's own callback thread
    std::shared_ptr<Gallery> gallery{};              // empty: a new one with default settings
    VerifyDecision verifyDecision = VerifyDecision::Either;
    int strictMatcherThreshold = 0;                  // Either: the matcher alone must reach this (0: its threshold)
};

template <class T>
using Completion = std::function<void(Result<T>)>;
using ProgressHandler = std::function<void(const EnrollProgress&)>;
using EventHandler = std::function<void(const DeviceEvent&)>;

}  // namespace rollcall::finger
