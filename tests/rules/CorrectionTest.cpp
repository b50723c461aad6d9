#include <gtest/gtest.h>

#include "RulesFixtures.hpp"

namespace rollcall::rules {
namespace {

using namespace testing;

constexpr LocalDate kDay{2026, 11, 4};
const Instant kNow = *Instant::parseIso("2026-11-05T02:00:00Z");

Correction draftFor(LocalDate day, int h, int m, std::string reason = "forgot to check out") {
    Correction c;
    c.id = CorrectionId{1};
    c.employee = kPerson;
    c.day = day;
    c.at = LocalDateTime(day, LocalTime(h, m));
    c.kind = CorrectionKind::MissingOut;
    c.reason = std::move(reason);
    c.requestedBy = UserId{7};
    c.requestedAt = kNow;
    return c;
}

TEST(Corrections, ValidRequestIsPendingAndAddsNoPunchUntilApproved) {
    const auto r = requestCorrection(draftFor(kDay, 17, 35), {}, {}, kDay + 1);
    ASSERT_TRUE(r.has_value()) << r.error().describe();
    EXPECT_EQ(r->state, CorrectionState::Pending);
    EXPECT_FALSE(correctionPunch(*r).has_value());
    const auto approved = decideCorrection(*r, true, UserId{50}, "", kNow);
    ASSERT_TRUE(approved.has_value());
    const auto p = correctionPunch(*approved);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->source, PunchSource::Correction);
    EXPECT_EQ(p->at, LocalDateTime(kDay, LocalTime(17, 35)));
}

TEST(Corrections, RejectedCorrectionLeavesTheDayAsItWas) {
    const std::vector<Punch> punches = {punch(1, kDay, 8, 20)};
    auto c = *requestCorrection(draftFor(kDay, 17, 35), {}, {}, kDay + 1);
    const auto rejected = decideCorrection(c, false, UserId{50}, "the gate log shows you left at 15:10", kNow);
    ASSERT_TRUE(rejected.has_value());
    EXPECT_EQ(evaluateOn(shiftS(), kDay, punches, {}, {*rejected}).status, DayStatus::MissingOut);
    const auto approved = *decideCorrection(c, true, UserId{50}, "", kNow);
    EXPECT_EQ(evaluateOn(shiftS(), kDay, punches, {}, {approved}).status, DayStatus::Present);
}

struct BadCorrection {
    const char* what;
    Correction draft;
    LocalDate today;
    const char* code;
};

class CorrectionRefusals : public ::testing::TestWithParam<BadCorrection> {};

TEST_P(CorrectionRefusals, ExplainWhy) {
    const auto& c = GetParam();
    const auto r = requestCorrection(c.draft, {}, {}, c.today);
    ASSERT_FALSE(r.has_value()) << c.what;
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_GT(r.error().message.size(), 20u);
}

INSTANTIATE_TEST_SUITE_P(
    Table, CorrectionRefusals,
    ::testing::Values(BadCorrection{"no reason", draftFor(kDay, 17, 35, " "), kDay + 1, "correction.reason_required"},
                      BadCorrection{"future day", draftFor(kDay, 17, 35), kDay - 1, "correction.future"},
                      BadCorrection{"too old", draftFor(kDay, 17, 35), kDay + 31, "correction.too_old"},
                      BadCorrection{"time far from the day",
                                    [] {
                                        auto c = draftFor(kDay, 17, 35);
                                        c.at = LocalDateTime(kDay + 3, LocalTime(8, 0));
                                        return c;
                                    }(),
                                    kDay + 5, "correction.time_outside_day"}),
    [](const ::testing::TestParamInfo<BadCorrection>& row) { return testName(row.param.what); });

TEST(Corrections, MonthlyLimitAndDuplicatesAreRefused) {
    std::vector<Correction> existing;
    for (int i = 0; i < 3; ++i) {
        auto c = draftFor(kDay - i, 17, 35);
        c.id = CorrectionId{10 + i};
        c.state = CorrectionState::Approved;
        existing.push_back(c);
    }
    auto fourth = draftFor(kDay + 1, 17, 35);
    fourth.id = CorrectionId{20};
    const auto limit = requestCorrection(fourth, existing, {}, kDay + 2);
    ASSERT_FALSE(limit.has_value());
    EXPECT_EQ(limit.error().code, "correction.monthly_limit");
    existing.pop_back();
    auto again = draftFor(kDay, 17, 35);
    again.id = CorrectionId{21};
    EXPECT_EQ(requestCorrection(again, existing, {}, kDay + 2).error().code, "correction.duplicate");
}

TEST(Corrections, DecisionsAreFinalAndNotSelfApproved) {
    auto c = *requestCorrection(draftFor(kDay, 17, 35), {}, {}, kDay + 1);
    EXPECT_EQ(decideCorrection(c, true, UserId{7}, "", kNow).error().code, "correction.self_approval");
    EXPECT_EQ(decideCorrection(c, false, UserId{50}, "", kNow).error().code, "correction.reason_required");
    const auto approved = *decideCorrection(c, true, UserId{50}, "ok", kNow);
    EXPECT_EQ(decideCorrection(approved, false, UserId{50}, "changed my mind", kNow).error().code,
              "correction.already_decided");
}

}  // namespace
}  // namespace rollcall::rules
