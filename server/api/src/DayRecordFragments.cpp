#include "DayRecordFragments.hpp"

#include <fmt/format.h>

namespace rollcall::api {

std::string DayRecordFragments::keyOf(const store::StoredDayRecordText& row) {
    // The text first, then what the answer shows beside it; '\n' never ends a stored JSON text.
    return fmt::format("{}\n{}\n{}", row.detail, row.version, row.evaluatedAt.micros());
}

std::vector<std::optional<std::string>> DayRecordFragments::find(std::span<const store::StoredDayRecordText> rows) {
    std::vector<std::optional<std::string>> out;
    out.reserve(rows.size());
    std::lock_guard lock(mutex_);
    for (const auto& row : rows) {
        auto key = keyOf(row);
        if (auto it = current_.find(key); it != current_.end()) {
            out.emplace_back(it->second);
        } else if (auto old = previous_.find(key); old != previous_.end()) {
            out.emplace_back(old->second);
            std::string fragment = std::move(old->second);
            previousBytes_ -= old->first.size() + fragment.size();
            previous_.erase(old);
            insertLocked(std::move(key), std::move(fragment));
        } else {
            out.emplace_back(std::nullopt);
        }
    }
    return out;
}

void DayRecordFragments::put(const store::StoredDayRecordText& row, const std::string& fragment) {
    std::lock_guard lock(mutex_);
    insertLocked(keyOf(row), fragment);
}

void DayRecordFragments::insertLocked(std::string key, std::string fragment) {
    const std::size_t size = key.size() + fragment.size();
    if (size > maxBytes_ / 2) return;
    if (currentBytes_ + size > maxBytes_ / 2) {
        previous_ = std::move(current_);
        previousBytes_ = currentBytes_;
        current_.clear();
        currentBytes_ = 0;
    }
    auto [it, fresh] = current_.try_emplace(std::move(key), std::move(fragment));
    if (fresh) currentBytes_ += size;
}

std::size_t DayRecordFragments::bytes() const {
    std::lock_guard lock(mutex_);
    return currentBytes_ + previousBytes_;
}

}  // namespace rollcall::api
