#include "rollcall/domain/Ids.hpp"

#include <gtest/gtest.h>

#include <type_traits>
#include <unordered_set>

using namespace rollcall;

TEST(StrongIds, DifferentKindsDoNotConvert) {
    static_assert(!std::is_convertible_v<EmployeeId, TerminalId>);
    static_assert(!std::is_convertible_v<std::int64_t, EmployeeId>);
    EXPECT_EQ(EmployeeId{7}.value(), 7);
    EXPECT_FALSE(EmployeeId{}.valid());
}

TEST(StrongIds, HashAndOrder) {
    std::unordered_set<EmployeeId> ids{EmployeeId{1}, EmployeeId{2}, EmployeeId{1}};
    EXPECT_EQ(ids.size(), 2u);
    EXPECT_LT(EmployeeId{1}, EmployeeId{2});
}
