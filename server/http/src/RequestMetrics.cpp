#include "rollcall/http/RequestMetrics.hpp"

#include <fmt/format.h>

namespace rollcall::http {

void RequestMetrics::record(std::string_view method, std::string_view route, unsigned status,
                            std::chrono::microseconds elapsed) {
    const double seconds = static_cast<double>(elapsed.count()) / 1e6;
    std::lock_guard lock(mutex_);
    ++counts_[{std::string(method), std::string(route), status}];
    auto& h = latency_[std::string(route)];
    ++h.count;
    h.sum += seconds;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i]) ++h.buckets[i];
    }
}

std::uint64_t RequestMetrics::total() const {
    std::lock_guard lock(mutex_);
    std::uint64_t n = 0;
    for (const auto& [key, count] : counts_) n += count;
    return n;
}

std::string RequestMetrics::prometheus() const {
    std::lock_guard lock(mutex_);
    std::string out;
    out += "# HELP rollcall_http_requests_total HTTP requests handled, by method, route and status.\n";
    out += "# TYPE rollcall_http_requests_total counter\n";
    for (const auto& [key, count] : counts_) {
        const auto& [method, route, status] = key;
        out += fmt::format("rollcall_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", method,
                           route, status, count);
    }
    out += "# HELP rollcall_http_request_duration_seconds Time to handle a request, by route.\n";
    out += "# TYPE rollcall_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : latency_) {
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            out += fmt::format("rollcall_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", route,
                               kBuckets[i], h.buckets[i]);
        }
        out += fmt::format("rollcall_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", route, h.count);
        out += fmt::format("rollcall_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route, h.sum);
        out += fmt::format("rollcall_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route, h.count);
    }
    return out;
}

}  // namespace rollcall::http
