#pragma once
// Group commit: sessions hand batches to a few verifier threads, which check each batch's hash
// chain and its last punch's signature against the terminal's pinned key (Ed25519 costs more
// than storing a punch, so it runs on every core, beside the commits), then to one ingest
// thread, which links each batch to the terminal's stored chain and stores all waiting
// verified batches in one PunchRepository::insertBatch transaction (synchronous=FULL on the
// store's writer). Each session is told only after that transaction committed, and only then
// acks its terminal.
#include <array>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/gateway/TerminalRegistry.hpp"
#include "rollcall/proto/PunchRecord.hpp"
#include "rollcall/proto/TlsIdentity.hpp"
#include "rollcall/store/PunchRepository.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::gateway {

struct IngestJob {
    proto::PublicKey key;
    std::vector<proto::PunchRecord> punches;
    Instant receivedAt;
    std::vector<store::NewPunch> rows;  // the punches as stored, filled by the verifier thread
};

struct IngestOutcome {
    std::size_t inserted = 0;
    std::size_t duplicates = 0;
};

class IngestQueue {
public:
    using Completion = std::move_only_function<void(Result<IngestOutcome>)>;

    IngestQueue(store::Store& store, TerminalRegistry& registry, std::size_t maxGroupPunches);
    IngestQueue(const IngestQueue&) = delete;
    IngestQueue& operator=(const IngestQueue&) = delete;
    ~IngestQueue();

    // The completion runs on the ingest thread; post from it to where the caller lives.
    void submit(IngestJob job, Completion done);
    // Called on the ingest thread after each commit that stored new punches.
    void setListener(std::function<void(std::size_t inserted)> listener) { listener_ = std::move(listener); }
    void stop();

private:
    struct Pending {
        IngestJob job;
        Completion done;
    };
    void run();
    void verifyLoop();
    void commitGroup(std::vector<Pending>& group);
    // The digest the batch starting at `first` must follow, if the server knows it.
    Result<std::optional<proto::ChainDigest>> storedBefore(const proto::PunchRecord& first);
    void advanceHead(const proto::PunchRecord& last);

    struct ChainHead {
        TerminalSeq seq = 0;
        proto::ChainDigest digest{};
    };

    store::Store& store_;
    TerminalRegistry& registry_;
    std::size_t maxGroupPunches_;
    std::function<void(std::size_t)> listener_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Pending> queue_;  // verified, waiting for the next commit
    bool stopping_ = false;
    std::mutex verifyMutex_;
    std::condition_variable verifyWake_;
    std::deque<Pending> unverified_;
    bool verifiersStopping_ = false;
    unsigned verifierCount_ = 1;  // set before the verifiers start
    std::vector<std::thread> verifiers_;
    std::thread thread_;
    // Ingest thread only: each terminal's newest stored punch, so that a batch is linked to the
    // stored chain without a read; and group sizes, logged at stop.
    std::unordered_map<std::int64_t, ChainHead> heads_;
    std::uint64_t commits_ = 0;
    std::uint64_t punchesCommitted_ = 0;
    std::size_t largestGroup_ = 0;
    double commitSeconds_ = 0;
    double longestCommit_ = 0;
    double commitCpuSeconds_ = 0;
    // Batch received by the session -> its group committed, in 1-ms buckets.
    static constexpr std::int64_t kLatencyBuckets = 2000;
    std::array<std::uint64_t, kLatencyBuckets> durableMs_{};
    void noteDurable(Instant receivedAt);
    [[nodiscard]] std::int64_t durablePercentile(double p) const;
};

}  // namespace rollcall::gateway
