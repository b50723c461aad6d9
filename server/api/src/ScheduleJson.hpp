#pragma once
// JSON shapes of shifts and roster plans, and the answers shared by the schedule routes
// (shifts, roster, calendar, leave types). Times of a shift are "HH:MM", "HH:MM+1" (next day)
// or "HH:MM-1"; the shapes are documented in docs/openapi.yaml.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "JsonBody.hpp"
#include "rollcall/http/Message.hpp"
#include "rollcall/http/RequestContext.hpp"
#include "rollcall/rules/Shift.hpp"
#include "rollcall/store/ScheduleRepository.hpp"
#include "rollcall/store/ShiftForm.hpp"

namespace rollcall::api {

nlohmann::json toJson(const rules::Shift& shift);
// {kind: "workdays", shiftId} | {kind: "weekly", week: [id|null x7]} | {kind: "cycle", cycle, anchor}
nlohmann::json planJson(const rules::ShiftPattern& pattern);
nlohmann::json toJson(const store::StoredAssignment& a, const rules::ShiftPattern* pattern);

// The body of POST /shifts and PUT /shifts/{id}; every field checked (unknown ones refused).
Result<store::ShiftForm> shiftFormFromJson(const http::Request& request);


// 422 {"error": "csv.invalid", "message", "field", "errors": [{line, message}, ...]} for a file
// with bad lines; other errors as usual.
http::Response importRejected(const Error& error);
// ?dry_run=1 or true
bool dryRun(const http::RequestContext& ctx);
// Why a CSV body cannot be read (empty, too large), or nullopt when it can.
std::optional<http::Response> csvBodyProblem(const http::RequestContext& ctx, std::size_t maxBytes);

}  // namespace rollcall::api
