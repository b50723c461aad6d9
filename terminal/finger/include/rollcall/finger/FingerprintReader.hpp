#pragma once
// A fingerprint reader behind plain C++: libfprint runs on a thread of its own that owns the
// GLib main context; every request is marshalled there, every answer and event comes back on
// the caller's executor. One operation at a time (a second gets "finger.busy"); cancel() ends
// the current one with "finger.cancelled". One reader per process (libfprint's sync calls
// iterate the global default main context).
//
// Identification on image sensors does not use libfprint's identify (first match, one by one,
// on the main loop): the probe is scanned once and searched in the Gallery by Rollcall's
// matcher on other threads; the best match wins.
#include <future>
#include <memory>
#include <vector>

#include "rollcall/finger/ReaderTypes.hpp"

namespace rollcall::finger {

class FingerprintReader {
public:
    // Opens the device (blocks until libfprint has opened it or failed).
    static Result<std::unique_ptr<FingerprintReader>> open(ReaderConfig config);
    ~FingerprintReader();  // cancels what runs, closes the device, joins the thread
    FingerprintReader(const FingerprintReader&) = delete;
    FingerprintReader& operator=(const FingerprintReader&) = delete;

    [[nodiscard]] const DeviceInfo& device() const;
    [[nodiscard]] const std::shared_ptr<Gallery>& gallery() const;
    void onEvent(EventHandler handler);

    void enroll(EnrollRequest request, ProgressHandler progress, Completion<FingerTemplate> done);
    void verify(FingerTemplate enrolled, Completion<VerifyOutcome> done);
    // Against the gallery (image sensors); `candidates` is used only by devices that match on their own.
    void identify(Completion<IdentifyOutcome> done, std::vector<FingerTemplate> candidates = {});
    // One scan, no decision: the probe print (image sensors), e.g. for evaluation.
    void capture(Completion<Blob> done);
    void cancel();

    std::future<Result<FingerTemplate>> enroll(EnrollRequest request, ProgressHandler progress = {});
    std::future<Result<VerifyOutcome>> verify(FingerTemplate enrolled);
    std::future<Result<IdentifyOutcome>> identify(std::vector<FingerTemplate> candidates = {});
    std::future<Result<Blob>> capture();

    struct Impl;

private:
    explicit FingerprintReader(std::shared_ptr<Impl> impl);
    std::shared_ptr<Impl> impl_;
};

}  // namespace rollcall::finger
