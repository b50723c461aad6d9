#pragma once
// Spot-check rulings into server/audit's hash-chained log, inside the ruling's transaction.
#include "rollcall/spotcheck/AuditSink.hpp"

namespace rollcall::spotcheck {

class AuditLogSink final : public AuditSink {
public:
    Status record(sqlite::Database& db, const AuditEntry& entry) override;
};

}  // namespace rollcall::spotcheck
