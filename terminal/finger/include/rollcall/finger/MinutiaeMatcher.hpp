#pragma once
// Rollcall's own minutiae matcher over the NBIS minutiae libfprint stores in its prints.
//
// Each image becomes a table of edges between a minutia and its nearest neighbours
// (length, the two minutiae directions relative to the edge: invariant to rotation and
// translation). Two images match where many edges agree: compatible edges vote for a rotation,
// the votes at the peak pair minutiae one-to-one, and a translation consensus counts the
// minutiae that land together. The score is that count.
#include <array>
#include <cstdint>
#include <vector>

#include "rollcall/finger/Minutia.hpp"

namespace rollcall::finger {

struct MatcherConfig {
    int neighbours = 8;             // edges from each minutia to its nearest neighbours
    int minEdgeLength = 10;         // px; shorter edges are mostly noise
    int maxEdgeLength = 180;        // px
    float lengthTolerance = 5.0F;   // px, plus lengthToleranceRel * length
    float lengthToleranceRel = 0.06F;
    int angleTolerance = 12;        // degrees (at most 15: the edge index bins are 30 wide)
    int maxRotation = 180;          // degrees; 180 means any
    int translationTolerance = 12;  // px between the paired minutiae after alignment
    int minPairVotes = 2;           // edges that must support a minutia pairing
    int threshold = 12;             // matched minutiae at or above which two prints match
    int linkThreshold = 10;         // two images of one enrolment belong together (above any impostor pair seen)
};

struct Edge {
    float length = 0;
    std::int16_t alphaI = 0;  // direction of minutia i relative to the edge i->j, 0..359
    std::int16_t alphaJ = 0;
    std::int16_t phi = 0;     // direction of the edge i->j, 0..359
    std::uint8_t i = 0;
    std::uint8_t j = 0;
};

struct PreparedImage {
    std::vector<Minutia> minutiae;  // at most 255 (an index fits a byte)
    static constexpr int kAngleBins = 12;  // 30 degrees each
    std::vector<Edge> edges;        // sorted by alphaI's 30-degree bin, then by length
    std::array<std::uint32_t, kAngleBins + 1> binStart{};
};

struct PreparedPrint {
    std::vector<PreparedImage> images;
};

class MinutiaeMatcher {
public:
    explicit MinutiaeMatcher(MatcherConfig config = {});

    [[nodiscard]] PreparedImage prepare(const MinutiaeImage& minutiae) const;
    [[nodiscard]] PreparedPrint prepare(const PrintMinutiae& print) const;

    // Matched minutiae between two images (0 when nothing lines up).
    [[nodiscard]] int score(const PreparedImage& probe, const PreparedImage& candidate) const;
    // Best over the candidate's images (an enrolled template holds several).
    [[nodiscard]] int score(const PreparedImage& probe, const PreparedPrint& candidate) const;

    [[nodiscard]] bool accepts(int score) const { return score >= config_.threshold; }
    [[nodiscard]] const MatcherConfig& config() const { return config_; }

private:
    MatcherConfig config_;
};

}  // namespace rollcall::finger
