#include "rollcall/finger/FingerprintReader.hpp"

#include <fp-image-device.h>
#include <fprint.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>

#include "GObjectPtr.hpp"
#include "rollcall/finger/NbisPrint.hpp"

// GCC 12 reports a false maybe-uninitialized when std::expected<std::vector> is moved through lambdas.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace rollcall::finger {

using detail::GErrorPtr;
using detail::GObjectPtr;

namespace {

std::atomic<bool> gReaderOpen{false};

Error toError(const GError* e) {
    if (e == nullptr) return {"finger.device_error", "the device failed without saying why", {}};
    const std::string message = e->message ? e->message : "";
    if (g_error_matches(e, G_IO_ERROR, G_IO_ERROR_CANCELLED)) return {"finger.cancelled", "the operation was cancelled", {}};
    if (e->domain == FP_DEVICE_RETRY) return {"finger.retry", "scan again: " + message, {}};
    if (e->domain == FP_DEVICE_ERROR) {
        switch (e->code) {
            case FP_DEVICE_ERROR_REMOVED: return {"finger.device_removed", "the reader was removed: " + message, {}};
            case FP_DEVICE_ERROR_BUSY: return {"finger.busy", "the reader is busy: " + message, {}};
            case FP_DEVICE_ERROR_NOT_SUPPORTED: return {"finger.not_supported", message, {}};
            case FP_DEVICE_ERROR_DATA_INVALID: return {"finger.print_invalid", message, {}};
            case FP_DEVICE_ERROR_TOO_HOT: return {"finger.too_hot", "the reader is cooling down: " + message, {}};
            default: break;
        }
    }
    return {"finger.device_error", "the reader failed: " + message, {}};
}

Result<Blob> serialize(FpPrint* print) {
    guchar* data = nullptr;
    gsize length = 0;
    GErrorPtr error;
    if (!fp_print_serialize(print, &data, &length, error.out())) return std::unexpected(toError(error.get()));
    Blob out(data, data + length);
    g_free(data);
    return out;
}

Result<GObjectPtr<FpPrint>> deserialize(const Blob& blob) {
    if (blob.size() <= 3) return fail("finger.print_invalid", "the template is empty or truncated");
    GErrorPtr error;
    auto print = GObjectPtr<FpPrint>::adopt(fp_print_deserialize(blob.data(), blob.size(), error.out()));
    if (!print) return fail("finger.print_invalid", std::string("the template does not deserialise: ") +
                                                         (error ? error.get()->message : "unknown reason"));
    return print;
}

Result<PreparedImage> prepareProbe(const MinutiaeMatcher& matcher, const Blob& probe) {
    auto info = parseNbisPrint(probe);
    if (!info) return std::unexpected(info.error());
    if (info->minutiae.images.size() != 1) return fail("finger.print_invalid", "a probe holds exactly one image");
    return matcher.prepare(info->minutiae.images.front());
}

// The largest group of enrolment images linked by matches (score at or above linkThreshold):
// two fingers mixed up in one enrolment fall apart into two groups.
std::vector<std::size_t> consistentImages(const MinutiaeMatcher& matcher, const PreparedPrint& print) {
    const std::size_t n = print.images.size();
    std::vector<std::size_t> group(n);
    for (std::size_t i = 0; i < n; ++i) group[i] = i;
    auto root = [&group](std::size_t i) {
        while (group[i] != i) i = group[i] = group[group[i]];
        return i;
    };
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) {
            if (matcher.score(print.images[i], print.images[j]) >= matcher.config().linkThreshold) group[root(i)] = root(j);
        }
    }
    std::vector<std::size_t> size(n, 0);
    for (std::size_t i = 0; i < n; ++i) ++size[root(i)];
    const std::size_t biggest = static_cast<std::size_t>(std::max_element(size.begin(), size.end()) - size.begin());
    std::vector<std::size_t> kept;
    for (std::size_t i = 0; i < n; ++i) {
        if (root(i) == biggest && size[biggest] > 1) kept.push_back(i);
    }
    return kept;
}

}  // namespace

struct FingerprintReader::Impl {
    ReaderConfig config;
    DeviceInfo info;
    std::unique_ptr<SerialExecutor> ownCallbacks;
    Executor deliver;

