#pragma once
// Where rulings are audited (server/audit's hash-chained log, once wired). A failing sink
// makes the ruling fail and roll back: a ruling that is not audited does not happen.
#include <string>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/sqlite/Database.hpp"

namespace rollcall::spotcheck {

struct AuditEntry {
    UserId actor;
    std::string actorName;  // the account name the audit log shows
    std::string action;   // "spotcheck.finding.confirm", "spotcheck.case.close", ...
    std::string subject;  // "spotcheck/finding/12", "spotcheck/case/3", "spotcheck/7"
    std::string detail;   // JSON object text with the ruling's content (reason, owner, deadline, ...)
    Instant at;
};

class AuditSink {
public:
    virtual ~AuditSink() = default;
    // `db` is the connection whose transaction holds the ruling: append through it so the
    // entry commits (or rolls back) with the change it records.
    virtual Status record(sqlite::Database& db, const AuditEntry& entry) = 0;
};

}  // namespace rollcall::spotcheck
