#pragma once
// DayRecord <-> JSON text for the `detail` column; the names are the store's own and stable.
#include <string>
#include <string_view>

#include "rollcall/domain/Error.hpp"
#include "rollcall/rules/DayRecord.hpp"

namespace rollcall::store::detail {

std::string_view statusName(rules::DayStatus s);
std::string_view dayKindName(rules::DayKind k);
std::optional<rules::DayStatus> parseStatus(std::string_view s);

std::string encodeDayRecord(const rules::DayRecord& r);
Result<rules::DayRecord> decodeDayRecord(std::string_view json);

}  // namespace rollcall::store::detail
