#include "rollcall/terminal/TerminalDaemon.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>

#include "rollcall/face/FaceEngine.hpp"
#include "rollcall/face/FrameSource.hpp"
#include "rollcall/journal/Journal.hpp"
#include "rollcall/sync/Identity.hpp"
#include "rollcall/sync/SyncClient.hpp"
#include "rollcall/terminal/FaceObservation.hpp"
#include "rollcall/terminal/FingerStation.hpp"
#include "rollcall/terminal/InteractionMachine.hpp"
#include "rollcall/terminal/JpegSnapshot.hpp"
#include "rollcall/terminal/KioskServer.hpp"
#include "rollcall/terminal/KioskState.hpp"
#include "rollcall/terminal/LocalEnrolment.hpp"
#include "rollcall/terminal/PromptText.hpp"
#include "rollcall/terminal/RepeatFilter.hpp"
#include "rollcall/terminal/TerminalGallery.hpp"

namespace rollcall::terminal {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

namespace {

std::string optionalScore(const char* name, const std::optional<double>& v, int decimals) {
    return v ? fmt::format(" {}={:.{}f}", name, *v, decimals) : std::string();
}

}  // namespace

struct TerminalDaemon::Impl {
    TerminalConfig config;
    std::FILE* out = stdout;
    sync::TerminalIdentity identity;
    std::unique_ptr<journal::Journal> journal;
    std::unique_ptr<TerminalGallery> gallery;
    std::unique_ptr<face::FaceEngine> engine;
    std::unique_ptr<face::FrameSource> source;
    std::unique_ptr<sync::SyncClient> sync;
    RepeatFilter repeats{60s};

    std::mutex outMutex;
    std::mutex checkMutex;
    std::optional<proto::SpotCheckStart> check;

    // Every event reaches the machine under this lock: frames from the capture thread, finger
    // results from the reader's callbacks, ticks from the run loop.
    std::mutex interactionMutex;
    std::unique_ptr<InteractionMachine> machine;
    std::uint64_t published = 0;
    std::vector<double> okMillis;  // from the event that completed each punch to its commit
    std::unique_ptr<FingerStation> finger;  // after the machine: its callbacks use it

    // The kiosk page: the state it shows and the last camera frame with its face box.
    std::unique_ptr<KioskServer> kiosk;
    std::uint64_t kioskRevision = 0;
    std::atomic<bool> online{false};
    std::mutex frameMutex;
    std::shared_ptr<const face::BgrImage> lastFrame;
    std::optional<face::Box> lastBox;

    [[nodiscard]] std::string_view lang() const { return config.language; }
    [[nodiscard]] bool zh() const { return config.language == "zh"; }

    void say(const std::string& line) {
        std::lock_guard lock(outMutex);
        fmt::print(out, "{}\n", line);
        std::fflush(out);
    }

    // The running check, when the server's clock is inside its window.
    std::optional<SpotCheckId> activeCheck(Instant now) {
        std::lock_guard lock(checkMutex);
        if (!check) return std::nullopt;
        const auto serverNow = now.micros() + sync->clockOffsetUs();
        if (serverNow < check->startsAtUs || serverNow > check->endsAtUs) return std::nullopt;
        return check->spotCheck;
    }

    PersonFacts factsOf(EmployeeId person) {
        const auto now = Instant::now();
        PersonFacts f;
        f.policy = gallery->policyOf(person);
        f.hasFinger = hasFinger(person);
        f.recentlyPunched = repeats.recent(person, activeCheck(now), now);
        return f;
    }

    [[nodiscard]] bool hasFinger(EmployeeId person) const { return finger && finger->hasFinger(person); }

    // Under interactionMutex.
    void settle(std::optional<PunchDecision> decision, SteadyClock::time_point seenAt) {
        if (decision) commit(*decision, seenAt);
        publish();
        if (finger) finger->want(machine->fingerRequest());
    }

