#pragma once
// Request counts and latency histograms per route, rendered in Prometheus text format.
#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace rollcall::http {

class RequestMetrics {
public:
    void record(std::string_view method, std::string_view route, unsigned status, std::chrono::microseconds elapsed);
    // Lines of http_requests_total and http_request_duration_seconds.
    [[nodiscard]] std::string prometheus() const;
    [[nodiscard]] std::uint64_t total() const;

private:
    static constexpr std::array<double, 10> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1.0, 5.0};
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};
        std::uint64_t count = 0;
        double sum = 0;
    };
    mutable std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, unsigned>, std::uint64_t> counts_;
    std::map<std::string, Histogram> latency_;  // by route
};

}  // namespace rollcall::http
