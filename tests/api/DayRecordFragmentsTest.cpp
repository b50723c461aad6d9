#include <gtest/gtest.h>

#include "DayRecordFragments.hpp"

using namespace rollcall;

namespace {
store::StoredDayRecordText row(std::string text, int version = 1, std::int64_t at = 1000) {
    return {std::move(text), version, Instant::fromMicros(at)};
}
}  // namespace

// A fragment is found only for the very text, version and evaluation time it was made from.
TEST(DayRecordFragments, FoundOnlyForTheExactStoredRecord) {
    api::DayRecordFragments f(1 << 20);
    f.put(row(R"({"a":1})"), "A1");
    const std::vector<store::StoredDayRecordText> rows{row(R"({"a":1})"), row(R"({"a":2})"), row(R"({"a":1})", 2),
                                                       row(R"({"a":1})", 1, 1001)};
    const auto found = f.find(rows);
    ASSERT_EQ(found.size(), 4u);
    EXPECT_EQ(found[0], "A1");
    EXPECT_FALSE(found[1]);
    EXPECT_FALSE(found[2]);
    EXPECT_FALSE(found[3]);
}

// Bounded by bytes; what was found recently survives the turn of a generation.
TEST(DayRecordFragments, StaysWithinItsBoundAndKeepsWhatIsUsed) {
    api::DayRecordFragments f(8 * 1024);
    const auto text = [](int i) { return "{\"record\":" + std::to_string(i) + ",\"pad\":\"" + std::string(100, 'x') + "\"}"; };
    f.put(row(text(0)), "kept");
    for (int i = 1; i < 400; ++i) {
        f.put(row(text(i)), std::string(100, 'y'));
        // Record 0 is read all the time, like a department's answer re-read after every write.
        const std::vector<store::StoredDayRecordText> one{row(text(0))};
        ASSERT_EQ(f.find(one)[0], "kept") << "after " << i << " others";
        EXPECT_LE(f.bytes(), 8u * 1024);
    }
    const std::vector<store::StoredDayRecordText> early{row(text(1))};
    EXPECT_FALSE(f.find(early)[0]) << "an old, unused fragment is dropped";
}
