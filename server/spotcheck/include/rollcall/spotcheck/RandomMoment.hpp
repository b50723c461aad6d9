#pragma once
// Unpredictable moments for surprise checks, from libsodium's CSPRNG (common/crypto).
#include <cstdint>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Time.hpp"

namespace rollcall::spotcheck {

// Uniform in [0, bound) without modulo bias (rejection of the short top range); bound > 0.
std::uint64_t uniformBelow(std::uint64_t bound);

// Uniform at microsecond resolution in [from, to], both ends included; to >= from.
Result<Instant> drawMoment(Instant from, Instant to);

}  // namespace rollcall::spotcheck
