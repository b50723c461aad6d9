#pragma once
// The terminal's outbox. append() returns only after the signed punch is committed with
// synchronous=FULL, so a person hears "OK" only for a punch that survives a power cut.
// Sequence numbers come from SQLite's AUTOINCREMENT counter, which never hands out a number
// twice, even after pruning or a crash. Thread-safe: the daemon appends while sync reads.
// Each punch carries the digest of the one before (proto::PunchRecord::prev); the chain head
// survives pruning in its own row.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "rollcall/crypto/Crypto.hpp"
#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/proto/PunchRecord.hpp"
#include "rollcall/sqlite/Database.hpp"

namespace rollcall::journal {

// What the recogniser decided; the journal adds the terminal, the sequence and the signature.
struct PunchDraft {
    EmployeeId employee;
    proto::PunchMethod method = proto::PunchMethod::Face;
    std::optional<double> faceScore;
    std::optional<double> fingerScore;
    std::optional<double> livenessScore;
    std::int64_t terminalTimeUs = 0;
    std::int64_t clockOffsetUs = 0;
    std::optional<SpotCheckId> spotCheck;
};

struct JournalOptions {
    std::chrono::hours keepAcknowledgedFor{24 * 30};
    std::uint64_t keepAcknowledgedCount = 100'000;
};

class Journal {
public:
    static Result<std::unique_ptr<Journal>> open(const std::filesystem::path& file, TerminalId terminal,
                                                 crypto::SigningKey key, JournalOptions options = {});

    Result<proto::PunchRecord> append(const PunchDraft& draft, Instant now = Instant::now());
    // Unacknowledged punches with sequence > after, oldest first.
    Result<std::vector<proto::PunchRecord>> pending(std::size_t limit, TerminalSeq after = 0);
    Status acknowledge(std::span<const TerminalSeq> seqs, Instant now = Instant::now());
    Result<std::uint64_t> backlog();
    // The highest sequence ever handed out (0 for a new journal).
    Result<TerminalSeq> lastSeq();
    Result<std::optional<proto::PunchRecord>> find(TerminalSeq seq);
    // Deletes acknowledged punches older than the age limit or beyond the count limit.
    Result<std::uint64_t> prune(Instant now = Instant::now());

    [[nodiscard]] TerminalId terminal() const { return terminal_; }

private:
    Journal(sqlite::Database db, TerminalId terminal, crypto::SigningKey key, JournalOptions options)
        : db_(std::move(db)), terminal_(terminal), key_(key), options_(options) {}
    Result<TerminalSeq> lastSeqLocked();
    Result<proto::ChainDigest> chainHeadLocked();
    Status setChainHeadLocked(const proto::PunchRecord& last);
    Status chainLegacyPunches();

    std::mutex mutex_;
    sqlite::Database db_;
    TerminalId terminal_;
    crypto::SigningKey key_;
    JournalOptions options_;
};

}  // namespace rollcall::journal