    // Loop-thread state: touched only from the thread that runs the main loop.
    std::thread loopThread;
    GMainContext* context = nullptr;
    GMainLoop* loop = nullptr;
    GObjectPtr<FpContext> fpContext;
    GObjectPtr<FpDevice> device;
    GObjectPtr<GCancellable> cancellable;
    bool busy = false;
    bool closing = false;
    bool opened = false;
    FpFingerStatusFlags fingerStatus = FP_FINGER_STATUS_NONE;
    std::promise<Status> openResult;

    std::mutex eventMutex;
    EventHandler eventHandler;

    // Last member: destroyed first, so queued matching finishes while the rest still exists.
    SerialExecutor matcherThread;

    void runOnLoop(std::function<void()> fn) {
        auto* heap = new std::function<void()>(std::move(fn));
        g_main_context_invoke_full(
            context, G_PRIORITY_DEFAULT,
            [](gpointer p) -> gboolean {
                (*static_cast<std::function<void()>*>(p))();
                return G_SOURCE_REMOVE;
            },
            heap, [](gpointer p) { delete static_cast<std::function<void()>*>(p); });
    }

    template <class T>
    void complete(Completion<T> done, Result<T> result) {
        if (!done) return;
        deliver([done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); });
    }

    void emit(DeviceEventKind kind) {
        EventHandler handler;
        {
            std::lock_guard lock(eventMutex);
            handler = eventHandler;
        }
        if (handler) deliver([handler = std::move(handler), kind] { handler(DeviceEvent{kind}); });
    }

    bool beginOp() {
        if (busy || closing || !opened) return false;
        busy = true;
        cancellable = GObjectPtr<GCancellable>::adopt(g_cancellable_new());
        return true;
    }

    static Error busyError() { return {"finger.busy", "the reader is busy with another operation or closing", {}}; }

    void endOp() {
        busy = false;
        cancellable.reset();
        if (closing) closeDevice();
    }

    void closeDevice() {
        if (!opened) {
            g_main_loop_quit(loop);
            return;
        }
        opened = false;
        fp_device_close(device.get(), nullptr,
                        [](GObject* source, GAsyncResult* res, gpointer self) {
                            GErrorPtr error;
                            fp_device_close_finish(FP_DEVICE(source), res, error.out());
                            g_main_loop_quit(static_cast<Impl*>(self)->loop);
                        },
                        this);
    }

    void onFingerStatus() {
        const auto now = fp_device_get_finger_status(device.get());
        const auto was = std::exchange(fingerStatus, now);
        if ((now & FP_FINGER_STATUS_NEEDED) && !(was & FP_FINGER_STATUS_NEEDED)) emit(DeviceEventKind::FingerNeeded);
        if ((now & FP_FINGER_STATUS_PRESENT) && !(was & FP_FINGER_STATUS_PRESENT)) emit(DeviceEventKind::FingerPresent);
        if (!(now & FP_FINGER_STATUS_PRESENT) && (was & FP_FINGER_STATUS_PRESENT)) emit(DeviceEventKind::FingerGone);
    }

    void loopMain();
    void startEnroll(EnrollRequest request, ProgressHandler progress, Completion<FingerTemplate> done);
    void checkEnrollment(const EnrollRequest& request, Blob print, Completion<FingerTemplate> done);
    void startVerify(FingerTemplate enrolled, Completion<VerifyOutcome> done);
    void decideVerify(const FingerTemplate& enrolled, bool deviceMatched, Blob probe, Completion<VerifyOutcome> done);
    void startScan(std::vector<FingerTemplate> candidates,
                   std::function<void(Result<Blob>, std::optional<FingerKey>)> done);
};

