#pragma once
// The terminal's fingerprint side: the reader (libfprint on its own thread, inside
// rollcall_finger), the enrolled prints it matches against, local enrolment from image
// folders and, for the virtual_image driver, a feeder that presents prints when the reader
// asks for a finger (a folder played in name order, or image paths written to a FIFO).
// The daemon says what it wants running (want()); results come back as FingerObservations
// on the station's own callback thread.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "rollcall/domain/Error.hpp"
#include "rollcall/terminal/Interaction.hpp"
#include "rollcall/terminal/InteractionMachine.hpp"
#include "rollcall/terminal/TerminalGallery.hpp"

namespace rollcall::terminal {

struct FingerStationConfig {
    std::string reader;              // "virtual_image", "virtual_device", "any" or a libfprint driver name
    std::filesystem::path socket;    // virtual drivers; empty: a fresh path in the temporary folder
    std::string feed;                // virtual_image: "folder:PATH", "fifo:PATH" or empty
};

struct FingerEnrolmentReport {
    int enrolled = 0;
    int skipped = 0;  // already has a print
    int failed = 0;
};

class FingerStation {
public:
    using Observer = std::function<void(const FingerObservation&)>;
    using Log = std::function<void(const std::string&)>;

    static Result<std::unique_ptr<FingerStation>> open(const FingerStationConfig& config, TerminalGallery& gallery, Log log);
    ~FingerStation();
    FingerStation(const FingerStation&) = delete;
    FingerStation& operator=(const FingerStation&) = delete;

    // <employeeId>[-name]/ folders of images of one finger; the first five enrol it (virtual_image).
    Result<FingerEnrolmentReport> enrolFromFolder(const std::filesystem::path& folder);
    // Starts presenting the configured feed (after enrolment, which uses the same device).
    Status startFeed();
    // Queues an image for the next time the reader asks for a finger (virtual_image).
    Status present(const std::filesystem::path& image);

    void onObservation(Observer observer);
    // Makes the reader do what the interaction needs now: cancels what no longer applies.
    void want(const FingerRequest& request);

    [[nodiscard]] bool hasFinger(EmployeeId person) const;
    [[nodiscard]] std::string describe() const;

    struct Impl;

private:
    explicit FingerStation(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
    std::shared_ptr<Impl> impl_;
};

}  // namespace rollcall::terminal
