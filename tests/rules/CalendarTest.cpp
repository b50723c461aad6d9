#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include "rollcall/rules/Calendar.hpp"

namespace rollcall::rules {
namespace {

TEST(Calendar, OrdinaryDaysFollowTheWeekWithoutEntries) {
    const Calendar c;
    EXPECT_EQ(c.kind(LocalDate(2026, 11, 2)), DayKind::Workday);   // Monday
    EXPECT_EQ(c.kind(LocalDate(2026, 11, 7)), DayKind::Weekend);   // Saturday
    EXPECT_EQ(c.workdaysBetween(LocalDate(2026, 11, 2), LocalDate(2026, 11, 8)), 5);
}

TEST(Calendar, ParsesHolidaysRangesMakeUpWorkdaysAndRestDays) {
    const auto c = Calendar::parse(
        "\xEF\xBB\xBF# China 2026 (excerpt)\r\n"
        "date,kind,name\r\n"
        "\r\n"
        "2026-10-01..2026-10-07, holiday, National Day\r\n"
        "2026-10-10,workday,\"National Day make-up, Saturday\"\r\n"
        "2026-12-31,rest\r\n");
    ASSERT_TRUE(c.has_value()) << c.error().describe();
    EXPECT_EQ(c->kind(LocalDate(2026, 10, 3)), DayKind::Holiday);  // a Saturday inside the range
    EXPECT_EQ(c->kind(LocalDate(2026, 10, 7)), DayKind::Holiday);
    EXPECT_EQ(c->kind(LocalDate(2026, 10, 10)), DayKind::MakeUpWorkday);
    EXPECT_TRUE(c->isWorkday(LocalDate(2026, 10, 10)));
    EXPECT_EQ(c->kind(LocalDate(2026, 12, 31)), DayKind::ExtraRestDay);
    EXPECT_FALSE(c->isWorkday(LocalDate(2026, 12, 31)));
    EXPECT_EQ(c->name(LocalDate(2026, 10, 10)), "National Day make-up, Saturday");
    EXPECT_EQ(c->name(LocalDate(2026, 11, 2)), std::nullopt);
    EXPECT_EQ(c->workdaysBetween(LocalDate(2026, 10, 1), LocalDate(2026, 10, 10)), 3);  // 8th, 9th, 10th
}

TEST(Calendar, HoldsSeveralYearsInOneText) {
    const auto c = Calendar::parse("2025-01-01,holiday,New Year\n2027-01-01,holiday,New Year\n");
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->kind(LocalDate(2025, 1, 1)), DayKind::Holiday);
    EXPECT_EQ(c->kind(LocalDate(2027, 1, 1)), DayKind::Holiday);
    EXPECT_EQ(c->entries().size(), 2u);
}

TEST(Calendar, EmptyTextIsAnOrdinaryCalendar) {
    const auto c = Calendar::parse("");
    ASSERT_TRUE(c.has_value());
    EXPECT_TRUE(c->entries().empty());
}

struct BadInput {
    const char* name;
    const char* text;
    const char* line;       // the field the error names
    const char* mentions;   // a phrase the sentence must contain
};

class CalendarParseErrors : public ::testing::TestWithParam<BadInput> {};

TEST_P(CalendarParseErrors, NameTheLineAndSayWhatIsWrong) {
    const auto& bad = GetParam();
    const auto c = Calendar::parse(bad.text);
    ASSERT_FALSE(c.has_value()) << bad.text;
    EXPECT_EQ(c.error().code, "calendar.parse");
    EXPECT_EQ(c.error().field, std::optional<std::string>(bad.line));
    EXPECT_NE(c.error().message.find(bad.line), std::string::npos) << c.error().message;
    EXPECT_NE(c.error().message.find(bad.mentions), std::string::npos) << c.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Table, CalendarParseErrors,
    ::testing::Values(
        BadInput{"ImpossibleMonth", "2026-10-01,holiday,A\n2026-13-01,holiday,B\n", "line 2", "'2026-13-01' is not a date"},
        BadInput{"ImpossibleDay", "2026-02-30,holiday,X\n", "line 1", "not a date"},
        BadInput{"UnknownKind", "# c\n2026-10-01,feast,X\n", "line 2", "unknown kind 'feast'"},
        BadInput{"MissingKind", "2026-10-01\n", "line 1", "expected 'date,kind,name'"},
        BadInput{"TooManyFields", "2026-10-01,holiday,a,b\n", "line 1", "found 4 field(s)"},
        BadInput{"DuplicateDate", "2026-10-01,holiday,A\n2026-10-01,holiday,B\n", "line 2", "listed twice"},
        BadInput{"MakeUpOnWeekday", "2026-10-08,workday,X\n", "line 1", "must fall on a Saturday or Sunday"},
        BadInput{"RestOnWeekend", "2026-10-10,rest,X\n", "line 1", "already a rest day"},
        BadInput{"RangeBackwards", "2026-10-07..2026-10-01,holiday,X\n", "line 1", "ends before it starts"},
        BadInput{"BrokenRange", "2026-10-01..2026-1x-07,holiday,X\n", "line 1", "not a date range"},
        BadInput{"UnclosedQuote", "2026-10-01,holiday,\"National Day\n", "line 1", "quoted field is not closed"},
        BadInput{"SlashDate", "date,kind,name\n\n\n2026/10/01,holiday,X\n", "line 4", "expected YYYY-MM-DD"}),
    [](const ::testing::TestParamInfo<BadInput>& row) { return std::string(row.param.name); });

TEST(Calendar, AddRefusesEntriesThatMeanNothing) {
    Calendar c;
    const auto ordinary = c.add({LocalDate(2026, 11, 2), DayKind::Workday, "x"});
    ASSERT_FALSE(ordinary.has_value());
    EXPECT_EQ(ordinary.error().code, "calendar.kind");
    EXPECT_TRUE(c.add({LocalDate(2026, 11, 7), DayKind::MakeUpWorkday, "make-up"}).has_value());
}

}  // namespace
}  // namespace rollcall::rules