    void commit(const PunchDecision& d, SteadyClock::time_point seenAt) {
        const auto now = Instant::now();
        const auto spotCheck = activeCheck(now);
        journal::PunchDraft draft;
        draft.employee = d.person;
        draft.method = d.method;
        draft.faceScore = d.faceScore;
        draft.fingerScore = d.fingerScore;
        draft.livenessScore = d.livenessScore;
        draft.terminalTimeUs = now.micros();
        draft.clockOffsetUs = sync->clockOffsetUs();
        draft.spotCheck = spotCheck;
        auto punch = journal->append(draft, now);
        if (!punch) {
            machine->onCommitted({false, 0, now, punch.error().message}, SteadyClock::now());
            return;
        }
        repeats.admit(d.person, spotCheck, now);
        sync->wake();
        const auto local = Instant::fromMicros(now.micros() + draft.clockOffsetUs);
        machine->onCommitted({true, punch->seq, local, {}}, SteadyClock::now());
        const auto ms = std::chrono::duration<double, std::milli>(SteadyClock::now() - seenAt).count();
        okMillis.push_back(ms);
        say(fmt::format("OK {} {} employee={} method={}{}{}{} seq={} {}{:.0f}ms", gallery->nameOf(d.person), local.toIso(),
                        d.person.value(), proto::methodName(d.method), optionalScore("face", d.faceScore, 3),
                        optionalScore("finger", d.fingerScore, 0), optionalScore("liveness", d.livenessScore, 2), punch->seq,
                        spotCheck ? fmt::format("spotcheck={} ", spotCheck->value()) : "", ms));
    }

    // One status line per change of what the person sees ("OK" is printed by commit).
    // Under interactionMutex.
    void publishKiosk() {
        if (!kiosk) return;
        KioskState k;
        k.revision = ++kioskRevision;
        k.view = machine->view();
        if (k.view.person) k.personName = gallery->nameOf(*k.view.person);
        if (k.view.phase == Phase::SecondFactor && k.view.deadline) {
            k.secondsLeft = std::max(0.0, std::chrono::duration<double>(*k.view.deadline - SteadyClock::now()).count());
        }
        {
            std::lock_guard lock(checkMutex);
            if (check) k.spotCheck = KioskSpotCheck{check->spotCheck, check->message, Instant::fromMicros(check->endsAtUs - sync->clockOffsetUs())};
        }
        k.language = config.language;
        k.timeZone = config.timeZone;
        k.terminalId = identity.terminal.value();
        k.terminalName = identity.config.name;
        k.policy = std::string(policyName(config.policy));
        k.online = online.load();
        k.camera = source != nullptr;
        kiosk->publish(toJson(k));
    }

    void publishSurroundings() {
        std::lock_guard lock(interactionMutex);
        publishKiosk();
    }

    std::optional<std::vector<std::uint8_t>> snapshot() {
        std::shared_ptr<const face::BgrImage> frame;
        std::optional<face::Box> box;
        {
            std::lock_guard lock(frameMutex);
            frame = lastFrame;
            box = lastBox;
        }
        if (!frame) return std::nullopt;
        auto jpeg = jpegSnapshot(*frame, box);
        if (!jpeg) return std::nullopt;
        return std::move(*jpeg);
    }

    void publish() {
        if (machine->revision() == published) return;
        published = machine->revision();
        publishKiosk();
        const auto& v = machine->view();
        const std::string text(promptText(v.prompt, lang()));
        const std::string who = v.person ? fmt::format(" employee={}", v.person->value()) : std::string();
        switch (v.phase) {
            case Phase::Idle:
            case Phase::Committing: break;
            case Phase::SecondFactor: say(fmt::format("WAIT {}{}{}", text, who, v.detail.empty() ? "" : " (" + v.detail + ")")); break;
            case Phase::Success:
                if (v.prompt == Prompt::AlreadyRecorded) say(fmt::format("ALREADY {}{}", gallery->nameOf(*v.person), who));
                break;
            case Phase::Failure:
                say(fmt::format("{} {}{}{}", zh() ? "未通过" : "RETRY", text, v.detail.empty() ? "" : ": " + v.detail, who));
                break;
        }
    }

    void handle(const face::BgrImage& frame) {
        const auto seenAt = SteadyClock::now();
        bool wanted = false;
        {
            std::lock_guard lock(interactionMutex);
            wanted = machine->wantsFace();
        }
        if (!wanted) {
            // Nobody's face is needed now (a finger is awaited): the preview still moves.
            if (kiosk) {
                auto copy = std::make_shared<const face::BgrImage>(frame);
                std::lock_guard lock(frameMutex);
                lastFrame = std::move(copy);
                lastBox.reset();
            }
            return;
        }
        auto r = gallery->withFaces([&](const face::Gallery& faces) { return engine->recognise(frame, faces); });
        if (!r) {
            say(fmt::format("ERROR {}", r.error().message));
            return;
        }
        const auto observation = observeFace(*r);
        if (kiosk) {
            auto copy = std::make_shared<const face::BgrImage>(frame);
            std::optional<face::Box> box;
            if (r->analysis.primary) box = r->analysis.faces.at(*r->analysis.primary).box;
            std::lock_guard lock(frameMutex);
            lastFrame = std::move(copy);
            lastBox = box;
        }
        std::lock_guard lock(interactionMutex);
        settle(machine->onFace(observation, SteadyClock::now()), seenAt);
    }

