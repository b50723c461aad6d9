#include "rollcall/terminal/FingerStation.hpp"

#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <deque>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "rollcall/finger/FingerprintReader.hpp"
#include "rollcall/finger/GreyImage.hpp"
#include "rollcall/finger/NbisPrint.hpp"
#include "rollcall/finger/VirtualImageFeeder.hpp"
#include "rollcall/terminal/LineFifo.hpp"

namespace rollcall::terminal {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

using Prints = std::vector<std::vector<std::uint8_t>>;

// Keys for a person's prints: the finger the print names, else the first one not yet used.
std::vector<finger::FingerTemplate> templatesOf(EmployeeId person, const Prints& prints) {
    std::vector<finger::FingerTemplate> out;
    std::set<finger::Finger> used;
    for (const auto& blob : prints) {
        auto which = finger::Finger::Unknown;
        if (auto info = finger::parseNbisPrint(blob)) which = info->finger;
        if (which == finger::Finger::Unknown || used.contains(which)) {
            for (int f = 1; f <= 10; ++f) {
                if (!used.contains(static_cast<finger::Finger>(f))) {
                    which = static_cast<finger::Finger>(f);
                    break;
                }
            }
        }
        used.insert(which);
        out.push_back({{person, which}, blob});
    }
    return out;
}

std::vector<fs::path> imagesIn(const fs::path& dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const auto ext = e.path().extension().string();
        if (e.is_regular_file() && (ext == ".png" || ext == ".tif" || ext == ".tiff" || ext == ".pgm")) files.push_back(e.path());
    }
    std::ranges::sort(files);
    return files;
}

}  // namespace

struct FingerStation::Impl {
    FingerStationConfig config;
    TerminalGallery* gallery = nullptr;
    Log log;
    fs::path socket;
    bool ownSocket = false;

    std::shared_ptr<finger::Gallery> prints = std::make_shared<finger::Gallery>();
    finger::SerialExecutor callbacks;  // declared before the reader: outlives it
    std::unique_ptr<finger::FingerprintReader> reader;

    // Feeding virtual_image: images wait until the device asks for a finger.
    std::mutex feedMutex;
    std::optional<finger::VirtualImageFeeder> feeder;
    std::deque<finger::GreyImage> queue;
    bool needed = false;

    std::atomic<bool> stopping{false};
    std::unique_ptr<LineFifo> fifo;

    std::mutex opMutex;
    FingerRequest running;  // kind None: nothing runs
    FingerRequest wanted;
    bool cancelling = false;

    std::mutex observerMutex;
    Observer observer;

    void onDeviceEvent(const finger::DeviceEvent& e) {
        if (e.kind != finger::DeviceEventKind::FingerNeeded) return;
        std::lock_guard lock(feedMutex);
        needed = true;
        sendNextLocked();
    }

    void sendNextLocked() {
        if (!needed || queue.empty() || !feeder) return;
        auto image = std::move(queue.front());
        queue.pop_front();
        needed = false;
        if (auto st = feeder->sendImage(image); !st) log("finger: could not present a print: " + st.error().message);
    }

    Status present(const fs::path& file) {
        if (!feeder) return fail("finger.feed", "prints can be presented only to the virtual_image reader");
        auto image = finger::loadGreyImage(file);
        if (!image) return std::unexpected(image.error());
        std::lock_guard lock(feedMutex);
        queue.push_back(std::move(*image));
        sendNextLocked();
        return {};
    }

    void emit(const FingerObservation& o) {
        Observer copy;
        {
            std::lock_guard lock(observerMutex);
            copy = observer;
        }
        if (copy) copy(o);
    }

    // Called on the callbacks thread when an operation ends (with an observation, or none when cancelled).
    void finished(std::optional<FingerObservation> observation) {
        {
            std::lock_guard lock(opMutex);
            running = {};
            cancelling = false;
        }
        {
            std::lock_guard lock(feedMutex);
            needed = false;
        }
        if (observation) {
            if (observation->kind == FingerObservation::Kind::Failed) std::this_thread::sleep_for(1s);  // no busy loop on a failing reader
            emit(*observation);
        }
        std::lock_guard lock(opMutex);
        if (running.kind == FingerRequest::Kind::None && !stopping) startLocked(wanted);
    }

    static FingerObservation fromError(const Error& e) {
        if (e.code == "finger.retry") return {FingerObservation::Kind::Retry, {}, 0, e.message};
        return {FingerObservation::Kind::Failed, {}, 0, e.message};
    }

    void startLocked(const FingerRequest& request) {
        if (request.kind == FingerRequest::Kind::None) return;
        running = request;
        if (request.kind == FingerRequest::Kind::Identify) return startIdentify();
        startVerify(request.person);
    }

