#include "rollcall/gateway/PunchChainCheck.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "rollcall/gateway/StoredPunchRecord.hpp"
#include "rollcall/store/PunchRepository.hpp"

namespace rollcall::gateway {
namespace {

constexpr int kPage = 2000;

// Walks one terminal's punches in sequence order; returns the first break, if any.
Result<std::optional<PunchChainBreak>> checkTerminal(store::Store& store, const TerminalInfo& info,
                                                     const proto::PublicKey& key, PunchChainReport& report) {
    const TerminalId terminal = info.id;
    TerminalSeq highest = 0;  // the highest sequence stored, chained or not
    store::PunchRepository repo(store);
    std::optional<proto::PunchRecord> last;  // the previous punch of the current run
    const auto broken = [&](TerminalSeq seq, std::string reason) {
        return std::optional<PunchChainBreak>(PunchChainBreak{terminal, seq, std::move(reason)});
    };
    // The run that ends at `last` is vouched for by its last punch's signature.
    const auto closeRun = [&]() -> std::optional<PunchChainBreak> {
        if (last && !proto::verify(*last, key)) {
            return broken(last->seq, fmt::format("punch {} is not signed by the terminal's key (its signature "
                                                 "vouches for the punches before it)",
                                                 last->seq));
        }
        return std::nullopt;
    };
    TerminalSeq from = 0;
    for (;;) {
        auto page = repo.forTerminal(terminal, from, kPage);
        if (!page) return std::unexpected(page.error());
        for (const auto& stored : *page) {
            report.punchesChecked++;
            highest = std::max(highest, stored.punch.terminalSeq.value_or(0));
            auto record = toRecord(stored.punch);
            if (!record) {
                report.unchained++;
                if (auto b = closeRun()) return b;
                last.reset();
                continue;
            }
            if (last && record->seq != last->seq + 1) {
                return broken(last->seq + 1, record->seq == last->seq + 2
                                                 ? fmt::format("punch {} is missing", last->seq + 1)
                                                 : fmt::format("punches {} to {} are missing", last->seq + 1,
                                                               record->seq - 1));
            }
            if (last && record->prev != proto::chainDigest(*last)) {
                return broken(record->seq, fmt::format("punch {} does not follow punch {}: the stored punch {} differs "
                                                       "from the one the terminal chained",
                                                       record->seq, last->seq, last->seq));
            }
            if (!last && record->prev != proto::ChainDigest{} && record->seq > 1) {
                auto before = repo.find(terminal, record->seq - 1);
                if (!before) return std::unexpected(before.error());
                if (!*before) return broken(record->seq - 1, fmt::format("punch {} is missing", record->seq - 1));
            }
            last = std::move(*record);
        }
        if (page->size() < static_cast<std::size_t>(kPage)) break;
        from = *page->back().punch.terminalSeq + 1;
    }
    if (auto b = closeRun()) return b;
    // The chain cannot show its own newest punches deleted; the terminal's word can. It said how
    // many sequence numbers it had handed out and how many were still waiting to be sent, so
    // everything below the difference was acknowledged, hence stored.
    const TerminalSeq delivered = info.lastSeq > info.backlog ? info.lastSeq - info.backlog : 0;
    if (highest < delivered) {
        return broken(highest + 1, fmt::format("punches {} to {} are missing: the terminal reported {} punches handed out "
                                               "and {} waiting to be sent",
                                               highest + 1, delivered, info.lastSeq, info.backlog));
    }
    return std::optional<PunchChainBreak>{};
}

}  // namespace

Result<PunchChainReport> checkStoredChains(store::Store& store, TerminalRegistry& registry) {
    PunchChainReport report;
    auto terminals = registry.list();
    if (!terminals) return std::unexpected(terminals.error());
    for (const auto& t : *terminals) {
        const auto key = registry.keyOf(t.id);
        if (!key) continue;  // never provisioned: it cannot have sent a punch
        report.terminalsChecked++;
        auto b = checkTerminal(store, t, *key, report);
        if (!b) return std::unexpected(b.error());
        if (*b) report.breaks.push_back(std::move(**b));
    }
    return report;
}

}  // namespace rollcall::gateway