void FingerprintReader::Impl::loopMain() {
    // libfprint's sync calls (enumeration included) iterate the global default context, and
    // callbacks go to the thread-default one: this thread owns the default context for both.
    context = g_main_context_default();
    if (!g_main_context_acquire(context)) {
        openResult.set_value(fail("finger.device_error", "another thread owns GLib's default main context"));
        return;
    }
    loop = g_main_loop_new(context, FALSE);
    fpContext = GObjectPtr<FpContext>::adopt(fp_context_new());
    GPtrArray* devices = fp_context_get_devices(fpContext.get());
    for (guint i = 0; devices && i < devices->len; ++i) {
        auto* candidate = FP_DEVICE(g_ptr_array_index(devices, i));
        if (config.driver.empty() || config.driver == fp_device_get_driver(candidate)) {
            device = GObjectPtr<FpDevice>::retain(candidate);
            break;
        }
    }
    if (!device) {
        openResult.set_value(fail("finger.no_device", config.driver.empty()
                                                          ? std::string("no fingerprint reader found")
                                                          : "no fingerprint reader with driver " + config.driver));
    } else {
        info.driver = fp_device_get_driver(device.get());
        info.name = fp_device_get_name(device.get());
        info.enrollStages = fp_device_get_nr_enroll_stages(device.get());
        info.minutiae = FP_IS_IMAGE_DEVICE(device.get());
        const gulong statusHandler = g_signal_connect_swapped(
            device.get(), "notify::finger-status",
            G_CALLBACK(+[](Impl* self) { self->onFingerStatus(); }), this);
        const gulong removedHandler = g_signal_connect_swapped(
            device.get(), "removed", G_CALLBACK(+[](Impl* self) { self->emit(DeviceEventKind::Removed); }), this);
        fp_device_open(device.get(), nullptr,
                       [](GObject* source, GAsyncResult* res, gpointer data) {
                           auto* self = static_cast<Impl*>(data);
                           GErrorPtr error;
                           if (fp_device_open_finish(FP_DEVICE(source), res, error.out())) {
                               self->opened = true;
                               self->openResult.set_value({});
                           } else {
                               self->openResult.set_value(std::unexpected(toError(error.get())));
                               g_main_loop_quit(self->loop);
                           }
                       },
                       this);
        g_main_loop_run(loop);
        g_signal_handler_disconnect(device.get(), statusHandler);
        g_signal_handler_disconnect(device.get(), removedHandler);
    }
    cancellable.reset();
    device.reset();
    fpContext.reset();
    g_main_loop_unref(loop);
    g_main_context_release(context);
}

void FingerprintReader::Impl::startEnroll(EnrollRequest request, ProgressHandler progress,
                                          Completion<FingerTemplate> done) {
    if (!beginOp()) return complete(std::move(done), Result<FingerTemplate>(std::unexpected(busyError())));
    struct Op {
        Impl* self;
        EnrollRequest request;
        ProgressHandler progress;
        Completion<FingerTemplate> done;
    };
    auto* op = new Op{this, std::move(request), std::move(progress), std::move(done)};
    // Floating: enrolment sinks it and hands the same object back from enroll_finish.
    FpPrint* blank = fp_print_new(device.get());
    fp_print_set_finger(blank, static_cast<FpFinger>(op->request.key.finger));
    const std::string user = describe(op->request.key);
    fp_print_set_username(blank, user.c_str());
    fp_device_enroll(
        device.get(), blank, cancellable.get(),
        [](FpDevice* dev, gint stage, FpPrint*, gpointer data, GError* error) {
            auto* o = static_cast<Op*>(data);
            if (!o->progress) return;
            EnrollProgress p{stage, fp_device_get_nr_enroll_stages(dev), error != nullptr,
                             error ? toError(error).message : std::string()};
            o->self->deliver([handler = o->progress, p] { handler(p); });
        },
        op, nullptr,
        [](GObject* source, GAsyncResult* res, gpointer data) {
            std::unique_ptr<Op> o(static_cast<Op*>(data));
            GErrorPtr error;
            auto print = GObjectPtr<FpPrint>::adopt(fp_device_enroll_finish(FP_DEVICE(source), res, error.out()));
            Impl* self = o->self;
            self->endOp();
            if (!print) return self->complete(std::move(o->done), Result<FingerTemplate>(std::unexpected(toError(error.get()))));
            auto blob = serialize(print.get());
            if (!blob) return self->complete(std::move(o->done), Result<FingerTemplate>(std::unexpected(blob.error())));
            self->matcherThread.post([self, request = o->request, blob = std::move(*blob), done = std::move(o->done)]() mutable {
                self->checkEnrollment(request, std::move(blob), std::move(done));
            });
        },
        op);
}