    void startIdentify() {
        std::vector<finger::FingerTemplate> candidates;
        if (!reader->device().minutiae) {
            for (const auto& [id, blobs] : gallery->allFingers()) {
                for (auto& t : templatesOf(EmployeeId(id), blobs)) candidates.push_back(std::move(t));
            }
        }
        reader->identify(
            [this](Result<finger::IdentifyOutcome> r) {
                if (!r) return finished(r.error().code == "finger.cancelled" ? std::nullopt : std::optional(fromError(r.error())));
                FingerObservation o;
                o.score = r->details.bestScore;
                if (r->match) {
                    o.kind = FingerObservation::Kind::Identified;
                    o.person = r->match->person;
                } else {
                    o.kind = FingerObservation::Kind::NotRecognised;
                    o.reason = fmt::format("no enrolled finger matches (best score {})", r->details.bestScore);
                }
                finished(o);
            },
            std::move(candidates));
    }

    void startVerify(EmployeeId person) {
        auto templates = templatesOf(person, gallery->fingersOf(person));
        if (templates.empty()) {
            callbacks.post([this, person] { finished(FingerObservation{FingerObservation::Kind::Failed, person, 0, "no enrolled print"}); });
            return;
        }
        if (templates.size() == 1 || !reader->device().minutiae) {
            reader->verify(templates.front(), [this, person](Result<finger::VerifyOutcome> r) {
                if (!r) return finished(r.error().code == "finger.cancelled" ? std::nullopt : std::optional(fromError(r.error())));
                FingerObservation o;
                o.person = person;
                o.kind = r->matched ? FingerObservation::Kind::Verified : FingerObservation::Kind::Rejected;
                o.score = r->matcherScore.value_or(r->deviceMatched ? 1 : 0);
                if (!r->matched) o.reason = fmt::format("score {}", o.score);
                finished(o);
            });
            return;
        }
        // Several enrolled fingers: one scan, scored against each of them by the matcher.
        reader->capture([this, person, templates = std::move(templates)](Result<finger::Blob> r) {
            if (!r) return finished(r.error().code == "finger.cancelled" ? std::nullopt : std::optional(fromError(r.error())));
            const auto& matcher = prints->matcher();
            auto probe = finger::parseNbisPrint(*r);
            if (!probe || probe->minutiae.images.size() != 1) return finished(FingerObservation{FingerObservation::Kind::Retry, {}, 0, "unreadable scan"});
            const auto image = matcher.prepare(probe->minutiae.images.front());
            int best = 0;
            for (const auto& t : templates) {
                if (auto info = finger::parseNbisPrint(t.print)) best = std::max(best, matcher.score(image, matcher.prepare(info->minutiae)));
            }
            FingerObservation o;
            o.person = person;
            o.score = best;
            o.kind = matcher.accepts(best) ? FingerObservation::Kind::Verified : FingerObservation::Kind::Rejected;
            finished(o);
        });
    }
};

Result<std::unique_ptr<FingerStation>> FingerStation::open(const FingerStationConfig& config, TerminalGallery& gallery, Log log) {
    auto impl = std::make_shared<Impl>();
    impl->config = config;
    impl->gallery = &gallery;
    impl->log = std::move(log);
    finger::ReaderConfig rc;
    const bool virtualImage = config.reader == "virtual_image";
    const bool virtualDevice = config.reader == "virtual_device";
    if (virtualImage || virtualDevice) {
        impl->socket = config.socket;
        if (impl->socket.empty()) {
            impl->socket = fs::temp_directory_path() / fmt::format("rollcall-finger-{}.sock", ::getpid());
            impl->ownSocket = true;
        }
        if (impl->socket.string().size() >= 108) return fail("finger.socket", "the socket path is longer than 107 bytes: " + impl->socket.string(), "finger.socket");
        std::error_code ec;
        fs::remove(impl->socket, ec);
    }
    if (virtualImage) {
        rc.driver = "virtual_image";
        rc.virtualImageSocket = impl->socket.string();
    } else if (virtualDevice) {
        rc.driver = "virtual_device_storage";
        rc.virtualStorageSocket = impl->socket.string();
    } else if (config.reader != "any") {
        rc.driver = config.reader;
    }
    rc.executor = impl->callbacks.executor();
    rc.gallery = impl->prints;
    auto reader = finger::FingerprintReader::open(rc);
    if (!reader) return std::unexpected(reader.error());
    impl->reader = std::move(*reader);
    Impl* raw = impl.get();
    impl->reader->onEvent([raw](const finger::DeviceEvent& e) { raw->onDeviceEvent(e); });
    if (virtualImage) {
        auto feeder = finger::VirtualImageFeeder::connect(impl->socket);
        if (!feeder) return std::unexpected(feeder.error());
        impl->feeder.emplace(std::move(*feeder));
    }
    if (impl->reader->device().minutiae) {
        int refused = 0;
        for (const auto& [id, blobs] : gallery.allFingers()) {
            for (const auto& t : templatesOf(EmployeeId(id), blobs)) {
                if (!impl->prints->add(t)) ++refused;
            }
        }
        if (refused > 0) impl->log(fmt::format("finger: {} enrolled print(s) carry no minutiae and are ignored", refused));
    }
    return std::unique_ptr<FingerStation>(new FingerStation(std::move(impl)));
}

