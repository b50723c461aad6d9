#include "IngestQueue.hpp"

#include <spdlog/spdlog.h>
#include <time.h>

#include <algorithm>
#include <iterator>
#include <optional>

#include "rollcall/proto/Protocol.hpp"
#include "rollcall/gateway/StoredPunchRecord.hpp"
#include "rollcall/store/PunchRepository.hpp"

namespace rollcall::gateway {
namespace {

constexpr std::size_t kSharePunches = 128;
double threadCpuSeconds() {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
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
            // Links inside the batch and the last punch's signature, which covers the whole batch
            // through the digests; the link to the stored chain is checked by the ingest thread.
            // A batch that fails is refused whole, before anything of it can be stored.
            if (auto st = proto::checkChain(p.job.punches, std::nullopt, p.job.key); !st) {
                p.done(std::unexpected(st.error()));
                continue;
            }
            // Converted here, on every core, so that the single ingest thread only stores.
            p.job.rows.reserve(p.job.punches.size());
            for (const auto& punch : p.job.punches) p.job.rows.push_back(toStore(punch, p.job.receivedAt));
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
        spdlog::info("gateway: {} group commits stored {} punches ({:.1f} per commit, at most {}); a commit took "
                     "{:.1f} ms on average ({:.1f} ms of CPU), at most {:.1f} ms; batch received -> durable p50 {} ms, p99 {} ms",
                     commits_, punchesCommitted_, static_cast<double>(punchesCommitted_) / static_cast<double>(commits_),
                     largestGroup_, commitSeconds_ * 1e3 / static_cast<double>(commits_),
                     commitCpuSeconds_ * 1e3 / static_cast<double>(commits_), longestCommit_ * 1e3,
                     durablePercentile(0.50), durablePercentile(0.99));
    }
}

void IngestQueue::noteDurable(Instant receivedAt) {
    const auto ms = (Instant::now() - receivedAt) / std::chrono::milliseconds(1);
    durableMs_[static_cast<std::size_t>(std::clamp<std::int64_t>(ms, 0, kLatencyBuckets - 1))]++;
}

// In whole milliseconds, from the 1-ms buckets (the last bucket holds everything longer).
std::int64_t IngestQueue::durablePercentile(double p) const {
    std::uint64_t total = 0;
    for (auto n : durableMs_) total += n;
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < durableMs_.size(); ++i) {
        seen += durableMs_[i];
        if (total > 0 && static_cast<double>(seen) >= p * static_cast<double>(total)) return static_cast<std::int64_t>(i);
    }
    return 0;
}

Result<std::optional<proto::ChainDigest>> IngestQueue::storedBefore(const proto::PunchRecord& first) {
    if (first.seq <= 1) return std::optional<proto::ChainDigest>{};
    const auto key = first.terminal.value();
    if (auto it = heads_.find(key); it != heads_.end() && it->second.seq == first.seq - 1) {
        return std::optional<proto::ChainDigest>(it->second.digest);
    }
    // After a reconnect or a server restart: read the stored punch once.
    auto stored = store::PunchRepository(store_).find(first.terminal, first.seq - 1);
    if (!stored) return std::unexpected(stored.error());
    if (!*stored) {
        spdlog::warn("gateway: terminal {} sent punch {} but punch {} is not stored; its chain starts again there",
                     key, first.seq, first.seq - 1);
        return std::optional<proto::ChainDigest>{};
    }
    auto record = toRecord((*stored)->punch);
    if (!record) return std::optional<proto::ChainDigest>{};  // stored before punches were chained
    return std::optional<proto::ChainDigest>(proto::chainDigest(*record));
}

void IngestQueue::advanceHead(const proto::PunchRecord& last) {
    auto& head = heads_[last.terminal.value()];
    if (last.seq >= head.seq) head = ChainHead{last.seq, proto::chainDigest(last)};
}

void IngestQueue::commitGroup(std::vector<Pending>& group) {
    // Every batch here passed its signature and in-batch chain checks (verifyLoop); what is
    // left is its link to the punch the server already holds, checked in order so that two
    // batches of one terminal in the same group follow each other.
    std::vector<Pending*> valid;
    valid.reserve(group.size());
    // The heads this group moves, as they were, in case the group's transaction fails.
    std::vector<std::pair<std::int64_t, std::optional<ChainHead>>> before;
    for (auto& p : group) {
        const auto& first = p.job.punches.front();
        auto link = storedBefore(first);
        if (!link) {
            p.done(fail(std::string(proto::errc::server), "the server could not read the terminal's chain: " +
                                                              link.error().message));
            continue;
        }
        if (*link) {
            if (auto st = proto::checkLink(first, **link); !st) {
                p.done(std::unexpected(st.error()));
                continue;
            }
        }
        const auto key = first.terminal.value();
        if (std::none_of(before.begin(), before.end(), [&](const auto& b) { return b.first == key; })) {
            auto it = heads_.find(key);
            before.emplace_back(key, it == heads_.end() ? std::nullopt : std::optional<ChainHead>(it->second));
        }
        advanceHead(p.job.punches.back());
        valid.push_back(&p);
    }
    if (valid.empty()) return;

    std::size_t total = 0;
    for (auto* p : valid) total += p->job.punches.size();
    std::vector<store::NewPunch> all;
    all.reserve(total);
    for (auto* p : valid) std::move(p->job.rows.begin(), p->job.rows.end(), std::back_inserter(all));
    store::PunchRepository repo(store_);
    const auto t0 = std::chrono::steady_clock::now();
    const double cpu0 = threadCpuSeconds();
    auto outcomes = repo.insertBatch(all);
    commitCpuSeconds_ += threadCpuSeconds() - cpu0;
    const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    commitSeconds_ += took;
    longestCommit_ = std::max(longestCommit_, took);
    std::size_t inserted = 0;
    if (outcomes) {
        std::size_t offset = 0;
        for (auto* p : valid) {
            const auto n = p->job.punches.size();
            auto r = count(std::span(*outcomes).subspan(offset, n));
            inserted += r->inserted;
            offset += n;
            noteDurable(p->job.receivedAt);
            p->done(std::move(r));
        }
    } else {
        // One batch spoiled the group: store each alone so the others still get through, and
        // move the chain heads only past what was stored.
        std::size_t offset = 0;
        for (const auto& [key, head] : before) {
            if (head) heads_[key] = *head;
            else heads_.erase(key);
        }
        for (auto* p : valid) {
            // `all` still holds this batch's rows (insertBatch takes them by span).
            auto single = repo.insertBatch(std::span<const store::NewPunch>(all).subspan(offset, p->job.punches.size()));
            offset += p->job.punches.size();
            if (single) {
                auto r = count(*single);
                inserted += r->inserted;
                advanceHead(p->job.punches.back());
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
