#include "rollcall/tz/TimeZone.hpp"

#include <date/tz.h>

namespace rollcall {
namespace {
const date::time_zone* zoneOf(const void* p) { return static_cast<const date::time_zone*>(p); }
}  // namespace

Result<TimeZone> TimeZone::load(const std::string& name) {
    try {
        const date::time_zone* z = date::locate_zone(name);
        return TimeZone(z, name);
    } catch (const std::exception& e) {
        return fail("tz.unknown", "unknown time zone '" + name + "' (expected an IANA name such as Asia/Shanghai): " + e.what(), "time_zone");
    }
}

int TimeZone::offsetSeconds(Instant instant) const {
    auto info = zoneOf(zone_)->get_info(std::chrono::time_point_cast<std::chrono::seconds>(instant.timePoint()));
    return static_cast<int>(info.offset.count());
}

LocalDateTime TimeZone::toLocal(Instant instant) const {
    const auto secs = std::chrono::floor<std::chrono::seconds>(instant.timePoint());
    const int offset = offsetSeconds(Instant(std::chrono::time_point_cast<Instant::Duration>(secs)));
    return LocalDateTime::fromSeconds(secs.time_since_epoch().count() + offset);
}

Instant TimeZone::toInstant(LocalDateTime local) const {
    const date::local_seconds ls{std::chrono::seconds{local.seconds()}};
    const auto info = zoneOf(zone_)->get_info(ls);
    std::chrono::seconds offset{};
    switch (info.result) {
        case date::local_info::unique:
        case date::local_info::ambiguous: offset = info.first.offset; break;
        case date::local_info::nonexistent: offset = info.first.offset; break;
    }
    return Instant::fromMicros((local.seconds() - offset.count()) * 1'000'000);
}

}  // namespace rollcall
