#pragma once
// Re-checks every terminal's stored punches from the database columns alone (protocol 2's hash
// chain, docs/adr/punch-hash-chain.md): consecutive sequences, every link, and the signature of
// the last punch of each unbroken run, which vouches for the run. A punch deleted from
// `punches` shows as missing sequences, an altered one as a broken link or signature; the
// newest punches deleted show against what the terminal last reported (handed out minus still
// waiting). Punches stored before punches were chained (protocol 1) are counted, not checked.
#include <cstdint>
#include <string>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Ids.hpp"
#include "rollcall/gateway/TerminalRegistry.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::gateway {

struct PunchChainBreak {
    TerminalId terminal;
    TerminalSeq seq = 0;  // the first punch where the chain does not hold
    std::string reason;
};

struct PunchChainReport {
    std::uint64_t terminalsChecked = 0;
    std::uint64_t punchesChecked = 0;
    std::uint64_t unchained = 0;          // protocol-1 punches, without a previous-punch digest
    std::vector<PunchChainBreak> breaks;  // the first per terminal
    [[nodiscard]] bool ok() const { return breaks.empty(); }
};

Result<PunchChainReport> checkStoredChains(store::Store& store, TerminalRegistry& registry);

}  // namespace rollcall::gateway
