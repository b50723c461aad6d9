#pragma once
// The inner loops of 1:N search, kept in their own file so they get -O3 and an AVX2 clone.
#include <cstddef>
#include <cstdint>

namespace rollcall::face::kernels {

// out[r] = dot(rows[r*dim .. +dim], probe) for r in [0, n).
void dotRowsF32(const float* rows, std::size_t n, std::size_t dim, const float* probe, float* out);
void dotRowsI8(const std::int8_t* rows, std::size_t n, std::size_t dim, const std::int8_t* probe, std::int32_t* out);

}  // namespace rollcall::face::kernels
