#include "rollcall/rules/Punch.hpp"

#include <tuple>

namespace rollcall::rules {

bool punchBefore(const Punch& a, const Punch& b) {
    auto key = [](const Punch& p) {
        return std::tuple(p.at, static_cast<int>(p.source), p.terminal, p.id, p.correction.value_or(CorrectionId{}));
    };
    return key(a) < key(b);
}

}  // namespace rollcall::rules
