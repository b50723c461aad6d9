#include "rollcall/terminal/TerminalDaemon.hpp"

#include <fmt/format.h>

#include <chrono>
#include <mutex>
#include <optional>
#include <thread>

#include "rollcall/face/FaceEngine.hpp"
#include "rollcall/face/FrameSource.hpp"
#include "rollcall/journal/Journal.hpp"
#include "rollcall/sync/Identity.hpp"
#include "rollcall/sync/SyncClient.hpp"
#include "rollcall/terminal/LocalEnrolment.hpp"
#include "rollcall/terminal/RepeatFilter.hpp"
#include "rollcall/terminal/TerminalGallery.hpp"

namespace rollcall::terminal {

using namespace std::chrono_literals;

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

    std::mutex checkMutex;
    std::optional<proto::SpotCheckStart> check;

    [[nodiscard]] bool zh() const { return config.language == "zh"; }

    void say(const std::string& line) {
        std::lock_guard lock(checkMutex);
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

    void handle(const face::BgrImage& frame) {
        const auto seenAt = std::chrono::steady_clock::now();
        auto r = gallery->withFaces([&](const face::Gallery& faces) { return engine->recognise(frame, faces); });
        if (!r) {
            say(fmt::format("ERROR {}", r.error().message));
            return;
        }
        if (r->analysis.embedding.empty()) return;  // nobody in view: stay idle
        if (!r->accepted) {
            say(fmt::format("{} {}", zh() ? "未通过" : "RETRY", r->reason));
            return;
        }
        const auto& best = *r->match.hits.best;
        const auto now = Instant::now();
        const auto spotCheck = activeCheck(now);
        if (!repeats.admit(best.person, spotCheck, now)) return;
        journal::PunchDraft draft;
        draft.employee = best.person;
        draft.method = proto::PunchMethod::Face;
        draft.faceScore = best.score;
        if (r->analysis.liveness) draft.livenessScore = r->analysis.liveness->score;
        draft.terminalTimeUs = now.micros();
        draft.clockOffsetUs = sync->clockOffsetUs();
        draft.spotCheck = spotCheck;
        auto punch = journal->append(draft, now);
        if (!punch) {
            say(fmt::format("ERROR {}: {}", zh() ? "记录失败，请重试" : "could not record, try again", punch.error().message));
            return;
        }
        sync->wake();
        const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - seenAt).count();
        const auto local = Instant::fromMicros(now.micros() + draft.clockOffsetUs);
        say(fmt::format("OK {} {} employee={} face={:.3f} seq={} {}{:.0f}ms", gallery->nameOf(best.person), local.toIso(),
                        best.person.value(), best.score, punch->seq, spotCheck ? fmt::format("spotcheck={} ", spotCheck->value()) : "",
                        ms));
    }

    bool drained() {
        auto b = journal->backlog();
        return b && *b == 0;
    }
};

TerminalDaemon::TerminalDaemon(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

TerminalDaemon::~TerminalDaemon() {
    if (impl_->sync) impl_->sync->stop();
}

std::filesystem::path TerminalDaemon::identityDir(const TerminalConfig& config) { return config.dataDir / "identity"; }

Result<std::unique_ptr<TerminalDaemon>> TerminalDaemon::create(TerminalConfig config, std::FILE* out) {
    auto impl = std::make_unique<Impl>();
    impl->out = out;
    impl->config = config;
    impl->repeats = RepeatFilter(config.repeatSuppression);
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

    face::FaceConfig fc;
    fc.modelsDir = config.modelsDir.empty() ? face::defaultModelsDir() : config.modelsDir;
    fc.match.threshold = config.matchThreshold;
    if (!config.liveness) fc.liveness = face::LivenessKind::None;
    auto engine = face::FaceEngine::create(fc);
    if (!engine) return std::unexpected(engine.error());
    impl->engine = std::move(*engine);

    if (!config.enrolFolder.empty()) {
        Impl* self = impl.get();
        auto r = enrolFromFolder(config.enrolFolder, *impl->engine, *impl->gallery, [self](const std::string& s) { self->say(s); });
        if (!r) return std::unexpected(r.error());
        impl->say(fmt::format("enrolment: {} enrolled, {} already enrolled, {} failed", r->enrolled, r->skipped, r->failed));
    }

    auto source = face::openFrameSource(config.source);
    if (!source) return std::unexpected(source.error());
    impl->source = std::move(*source);

    Impl* self = impl.get();
    sync::SyncEvents events;
    events.spotCheckStarted = [self](const proto::SpotCheckStart& s) {
        {
            std::lock_guard lock(self->checkMutex);
            self->check = s;
        }
        self->say(fmt::format("SPOTCHECK {} {} {}", s.spotCheck.value(), self->zh() ? "查岗：请在本机核验" : "spot check: verify now",
                              s.message));
    };
    events.spotCheckEnded = [self](const proto::SpotCheckEnd& e) {
        {
            std::lock_guard lock(self->checkMutex);
            if (self->check && self->check->spotCheck == e.spotCheck) self->check.reset();
        }
        self->say(fmt::format("SPOTCHECK-END {}", e.spotCheck.value()));
    };
    events.connectionChanged = [self](bool up) { self->say(up ? "ONLINE" : "OFFLINE"); };
    impl->sync = std::make_unique<sync::SyncClient>(*impl->journal, impl->identity, *key, sync::SyncOptions{}, impl->gallery.get(),
                                                    std::move(events));
    return std::unique_ptr<TerminalDaemon>(new TerminalDaemon(std::move(impl)));
}

int TerminalDaemon::run(const std::atomic<bool>& stop) {
    auto& s = *impl_;
    s.sync->start();
    s.say(fmt::format("READY terminal={} source={} people={} policy={}", s.identity.terminal.value(), s.source->describe(),
                      s.gallery->personCount(), policyName(s.config.policy)));
    bool ended = false;
    auto endedAt = std::chrono::steady_clock::now();
    while (!stop.load()) {
        if (!ended) {
            auto frame = s.source->next();
            if (!frame) {
                s.say(fmt::format("ERROR {}", frame.error().message));
                std::this_thread::sleep_for(1s);
                continue;
            }
            if (!*frame) {
                ended = true;
                endedAt = std::chrono::steady_clock::now();
                s.say("IDLE source ended");
                continue;
            }
            s.handle(**frame);
            if (s.config.frameInterval.count() > 0) std::this_thread::sleep_for(s.config.frameInterval);
            continue;
        }
        if (s.config.exitAtEnd) {
            if (s.drained()) break;
            if (std::chrono::steady_clock::now() - endedAt > s.config.drainTimeout) {
                s.say("ERROR punches still unacknowledged at exit; they stay in the journal");
                s.sync->stop();
                return 3;
            }
        }
        std::this_thread::sleep_for(100ms);
    }
    s.sync->stop();
    s.say("STOPPED");
    return 0;
}

}  // namespace rollcall::terminal
