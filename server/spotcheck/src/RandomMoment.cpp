#include "rollcall/spotcheck/RandomMoment.hpp"

#include <cstring>
#include <limits>

#include "rollcall/crypto/Crypto.hpp"

namespace rollcall::spotcheck {

std::uint64_t uniformBelow(std::uint64_t bound) {
    if (bound <= 1) return 0;
    // 2^64 mod bound: values below it would make the low residues more likely.
    const std::uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        const auto bytes = crypto::randomBytes(sizeof(std::uint64_t));
        std::uint64_t x = 0;
        std::memcpy(&x, bytes.data(), sizeof x);
        if (x >= threshold) return x % bound;
    }
}

Result<Instant> drawMoment(Instant from, Instant to) {
    if (to < from) {
        return fail("spotcheck.range", "the random range ends (" + to.toIso() + ") before it starts (" +
                                           from.toIso() + ")",
                    "to");
    }
    const auto span = static_cast<std::uint64_t>(to.micros() - from.micros());
    if (span == std::numeric_limits<std::uint64_t>::max()) return fail("spotcheck.range", "the random range is too wide", "to");
    return Instant::fromMicros(from.micros() + static_cast<std::int64_t>(uniformBelow(span + 1)));
}

}  // namespace rollcall::spotcheck