void FingerprintReader::Impl::checkEnrollment(const EnrollRequest& request, Blob print, Completion<FingerTemplate> done) {
    FingerTemplate tmpl{request.key, std::move(print)};
    if (!info.minutiae) return complete(std::move(done), Result<FingerTemplate>(std::move(tmpl)));
    auto parsed = parseNbisPrint(tmpl.print);
    if (!parsed) return complete(std::move(done), Result<FingerTemplate>(std::unexpected(parsed.error())));
    const MinutiaeMatcher& matcher = config.gallery->matcher();
    PreparedPrint prepared = matcher.prepare(parsed->minutiae);
    if (request.checkConsistency) {
        auto kept = consistentImages(matcher, prepared);
        // A majority must hang together; the images outside it are dropped from the template.
        if (kept.size() * 2 <= prepared.images.size() || kept.size() < 2) {
            return complete(std::move(done),
                            Result<FingerTemplate>(fail("finger.enroll_inconsistent",
                                                        "only " + std::to_string(kept.size()) + " of " +
                                                            std::to_string(prepared.images.size()) +
                                                            " enrolment images match each other: enrol again")));
        }
        if (kept.size() < prepared.images.size()) {
            // Stray images (a smudge, a slipped finger, another finger): the template keeps the rest.
            PrintMinutiae minutiae;
            PreparedPrint keptPrepared;
            for (std::size_t i : kept) {
                minutiae.images.push_back(parsed->minutiae.images[i]);
                keptPrepared.images.push_back(prepared.images[i]);
            }
            tmpl.print = buildNbisPrint(minutiae, parsed->driver, parsed->deviceId, request.key.finger);
            prepared = std::move(keptPrepared);
        }
    }
    if (request.checkDuplicate) {
        const auto owner = config.gallery->identify(prepared, {.excludePerson = request.key.person});
        if (owner.match) {
            return complete(std::move(done),
                            Result<FingerTemplate>(fail("finger.duplicate", "this finger is already enrolled as " +
                                                                                describe(*owner.match) + " (score " +
                                                                                std::to_string(owner.bestScore) + ")")));
        }
    }
    complete(std::move(done), Result<FingerTemplate>(std::move(tmpl)));
}

void FingerprintReader::Impl::startVerify(FingerTemplate enrolled, Completion<VerifyOutcome> done) {
    auto print = deserialize(enrolled.print);
    if (!print) return complete(std::move(done), Result<VerifyOutcome>(std::unexpected(print.error())));
    if (!beginOp()) return complete(std::move(done), Result<VerifyOutcome>(std::unexpected(busyError())));
    struct Op {
        Impl* self;
        FingerTemplate enrolled;
        GObjectPtr<FpPrint> print;
        Completion<VerifyOutcome> done;
    };
    auto* op = new Op{this, std::move(enrolled), std::move(*print), std::move(done)};
    fp_device_verify(device.get(), op->print.get(), cancellable.get(), nullptr, nullptr, nullptr,
                     [](GObject* source, GAsyncResult* res, gpointer data) {
                         std::unique_ptr<Op> o(static_cast<Op*>(data));
                         GErrorPtr error;
                         gboolean match = FALSE;
                         FpPrint* scanned = nullptr;
                         fp_device_verify_finish(FP_DEVICE(source), res, &match, &scanned, error.out());
                         auto probe = GObjectPtr<FpPrint>::adopt(scanned);
                         Impl* self = o->self;
                         self->endOp();
                         if (error) return self->complete(std::move(o->done), Result<VerifyOutcome>(std::unexpected(toError(error.get()))));
                         Blob blob;
                         if (probe) {
                             if (auto b = serialize(probe.get())) blob = std::move(*b);
                         }
                         self->matcherThread.post([self, enrolled = std::move(o->enrolled), match, blob = std::move(blob),
                                                   done = std::move(o->done)]() mutable {
                             self->decideVerify(enrolled, match != FALSE, std::move(blob), std::move(done));
                         });
                     },
                     op);
}

void FingerprintReader::Impl::decideVerify(const FingerTemplate& enrolled, bool deviceMatched, Blob probe,
                                           Completion<VerifyOutcome> done) {
    VerifyOutcome out;
    out.deviceMatched = deviceMatched;
    out.matched = deviceMatched;
    const MinutiaeMatcher& matcher = config.gallery->matcher();
    auto gallery = parseNbisPrint(enrolled.print);
    auto image = probe.empty() ? Result<PreparedImage>(fail("finger.print_invalid", "no probe")) : prepareProbe(matcher, probe);
    if (gallery && image) {
        const int score = matcher.score(*image, matcher.prepare(gallery->minutiae));
        out.matcherScore = score;
        const int strict = config.strictMatcherThreshold ? config.strictMatcherThreshold : matcher.config().threshold;
        switch (config.verifyDecision) {
            case VerifyDecision::Device: break;
            case VerifyDecision::Matcher: out.matched = matcher.accepts(score); break;
            case VerifyDecision::Either: out.matched = deviceMatched || score >= strict; break;
        }
    }
    out.probe = std::move(probe);
    complete(std::move(done), Result<VerifyOutcome>(std::move(out)));
}

