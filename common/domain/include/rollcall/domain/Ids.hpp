#pragma once
// Strong identities: an EmployeeId is never a TerminalId, and neither is a bare integer.
#include <compare>
#include <cstdint>
#include <functional>
#include <string>

namespace rollcall {

template <class Tag, class Rep = std::int64_t>
class StrongId {
public:
    using rep_type = Rep;
    constexpr StrongId() = default;
    constexpr explicit StrongId(Rep value) : value_(value) {}
    [[nodiscard]] constexpr Rep value() const { return value_; }
    [[nodiscard]] constexpr bool valid() const { return value_ != Rep{}; }
    constexpr auto operator<=>(const StrongId&) const = default;

private:
    Rep value_{};
};

struct EmployeeTag {};
struct TerminalTag {};
struct DepartmentTag {};
struct PostTag {};
struct ShiftTag {};
struct LeaveTag {};
struct CorrectionTag {};
struct SpotCheckTag {};
struct PunchTag {};
struct UserTag {};

using EmployeeId = StrongId<EmployeeTag>;
using TerminalId = StrongId<TerminalTag>;
using DepartmentId = StrongId<DepartmentTag>;
using PostId = StrongId<PostTag>;
using ShiftId = StrongId<ShiftTag>;
using LeaveId = StrongId<LeaveTag>;
using CorrectionId = StrongId<CorrectionTag>;
using SpotCheckId = StrongId<SpotCheckTag>;
using PunchId = StrongId<PunchTag>;
using UserId = StrongId<UserTag>;

// A terminal's punch counter: monotonic per terminal, never reused.
using TerminalSeq = std::uint64_t;

}  // namespace rollcall

template <class Tag, class Rep>
struct std::hash<rollcall::StrongId<Tag, Rep>> {
    std::size_t operator()(const rollcall::StrongId<Tag, Rep>& id) const noexcept {
        return std::hash<Rep>{}(id.value());
    }
};
