#include "IngestQueue.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>

#include "rollcall/proto/Protocol.hpp"
#include "rollcall/store/PunchRepository.hpp"

namespace rollcall::gateway {
namespace {

constexpr std::size_t kSharePunches = 128;

store::PunchMethod toStore(proto::PunchMethod m) {
    switch (m) {
        case proto::PunchMethod::Face: return store::PunchMethod::Face;
        case proto::PunchMethod::Fingerprint: return store::PunchMethod::Fingerprint;
        case proto::PunchMethod::FaceAndFingerprint: return store::PunchMethod::FaceAndFingerprint;
        case proto::PunchMethod::Card: return store::PunchMethod::Card;
        case proto::PunchMethod::Pin: return store::PunchMethod::Pin;
    }
    return store::PunchMethod::Face;
}

store::NewPunch toStore(const proto::PunchRecord& p, Instant receivedAt) {
    store::NewPunch n;
    n.terminalId = p.terminal;
    n.terminalSeq = p.seq;
    n.employeeId = p.employee;
    n.method = toStore(p.method);
    n.at = Instant::fromMicros(p.correctedTimeUs());
    n.terminalTime = Instant::fromMicros(p.terminalTimeUs);
    n.clockOffset = std::chrono::microseconds(p.clockOffsetUs);
    n.faceScore = p.faceScore;
    n.fingerScore = p.fingerScore;
    n.livenessScore = p.livenessScore;
    n.spotCheckId = p.spotCheck;
    n.signature = std::vector<std::uint8_t>(p.signature.begin(), p.signature.end());
    n.receivedAt = receivedAt;
    n.source = store::PunchSource::Terminal;
    return n;
}

Result<IngestOutcome> count(std::span<const store::InsertOutcome> outcomes) {
    IngestOutcome o;
    for (auto x : outcomes) (x == store::InsertOutcome::Inserted ? o.inserted : o.duplicates)++;
    return o;
}

// A store refusal of one terminal's batch is that terminal's fault (a resend with other
// content, or an invalid punch); anything else is the server's and the terminal retries later.
Error classify(const Error& e) {
    if (e.code == "punch.conflict") {
        return Error{std::string(proto::errc::replay), "a resent punch differs from the stored one: " + e.message, e.field};
    }
    if (e.code == "punch.invalid") return Error{std::string(proto::errc::badField), e.message, e.field};
    return Error{std::string(proto::errc::server), "the server could not store the batch: " + e.message, e.field};
}

}  // namespace

IngestQueue::IngestQueue(store::Store& store, TerminalRegistry& registry, std::size_t maxGroupPunches)
    : store_(store), registry_(registry), maxGroupPunches_(maxGroupPunches), thread_([this] { run(); }) {
    verifierCount_ = std::clamp(std::thread::hardware_concurrency(), 1U, 4U);
    for (unsigned i = 0; i < verifierCount_; ++i) verifiers_.emplace_back([this] { verifyLoop(); });
}

IngestQueue::~IngestQueue() { stop(); }

void IngestQueue::stop() {
    // Verifiers first, so that every batch they accepted reaches the ingest thread's queue.
    {
        std::lock_guard lock(verifyMutex_);
        verifiersStopping_ = true;
    }
    verifyWake_.notify_all();
    for (auto& t : verifiers_) {
        if (t.joinable()) t.join();
    }
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void IngestQueue::submit(IngestJob job, Completion done) {
    {
        std::lock_guard lock(verifyMutex_);
        if (!verifiersStopping_) {
            unverified_.push_back(Pending{std::move(job), std::move(done)});
            verifyWake_.notify_one();
            return;
        }
    }
    done(fail(std::string(proto::errc::server), "the server is shutting down"));
}

void IngestQueue::verifyLoop() {
    std::vector<Pending> work;
    for (;;) {
        work.clear();
        {
            std::unique_lock lock(verifyMutex_);
            verifyWake_.wait(lock, [&] { return verifiersStopping_ || !unverified_.empty(); });
            if (unverified_.empty()) return;  // stopping, and nothing left
            // A fair share of what waits, so a busy gateway takes the locks and wakes the ingest
            // thread once per share instead of once per batch; bounded in punches (about 6 ms of
            // Ed25519), because no batch of a share reaches the commit before the whole share.
            const std::size_t share = std::max<std::size_t>(1, unverified_.size() / verifierCount_);
            std::size_t punches = 0;
            while (!unverified_.empty() && work.size() < share && (work.empty() || punches < kSharePunches)) {
                punches += unverified_.front().job.punches.size();
                work.push_back(std::move(unverified_.front()));
                unverified_.pop_front();
            }
        }
        std::size_t verified = 0;
        for (std::size_t i = 0; i < work.size(); ++i) {
            Pending& p = work[i];
            // A batch with one bad signature is refused whole, before it can be stored.
            const proto::PunchRecord* bad = nullptr;
            for (const auto& punch : p.job.punches) {
                if (!proto::verify(punch, p.job.key)) {
                    bad = &punch;
                    break;
                }
            }
            if (bad) {
                p.done(fail(std::string(proto::errc::badSignature),
                            "punch " + std::to_string(bad->seq) + " is not signed by the terminal's registered key"));
                continue;
            }
            if (i != verified) work[verified] = std::move(p);  // never a self-move: it would empty the job
            ++verified;
        }
        if (verified == 0) continue;
        {
            std::lock_guard lock(mutex_);
            for (std::size_t i = 0; i < verified; ++i) queue_.push_back(std::move(work[i]));
        }
        wake_.notify_one();
    }
}

void IngestQueue::run() {
    auto lastFlush = std::chrono::steady_clock::now();
    for (;;) {
        std::vector<Pending> group;
        {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_ || !queue_.empty(); });
            if (stopping_ && queue_.empty()) break;
            std::size_t punches = 0;
            while (!queue_.empty() && (group.empty() || punches + queue_.front().job.punches.size() <= maxGroupPunches_)) {
                punches += queue_.front().job.punches.size();
                group.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        if (!group.empty()) commitGroup(group);
        if (std::chrono::steady_clock::now() - lastFlush > std::chrono::seconds(1)) {
            if (auto st = registry_.flushLive(); !st) spdlog::warn("gateway: terminal status not saved: {}", st.error().describe());
            lastFlush = std::chrono::steady_clock::now();
        }
    }
    std::deque<Pending> rest;
    {
        std::lock_guard lock(mutex_);
        rest.swap(queue_);
    }
    for (auto& p : rest) p.done(fail(std::string(proto::errc::server), "the server is shutting down"));
    (void)registry_.flushLive();
    if (commits_ > 0) {
        spdlog::info("gateway: {} group commits stored {} punches ({:.1f} per commit, at most {})", commits_,
                     punchesCommitted_, static_cast<double>(punchesCommitted_) / static_cast<double>(commits_),
                     largestGroup_);
    }
}

void IngestQueue::commitGroup(std::vector<Pending>& group) {
    // Every batch here passed its signature checks (verifyLoop).
    std::vector<Pending*> valid;
    valid.reserve(group.size());
    for (auto& p : group) valid.push_back(&p);

    std::size_t total = 0;
    for (auto* p : valid) total += p->job.punches.size();
    std::vector<store::NewPunch> all;
    all.reserve(total);
    for (auto* p : valid) {
        for (const auto& punch : p->job.punches) all.push_back(toStore(punch, p->job.receivedAt));
    }
    store::PunchRepository repo(store_);
    auto outcomes = repo.insertBatch(all);
    std::size_t inserted = 0;
    if (outcomes) {
        std::size_t offset = 0;
        for (auto* p : valid) {
            const auto n = p->job.punches.size();
            auto r = count(std::span(*outcomes).subspan(offset, n));
            inserted += r->inserted;
            offset += n;
            p->done(std::move(r));
        }
    } else {
        // One batch spoiled the group: store each alone so the others still get through.
        for (auto* p : valid) {
            std::vector<store::NewPunch> one;
            for (const auto& punch : p->job.punches) one.push_back(toStore(punch, p->job.receivedAt));
            auto single = repo.insertBatch(one);
            if (single) {
                auto r = count(*single);
                inserted += r->inserted;
                p->done(std::move(r));
            } else {
                p->done(std::unexpected(classify(single.error())));
            }
        }
    }
    commits_++;
    punchesCommitted_ += total;
    largestGroup_ = std::max(largestGroup_, total);
    if (inserted > 0 && listener_) listener_(inserted);
}

}  // namespace rollcall::gateway