void FingerprintReader::Impl::startScan(std::vector<FingerTemplate> candidates,
                                        std::function<void(Result<Blob>, std::optional<FingerKey>)> done) {
    // An image device scans, extracts and compares with an empty gallery at no cost: the
    // scanned print comes back for Rollcall's matcher. Other devices get the candidates.
    struct Op {
        Impl* self;
        std::vector<FingerTemplate> candidates;
        std::function<void(Result<Blob>, std::optional<FingerKey>)> done;
    };
    GPtrArray* gallery = g_ptr_array_new_with_free_func(g_object_unref);
    for (const auto& c : candidates) {
        auto print = deserialize(c.print);
        if (!print) {
            g_ptr_array_unref(gallery);
            return done(std::unexpected(print.error()), std::nullopt);
        }
        g_ptr_array_add(gallery, g_object_ref(print->get()));
    }
    if (!beginOp()) {
        g_ptr_array_unref(gallery);
        return done(std::unexpected(busyError()), std::nullopt);
    }
    auto* op = new Op{this, std::move(candidates), std::move(done)};
    fp_device_identify(device.get(), gallery, cancellable.get(), nullptr, nullptr, nullptr,
                       [](GObject* source, GAsyncResult* res, gpointer data) {
                           std::unique_ptr<Op> o(static_cast<Op*>(data));
                           GErrorPtr error;
                           FpPrint* matchRaw = nullptr;
                           FpPrint* scannedRaw = nullptr;
                           fp_device_identify_finish(FP_DEVICE(source), res, &matchRaw, &scannedRaw, error.out());
                           auto match = GObjectPtr<FpPrint>::adopt(matchRaw);
                           auto scanned = GObjectPtr<FpPrint>::adopt(scannedRaw);
                           o->self->endOp();
                           if (error) return o->done(std::unexpected(toError(error.get())), std::nullopt);
                           std::optional<FingerKey> key;
                           for (const auto& c : o->candidates) {
                               auto p = deserialize(c.print);
                               if (match && p && fp_print_equal(match.get(), p->get())) key = c.key;
                           }
                           Blob blob;
                           if (scanned) {
                               if (auto b = serialize(scanned.get())) blob = std::move(*b);
                           }
                           o->done(std::move(blob), key);
                       },
                       op);
    g_ptr_array_unref(gallery);
}

