#include "rollcall/services/CorrectionService.hpp"

#include "ServiceFixture.hpp"
#include "rollcall/store/CorrectionRepository.hpp"

using namespace rollcall;
using namespace std::chrono_literals;
using rollcall::testing::ServiceFixture;

namespace {
class CorrectionServiceTest : public ServiceFixture {};
constexpr LocalDate kTuesday(2026, 11, 24);
}  // namespace

TEST_F(CorrectionServiceTest, AnApprovedCorrectionCompletesAForgottenCheckOutAndKeepsTheOriginal) {
    const Instant evening = at(kTuesday, 20, 0);
    punch({terminalPunch(clerk_, 7, at(kTuesday, 8, 20), evening)});
    drain(evening);
    EXPECT_EQ(recordOf(clerk_, kTuesday).status, rules::DayStatus::MissingOut);

    services::CorrectionService corrections(*store_);
    const Instant morning = at(kTuesday + 1, 9, 0);
    auto asked = corrections.request({clerk_, kTuesday, LocalDateTime(kTuesday, LocalTime(17, 35)), rules::CorrectionKind::MissingOut,
                                      "left in a hurry for the 17:40 bus, forgot to check out", clerk_},
                                     morning);
    ASSERT_TRUE(asked) << asked.error().describe();
    EXPECT_EQ(asked->state, rules::CorrectionState::Pending);

    auto self = corrections.approve(asked->id, clerk_, "", morning + 1h);
    ASSERT_FALSE(self);
    EXPECT_EQ(self.error().code, "correction.not_allowed");
    auto approved = corrections.approve(asked->id, head_, "seen on the gate camera", morning + 1h);
    ASSERT_TRUE(approved) << approved.error().describe();
    EXPECT_EQ(approved->state, rules::CorrectionState::Approved);
    EXPECT_EQ(approved->decidedBy, UserId(head_.value()));
    drain(morning + 1h + 1min);

    const rules::DayRecord fixed = recordOf(clerk_, kTuesday);
    EXPECT_EQ(fixed.status, rules::DayStatus::Present);
    ASSERT_TRUE(fixed.outPunch);
    EXPECT_EQ(fixed.outPunch->source, rules::PunchSource::Correction);
    EXPECT_EQ(fixed.outPunch->correction, asked->id);
    auto punches = store::PunchRepository(*store_).list({});
    ASSERT_EQ(punches->size(), 1u) << "the original punch stays as it was; the correction is its own row";
    auto history = store::DayRecordRepository(*store_).history(clerk_, kTuesday);
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ((*history)[1].cause, "correction #" + std::to_string(asked->id.value()) + " approved");
    EXPECT_FALSE(corrections.reject(asked->id, hr_, "too late", morning + 2h)) << "decided once";
}

TEST_F(CorrectionServiceTest, OnlyTheHeadOrHrDecideAndARejectionNeedsAReason) {
    services::CorrectionService corrections(*store_);
    const Instant morning = at(kTuesday + 1, 9, 0);
    auto asked = corrections.request({clerk_, kTuesday, LocalDateTime(kTuesday, LocalTime(8, 25)), rules::CorrectionKind::MissingIn,
                                      "card reader was down", clerk_},
                                     morning);
    ASSERT_TRUE(asked) << asked.error().describe();
    auto outsider = corrections.approve(asked->id, leader_, "", morning);
    ASSERT_FALSE(outsider);
    EXPECT_NE(outsider.error().message.find("Li Wei"), std::string::npos);
    EXPECT_FALSE(corrections.reject(asked->id, hr_, "", morning));
    auto rejected = corrections.reject(asked->id, hr_, "the reader log shows no outage", morning);
    ASSERT_TRUE(rejected) << rejected.error().describe();
    EXPECT_EQ(rejected->state, rules::CorrectionState::Rejected);
    auto noReason = corrections.request({clerk_, kTuesday, LocalDateTime(kTuesday, LocalTime(8, 25)), rules::CorrectionKind::MissingIn, "", clerk_},
                                        morning);
    ASSERT_FALSE(noReason);
    auto byColleague = corrections.request({clerk_, kTuesday, LocalDateTime(kTuesday, LocalTime(8, 25)), rules::CorrectionKind::MissingIn,
                                            "for a friend", head_},
                                           morning);
    ASSERT_FALSE(byColleague);
    EXPECT_EQ(byColleague.error().code, "correction.not_allowed");
}
