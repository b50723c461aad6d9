#include "DayContext.hpp"

#include <algorithm>

namespace rollcall::rules {

std::vector<Interval> subtract(Interval span, const std::vector<Interval>& excused) {
    std::vector<Interval> pieces{span};
    for (const auto& cut : excused) {
        std::vector<Interval> next;
        for (const auto& p : pieces) {
            if (!(cut.from < p.to && p.from < cut.to)) {
                next.push_back(p);
                continue;
            }
            if (p.from < cut.from) next.push_back({p.from, cut.from});
            if (cut.to < p.to) next.push_back({cut.to, p.to});
        }
        pieces = std::move(next);
    }
    std::erase_if(pieces, [](const Interval& i) { return i.empty(); });
    return pieces;
}

int wholeMinutes(LocalDateTime a, LocalDateTime b) {
    const auto secs = b.seconds() - a.seconds();
    return secs <= 0 ? 0 : static_cast<int>(secs / 60);
}

int beyondGrace(int minutes, int grace) { return minutes > grace ? minutes : 0; }

}  // namespace rollcall::rules
