#pragma once
// The JSON of single day records, kept by exactly what each is rendered from: the stored text,
// its version and its evaluation time. When an attendance answer must be read again (any
// evaluated day invalidates every cached answer, CachedRead.hpp), only the records that
// changed are decoded and rendered again; the rest are copied. Exact by construction: a
// fragment is found only for byte-identical stored text.
//
// Bounded by bytes in two generations: when the current one is full it becomes the previous
// one and the old previous one is dropped; a fragment found in the previous generation moves
// to the current one. That approximates least-recently-used with O(1) work and no list.
#include <cstddef>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "rollcall/store/DayRecordRepository.hpp"

namespace rollcall::api {

class DayRecordFragments {
public:
    explicit DayRecordFragments(std::size_t maxBytes) : maxBytes_(maxBytes) {}

    // One fragment (or nullopt) per row, in order, under one lock.
    std::vector<std::optional<std::string>> find(std::span<const store::StoredDayRecordText> rows);
    void put(const store::StoredDayRecordText& row, const std::string& fragment);

    [[nodiscard]] std::size_t bytes() const;

private:
    static std::string keyOf(const store::StoredDayRecordText& row);
    void insertLocked(std::string key, std::string fragment);

    std::size_t maxBytes_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::string> current_;
    std::unordered_map<std::string, std::string> previous_;
    std::size_t currentBytes_ = 0;
    std::size_t previousBytes_ = 0;
};

}  // namespace rollcall::api