namespace rollcall::rules {
namespace {

// A poor man's fuzzer: mutated calendar texts never crash the parser, and every refusal
// names a line that exists in the text.
TEST(Calendar, MutatedInputIsEitherParsedOrRefusedWithALineNumber) {
    const std::string seed =
        "date,kind,name\n2026-10-01..2026-10-07,holiday,National Day\n2026-10-10,workday,\"make-up, Sat\"\n";
    const std::string alphabet = "0123456789-.,\"\n\r #abcdefghijklmnopqrstuvwxyz\xE5\x9B\xBD";
    std::uint32_t state = 12345;
    auto next = [&] { return state = state * 1664525u + 1013904223u; };
    for (int round = 0; round < 3000; ++round) {
        std::string text = seed;
        const int edits = 1 + static_cast<int>(next() % 6);
        for (int e = 0; e < edits; ++e) {
            const auto pos = next() % (text.size() + 1);
            switch (next() % 3) {
                case 0: text.insert(pos, 1, alphabet[next() % alphabet.size()]); break;
                case 1: if (pos < text.size()) text.erase(pos, 1); break;
                default: if (pos < text.size()) text[pos] = alphabet[next() % alphabet.size()]; break;
            }
        }
        const auto parsed = Calendar::parse(text);
        if (parsed) continue;
        ASSERT_EQ(parsed.error().code, "calendar.parse") << text;
        ASSERT_TRUE(parsed.error().field.has_value()) << text;
        const int line = std::stoi(parsed.error().field->substr(5));
        const int lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
        ASSERT_GE(line, 1) << text;
        ASSERT_LE(line, lines) << text;
    }
}

}  // namespace
}  // namespace rollcall::rules