    void tick() {
        std::lock_guard lock(interactionMutex);
        machine->onTick(SteadyClock::now());
        publish();
        if (finger) finger->want(machine->fingerRequest());
    }

    void handle(const FingerObservation& observation) {
        const auto now = SteadyClock::now();
        std::lock_guard lock(interactionMutex);
        settle(machine->onFinger(observation, now), now);
    }

    // The run's punches and how long each took, for logs and the figures docs quote.
    std::string summary() {
        std::lock_guard lock(interactionMutex);
        auto ms = okMillis;
        if (ms.empty()) return "SUMMARY ok=0";
        std::ranges::sort(ms);
        const auto at = [&](double q) { return ms[static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1) + 0.5)]; };
        return fmt::format("SUMMARY ok={} event-to-ok-ms median={:.0f} p90={:.0f} max={:.0f}", ms.size(), at(0.5), at(0.9), ms.back());
    }

    bool drained() {
        auto b = journal->backlog();
        return b && *b == 0;
    }
};

TerminalDaemon::TerminalDaemon(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

TerminalDaemon::~TerminalDaemon() {
    if (impl_->sync) impl_->sync->stop();
    impl_->finger.reset();  // its callbacks reach into the rest
    impl_->kiosk.reset();
}

std::filesystem::path TerminalDaemon::identityDir(const TerminalConfig& config) { return config.dataDir / "identity"; }

Result<std::unique_ptr<TerminalDaemon>> TerminalDaemon::create(TerminalConfig config, std::FILE* out) {
    auto impl = std::make_unique<Impl>();
    impl->out = out;
    impl->config = config;
    impl->repeats = RepeatFilter(config.repeatSuppression);
    if (config.policy != VerificationPolicy::Face && config.fingerReader == "none") {
        return fail("config.missing", "the policy '" + std::string(policyName(config.policy)) + "' needs a fingerprint reader ([finger] reader)",
                    "finger.reader");
    }
    const auto idDir = identityDir(config);
    auto identity = sync::loadIdentity(idDir);
    if (!identity) {
        return fail("terminal.identity", "this terminal is not provisioned (" + identity.error().message +
                                             "); run rollcall-terminal --provision ADDRESS TOKEN first");
    }
    impl->identity = *identity;
    auto key = sync::loadTerminalKey(idDir);
    if (!key) return std::unexpected(key.error());
    auto journal = journal::Journal::open(config.dataDir / "journal.db", identity->terminal, *key);
    if (!journal) return std::unexpected(journal.error());
    impl->journal = std::move(*journal);

    crypto::SecretKey deviceKey;
    std::copy(key->seed().begin(), key->seed().end(), deviceKey.bytes.begin());
    auto gallery = TerminalGallery::open(config.dataDir, deviceKey);
    if (!gallery) return std::unexpected(gallery.error());
    impl->gallery = std::move(*gallery);

    // A fingerprint-only terminal with no camera and no face enrolment needs no face models.
    if (!config.source.empty() || !config.enrolFolder.empty()) {
        face::FaceConfig fc;
        fc.modelsDir = config.modelsDir.empty() ? face::defaultModelsDir() : config.modelsDir;
        fc.match.threshold = config.matchThreshold;
        if (!config.liveness) fc.liveness = face::LivenessKind::None;
        auto engine = face::FaceEngine::create(fc);
        if (!engine) return std::unexpected(engine.error());
        impl->engine = std::move(*engine);
    }

    Impl* self = impl.get();
    if (!config.enrolFolder.empty()) {
        auto r = enrolFromFolder(config.enrolFolder, *impl->engine, *impl->gallery, [self](const std::string& s) { self->say(s); });
        if (!r) return std::unexpected(r.error());
        impl->say(fmt::format("enrolment: {} enrolled, {} already enrolled, {} failed", r->enrolled, r->skipped, r->failed));
    }

    if (config.fingerReader != "none") {
        auto station = FingerStation::open({config.fingerReader, config.fingerSocket, config.fingerFeed}, *impl->gallery,
                                           [self](const std::string& s) { self->say(s); });
        if (!station) return std::unexpected(station.error());
        impl->finger = std::move(*station);
        if (!config.fingerEnrolFolder.empty()) {
            auto r = impl->finger->enrolFromFolder(config.fingerEnrolFolder);
            if (!r) return std::unexpected(r.error());
            impl->say(fmt::format("finger enrolment: {} enrolled, {} already enrolled, {} failed", r->enrolled, r->skipped, r->failed));
        }
        if (auto st = impl->finger->startFeed(); !st) return std::unexpected(st.error());
    }

    if (!config.source.empty()) {
        auto source = face::openFrameSource(config.source);
        if (!source) return std::unexpected(source.error());
        impl->source = std::move(*source);
    }

    InteractionSettings settings;
    settings.policy = config.policy;
    settings.secondFactorTimeout = config.secondFactorTimeout;
    settings.successHold = config.successHold;
    settings.failureHold = config.failureHold;
    settings.fingerAttempts = config.fingerAttempts;
    impl->machine = std::make_unique<InteractionMachine>(settings, [self](EmployeeId p) { return self->factsOf(p); });
    if (impl->finger) impl->finger->onObservation([self](const FingerObservation& o) { self->handle(o); });
    if (config.kioskPort != 0) {
        auto kiosk = KioskServer::start(config.kioskAddress, config.kioskPort, [self] { return self->snapshot(); });
        if (!kiosk) return std::unexpected(kiosk.error());
        impl->kiosk = std::move(*kiosk);
    }

    sync::SyncEvents events;
    events.spotCheckStarted = [self](const proto::SpotCheckStart& s) {
        {
            std::lock_guard lock(self->checkMutex);
            self->check = s;
        }
        self->say(fmt::format("SPOTCHECK {} {} {}", s.spotCheck.value(), self->zh() ? "查岗：请在本机核验" : "spot check: verify now",
                              s.message));
        self->publishSurroundings();
    };
    events.spotCheckEnded = [self](const proto::SpotCheckEnd& e) {
        {
            std::lock_guard lock(self->checkMutex);
            if (self->check && self->check->spotCheck == e.spotCheck) self->check.reset();
        }
        self->say(fmt::format("SPOTCHECK-END {}", e.spotCheck.value()));
        self->publishSurroundings();
    };
    events.connectionChanged = [self](bool up) {
        self->online = up;
        self->say(up ? "ONLINE" : "OFFLINE");
        self->publishSurroundings();
    };
    impl->sync = std::make_unique<sync::SyncClient>(*impl->journal, impl->identity, *key, sync::SyncOptions{}, impl->gallery.get(),
                                                    std::move(events));
    return std::unique_ptr<TerminalDaemon>(new TerminalDaemon(std::move(impl)));
}

int TerminalDaemon::run(const std::atomic<bool>& stop) {
    auto& s = *impl_;
    s.sync->start();
    if (s.kiosk) {
        s.publishSurroundings();
        s.say(fmt::format("KIOSK http://{}:{}/", s.config.kioskAddress, s.kiosk->port()));
    }
    s.say(fmt::format("READY terminal={} source={} finger={} people={} policy={}", s.identity.terminal.value(),
                      s.source ? s.source->describe() : "none", s.finger ? s.finger->describe() : "none", s.gallery->personCount(),
                      policyName(s.config.policy)));
    bool ended = !s.source;
    auto endedAt = SteadyClock::now();
    while (!stop.load()) {
        s.tick();
        if (!ended) {
            auto frame = s.source->next();
            if (!frame) {
                s.say(fmt::format("ERROR {}", frame.error().message));
                std::this_thread::sleep_for(1s);
                continue;
            }
            if (!*frame) {
                ended = true;
                endedAt = SteadyClock::now();
                s.say("IDLE source ended");
                continue;
            }
            s.handle(**frame);
            if (s.config.frameInterval.count() > 0) std::this_thread::sleep_for(s.config.frameInterval);
            continue;
        }
        if (s.config.exitAtEnd) {
            if (s.drained()) break;
            if (SteadyClock::now() - endedAt > s.config.drainTimeout) {
                s.say("ERROR punches still unacknowledged at exit; they stay in the journal");
                s.sync->stop();
                s.say(s.summary());
                return 3;
            }
        }
        std::this_thread::sleep_for(100ms);
    }
    s.sync->stop();
    s.say(s.summary());
    s.say("STOPPED");
    return 0;
}

}  // namespace rollcall::terminal
