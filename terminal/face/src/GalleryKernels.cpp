#include "GalleryKernels.hpp"

namespace rollcall::face::kernels {

// Sixteen independent partial sums let the compiler vectorise without reassociating a single
// float reduction (which it may not do without -ffast-math).
__attribute__((target_clones("avx2", "default"))) void dotRowsF32(const float* rows, std::size_t n,
                                                                   std::size_t dim, const float* probe,
                                                                   float* out) {
    constexpr std::size_t lanes = 16;
    for (std::size_t r = 0; r < n; ++r) {
        const float* row = rows + r * dim;
        float acc[lanes] = {};
        std::size_t i = 0;
        for (; i + lanes <= dim; i += lanes) {
            for (std::size_t k = 0; k < lanes; ++k) acc[k] += row[i + k] * probe[i + k];
        }
        float sum = 0;
        for (; i < dim; ++i) sum += row[i] * probe[i];
        for (float a : acc) sum += a;
        out[r] = sum;
    }
}

__attribute__((target_clones("avx2", "default"))) void dotRowsI8(const std::int8_t* rows, std::size_t n,
                                                                  std::size_t dim, const std::int8_t* probe,
                                                                  std::int32_t* out) {
    for (std::size_t r = 0; r < n; ++r) {
        const std::int8_t* row = rows + r * dim;
        std::int32_t sum = 0;
        for (std::size_t i = 0; i < dim; ++i) sum += static_cast<std::int16_t>(row[i]) * static_cast<std::int16_t>(probe[i]);
        out[r] = sum;
    }
}

}  // namespace rollcall::face::kernels