FingerprintReader::FingerprintReader(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<FingerprintReader>> FingerprintReader::open(ReaderConfig config) {
    if (gReaderOpen.exchange(true)) return fail("finger.busy", "a fingerprint reader is already open in this process");
    auto impl = std::make_shared<Impl>();
    impl->config = std::move(config);
    if (!impl->config.gallery) impl->config.gallery = std::make_shared<Gallery>();
    if (impl->config.executor) {
        impl->deliver = impl->config.executor;
    } else {
        impl->ownCallbacks = std::make_unique<SerialExecutor>();
        impl->deliver = impl->ownCallbacks->executor();
    }
    // libfprint reads these once, at the first enumeration.
    if (impl->config.virtualImageSocket) setenv("FP_VIRTUAL_IMAGE", impl->config.virtualImageSocket->c_str(), 1);
    if (impl->config.virtualStorageSocket) setenv("FP_VIRTUAL_DEVICE_STORAGE", impl->config.virtualStorageSocket->c_str(), 1);
    if (!impl->config.driver.empty()) setenv("FP_DRIVERS_WHITELIST", impl->config.driver.c_str(), 1);

    auto opened = impl->openResult.get_future();
    impl->loopThread = std::thread([raw = impl.get()] { raw->loopMain(); });
    Status status = opened.get();
    if (!status) {
        impl->loopThread.join();
        gReaderOpen = false;
        return std::unexpected(status.error());
    }
    return std::unique_ptr<FingerprintReader>(new FingerprintReader(std::move(impl)));
}

FingerprintReader::~FingerprintReader() {
    Impl* impl = impl_.get();
    impl->runOnLoop([impl] {
        impl->closing = true;
        if (impl->busy) {
            g_cancellable_cancel(impl->cancellable.get());
        } else {
            impl->closeDevice();
        }
    });
    impl->loopThread.join();
    gReaderOpen = false;
}

const DeviceInfo& FingerprintReader::device() const { return impl_->info; }
const std::shared_ptr<Gallery>& FingerprintReader::gallery() const { return impl_->config.gallery; }

void FingerprintReader::onEvent(EventHandler handler) {
    std::lock_guard lock(impl_->eventMutex);
    impl_->eventHandler = std::move(handler);
}

void FingerprintReader::enroll(EnrollRequest request, ProgressHandler progress, Completion<FingerTemplate> done) {
    Impl* impl = impl_.get();
    impl->runOnLoop([impl, request, progress = std::move(progress), done = std::move(done)]() mutable {
        impl->startEnroll(std::move(request), std::move(progress), std::move(done));
    });
}

void FingerprintReader::verify(FingerTemplate enrolled, Completion<VerifyOutcome> done) {
    Impl* impl = impl_.get();
    impl->runOnLoop([impl, enrolled = std::move(enrolled), done = std::move(done)]() mutable {
        impl->startVerify(std::move(enrolled), std::move(done));
    });
}

void FingerprintReader::identify(Completion<IdentifyOutcome> done, std::vector<FingerTemplate> candidates) {
    Impl* impl = impl_.get();
    impl->runOnLoop([impl, done = std::move(done), candidates = std::move(candidates)]() mutable {
        const bool own = impl->info.minutiae;
        impl->startScan(own ? std::vector<FingerTemplate>{} : std::move(candidates),
                        [impl, own, done = std::move(done)](Result<Blob> probe, std::optional<FingerKey> deviceMatch) mutable {
                            if (!probe) return impl->complete(std::move(done), Result<IdentifyOutcome>(std::unexpected(probe.error())));
                            if (!own) {
                                IdentifyOutcome out;
                                out.match = deviceMatch;
                                out.probe = std::move(*probe);
                                return impl->complete(std::move(done), Result<IdentifyOutcome>(std::move(out)));
                            }
                            impl->matcherThread.post([impl, blob = std::move(*probe), done = std::move(done)]() mutable {
                                auto image = prepareProbe(impl->config.gallery->matcher(), blob);
                                if (!image) return impl->complete(std::move(done), Result<IdentifyOutcome>(std::unexpected(image.error())));
                                const auto start = std::chrono::steady_clock::now();
                                IdentifyOutcome out;
                                out.details = impl->config.gallery->identify(*image);
                                out.searchTime = std::chrono::duration_cast<std::chrono::microseconds>(
                                    std::chrono::steady_clock::now() - start);
                                out.match = out.details.match;
                                out.probe = std::move(blob);
                                impl->complete(std::move(done), Result<IdentifyOutcome>(std::move(out)));
                            });
                        });
    });
}

void FingerprintReader::capture(Completion<Blob> done) {
    Impl* impl = impl_.get();
    impl->runOnLoop([impl, done = std::move(done)]() mutable {
        impl->startScan({}, [impl, done = std::move(done)](Result<Blob> probe, std::optional<FingerKey>) mutable {
            if (!probe) return impl->complete(std::move(done), Result<Blob>(std::unexpected(probe.error())));
            if (probe->empty()) {
                return impl->complete(std::move(done), Result<Blob>(fail("finger.not_supported", "this reader returns no scanned print")));
            }
            Blob blob = std::move(*probe);
            impl->complete(std::move(done), Result<Blob>(std::move(blob)));
        });
    });
}

void FingerprintReader::cancel() {
    Impl* impl = impl_.get();
    impl->runOnLoop([impl] {
        if (impl->cancellable) g_cancellable_cancel(impl->cancellable.get());
    });
}

namespace {
template <class T>
std::pair<Completion<T>, std::future<Result<T>>> promised() {
    auto promise = std::make_shared<std::promise<Result<T>>>();
    auto future = promise->get_future();
    return {[promise](Result<T> r) { promise->set_value(std::move(r)); }, std::move(future)};
}
}  // namespace

std::future<Result<FingerTemplate>> FingerprintReader::enroll(EnrollRequest request, ProgressHandler progress) {
    auto [done, future] = promised<FingerTemplate>();
    enroll(std::move(request), std::move(progress), std::move(done));
    return std::move(future);
}

std::future<Result<VerifyOutcome>> FingerprintReader::verify(FingerTemplate enrolled) {
    auto [done, future] = promised<VerifyOutcome>();
    verify(std::move(enrolled), std::move(done));
    return std::move(future);
}

std::future<Result<IdentifyOutcome>> FingerprintReader::identify(std::vector<FingerTemplate> candidates) {
    auto [done, future] = promised<IdentifyOutcome>();
    identify(std::move(done), std::move(candidates));
    return std::move(future);
}

std::future<Result<Blob>> FingerprintReader::capture() {
    auto [done, future] = promised<Blob>();
    capture(std::move(done));
    return std::move(future);
}

}  // namespace rollcall::finger