FingerStation::~FingerStation() {
    {
        std::lock_guard lock(impl_->opMutex);  // finished() checks it under the same lock before starting anything
        impl_->stopping = true;
    }
    impl_->fifo.reset();
    impl_->reader.reset();  // cancels what runs and joins libfprint's thread
    if (impl_->ownSocket) {
        std::error_code ec;
        fs::remove(impl_->socket, ec);
    }
}

Result<FingerEnrolmentReport> FingerStation::enrolFromFolder(const fs::path& folder) {
    auto& s = *impl_;
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) return fail("enrol.folder", "no fingerprint enrolment folder " + folder.string());
    if (!s.feeder) return fail("finger.feed", "enrolment from images needs the virtual_image reader");
    std::vector<fs::path> people;
    for (const auto& e : fs::directory_iterator(folder, ec)) {
        if (e.is_directory()) people.push_back(e.path());
    }
    std::ranges::sort(people);
    FingerEnrolmentReport report;
    for (const auto& dir : people) {
        const std::string base = dir.filename().string();
        const std::string idText = base.substr(0, base.find('-'));
        std::int64_t id = 0;
        auto [ptr, err] = std::from_chars(idText.data(), idText.data() + idText.size(), id);
        if (err != std::errc() || ptr != idText.data() + idText.size() || id <= 0) {
            s.log(fmt::format("finger enrolment: skipped '{}': the folder name must start with the employee id", base));
            ++report.failed;
            continue;
        }
        const EmployeeId person(id);
        if (!s.gallery->fingersOf(person).empty()) {
            ++report.skipped;
            continue;
        }
        auto files = imagesIn(dir);
        const auto stages = static_cast<std::size_t>(std::max(1, s.reader->device().enrollStages));
        if (files.size() < stages) {
            s.log(fmt::format("finger enrolment: {} has {} images, {} needed", base, files.size(), stages));
            ++report.failed;
            continue;
        }
        files.resize(stages);
        for (const auto& f : files) {
            if (auto st = s.present(f); !st) s.log(fmt::format("finger enrolment: {}: {}", f.string(), st.error().message));
        }
        auto future = s.reader->enroll(finger::EnrollRequest{.key = {person, finger::Finger::RightIndex}});
        if (future.wait_for(60s) != std::future_status::ready) {
            s.reader->cancel();
            future.wait();
        }
        auto tmpl = future.get();
        {
            std::lock_guard lock(s.feedMutex);
            s.queue.clear();
            s.needed = false;
        }
        if (!tmpl) {
            s.log(fmt::format("finger enrolment: {} failed: {}", base, tmpl.error().message));
            ++report.failed;
            continue;
        }
        if (auto st = s.prints->add(*tmpl); !st) s.log(fmt::format("finger enrolment: {}: {}", base, st.error().message));
        if (auto st = s.gallery->addFingerLocally(person, tmpl->print); !st) return std::unexpected(st.error());
        ++report.enrolled;
    }
    return report;
}

Status FingerStation::startFeed() {
    auto& s = *impl_;
    const auto& feed = s.config.feed;
    if (feed.empty()) return {};
    if (feed.starts_with("folder:")) {
        const fs::path dir = feed.substr(7);
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) return fail("finger.feed", "no fingerprint feed folder " + dir.string(), "finger.feed");
        for (const auto& f : imagesIn(dir)) {
            if (auto st = s.present(f); !st) return st;
        }
        return {};
    }
    Impl* raw = impl_.get();
    auto fifo = LineFifo::open(feed.substr(5), [raw](const std::string& line) {
        if (auto st = raw->present(line); !st) raw->log("finger: feed: " + line + ": " + st.error().message);
    });
    if (!fifo) return std::unexpected(fifo.error());
    s.fifo = std::move(*fifo);
    return {};
}

Status FingerStation::present(const fs::path& image) { return impl_->present(image); }

void FingerStation::onObservation(Observer observer) {
    std::lock_guard lock(impl_->observerMutex);
    impl_->observer = std::move(observer);
}

void FingerStation::want(const FingerRequest& request) {
    auto& s = *impl_;
    std::lock_guard lock(s.opMutex);
    s.wanted = request;
    if (s.running.kind == FingerRequest::Kind::None) {
        s.startLocked(request);
    } else if (s.running != request && !s.cancelling) {
        s.cancelling = true;
        s.reader->cancel();
    }
}

bool FingerStation::hasFinger(EmployeeId person) const { return !impl_->gallery->fingersOf(person).empty(); }

std::string FingerStation::describe() const {
    const auto& d = impl_->reader->device();
    return fmt::format("{} ({})", d.driver, d.name);
}

}  // namespace rollcall::terminal
