#include "rollcall/spotcheck/AuditLogSink.hpp"

#include <nlohmann/json.hpp>

#include "rollcall/audit/AuditLog.hpp"

namespace rollcall::spotcheck {

Status AuditLogSink::record(sqlite::Database& db, const AuditEntry& entry) {
    auto after = nlohmann::json::parse(entry.detail, nullptr, false);
    if (after.is_discarded()) return fail("spotcheck.audit", "audit detail is not JSON: " + entry.detail);
    const std::string actor = entry.actorName.empty() ? "user/" + std::to_string(entry.actor.value()) : entry.actorName;
    auto appended = audit::AuditLog(db).append({actor, entry.action, entry.subject, nullptr, std::move(after), ""}, entry.at);
    if (!appended) return std::unexpected(appended.error());
    return {};
}

}  // namespace rollcall::spotcheck
