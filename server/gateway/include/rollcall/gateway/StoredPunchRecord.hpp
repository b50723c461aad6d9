#pragma once
// The wire punch <-> the stored row. A terminal punch keeps every signed field in its own
// column, so the record the terminal signed can be rebuilt from the database alone: to link a
// batch to the terminal's stored chain, and to re-check the chain later (PunchChainAudit).
#include <optional>

#include "rollcall/domain/Time.hpp"
#include "rollcall/proto/PunchRecord.hpp"
#include "rollcall/store/PunchRepository.hpp"

namespace rollcall::gateway {

store::NewPunch toStore(const proto::PunchRecord& punch, Instant receivedAt);
// nullopt for a punch that did not come from a protocol-2 terminal (manual, or stored before
// punches carried the previous-punch digest).
std::optional<proto::PunchRecord> toRecord(const store::NewPunch& stored);

}  // namespace rollcall::gateway
