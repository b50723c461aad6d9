#include "rollcall/domain/Time.hpp"

#include <charconv>
#include <cstdio>

namespace rollcall {
namespace {

bool readInt(std::string_view text, std::size_t pos, std::size_t len, int& out) {
    if (pos + len > text.size()) return false;
    for (std::size_t i = pos; i < pos + len; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
    }
    auto [ptr, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
    return ec == std::errc{} && ptr == text.data() + pos + len;
}

}  // namespace

Instant Instant::now() {
    return Instant(std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now()));
}

std::string Instant::toIso() const {
    const auto us = micros();
    const std::int64_t secs = us >= 0 ? us / 1'000'000 : -((-us + 999'999) / 1'000'000);
    const auto frac = static_cast<long>(us - secs * 1'000'000);
    const auto local = LocalDateTime::fromSeconds(secs);
    const auto d = local.date();
    const auto t = local.time();
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%06ldZ", d.year(), d.month(), d.day(),
                  t.hour(), t.minute(), t.seconds() % 60, frac);
    return buf;
}

std::optional<Instant> Instant::parseIso(std::string_view text) {
    // YYYY-MM-DDTHH:MM:SS[.ffffff](Z|+HH:MM|-HH:MM)
    if (text.size() < 20) return std::nullopt;
    auto local = LocalDateTime::parse(text.substr(0, 19));
    if (!local) return std::nullopt;
    std::size_t pos = 19;
    std::int64_t fracUs = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 6) fracUs = fracUs * 10 + (text[pos] - '0');
            ++digits;
            ++pos;
        }
        if (digits == 0) return std::nullopt;
        for (int i = digits; i < 6; ++i) fracUs *= 10;
    }
    if (pos >= text.size()) return std::nullopt;
    std::int64_t offsetSecs = 0;
    if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
        int oh = 0, om = 0;
        if (!readInt(text, pos + 1, 2, oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
            !readInt(text, pos + 4, 2, om) || oh > 23 || om > 59)
            return std::nullopt;
        offsetSecs = (oh * 3600 + om * 60) * (text[pos] == '-' ? -1 : 1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) return std::nullopt;
    return Instant::fromMicros((local->seconds() - offsetSecs) * 1'000'000 + fracUs);
}

std::optional<LocalDate> LocalDate::parse(std::string_view text) {
    int y = 0, m = 0, d = 0;
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    if (!readInt(text, 0, 4, y) || !readInt(text, 5, 2, m) || !readInt(text, 8, 2, d)) return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                    std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return LocalDate(ymd);
}

std::string LocalDate::toString() const {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year(), month(), day());
    return buf;
}

std::optional<LocalTime> LocalTime::parse(std::string_view text) {
    int h = 0, m = 0, s = 0;
    if (text.size() != 5 && text.size() != 8) return std::nullopt;
    if (text[2] != ':' || !readInt(text, 0, 2, h) || !readInt(text, 3, 2, m)) return std::nullopt;
    if (text.size() == 8 && (text[5] != ':' || !readInt(text, 6, 2, s))) return std::nullopt;
    if (h > 23 || m > 59 || s > 59) return std::nullopt;
    return LocalTime(h, m, s);
}

std::string LocalTime::toString() const {
    char buf[48];
    if (secs_ % 60 != 0) {
        std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", hour(), minute(), secs_ % 60);
    } else {
        std::snprintf(buf, sizeof buf, "%02d:%02d", hour(), minute());
    }
    return buf;
}

std::optional<LocalDateTime> LocalDateTime::parse(std::string_view text) {
    if (text.size() < 16 || (text[10] != 'T' && text[10] != ' ')) return std::nullopt;
    auto d = LocalDate::parse(text.substr(0, 10));
    auto t = LocalTime::parse(text.substr(11));
    if (!d || !t) return std::nullopt;
    return LocalDateTime(*d, *t);
}

std::string LocalDateTime::toString() const {
    const auto t = time();
    char buf[96];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d", date().toString().c_str(), t.hour(), t.minute(),
                  t.seconds() % 60);
    return buf;
}

}  // namespace rollcall
