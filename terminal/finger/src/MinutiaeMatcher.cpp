#include "rollcall/finger/MinutiaeMatcher.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace rollcall::finger {
namespace {

constexpr int kRotationBins = 36;  // 10 degrees each
constexpr int kMaxMinutiae = 255;

int wrap360(int degrees) {
    degrees %= 360;
    return degrees < 0 ? degrees + 360 : degrees;
}

int angleDistance(int a, int b) {
    const int d = wrap360(a - b);
    return d > 180 ? 360 - d : d;
}

// Both in [0, 360): no modulo on the hot path.
inline int closeAngles(int a, int b) {
    int d = a - b;
    d = d < 0 ? -d : d;
    return d > 180 ? 360 - d : d;
}

int directionOf(float dx, float dy) {
    return wrap360(static_cast<int>(std::lround(std::atan2(dy, dx) * 180.0 / std::numbers::pi)));
}

struct Compatible {
    std::uint8_t probeI, probeJ, candI, candJ;
    std::int16_t rotation;  // 0..359
};

struct Pairing {
    int count;
    std::uint8_t probe, cand;
};

}  // namespace

MinutiaeMatcher::MinutiaeMatcher(MatcherConfig config) : config_(config) {}

PreparedImage MinutiaeMatcher::prepare(const MinutiaeImage& minutiae) const {
    PreparedImage out;
    out.minutiae.assign(minutiae.begin(),
                        minutiae.begin() + std::min<std::ptrdiff_t>(std::ssize(minutiae), kMaxMinutiae));
    const auto& m = out.minutiae;
    const int n = static_cast<int>(m.size());
    const float minLen = static_cast<float>(config_.minEdgeLength);
    const float maxLen = static_cast<float>(config_.maxEdgeLength);

    std::vector<std::pair<float, int>> near;
    std::vector<std::uint8_t> linked(static_cast<std::size_t>(n) * n, 0);
    for (int i = 0; i < n; ++i) {
        near.clear();
        for (int j = 0; j < n; ++j) {
            if (j == i) continue;
            const float d = std::hypot(static_cast<float>(m[j].x - m[i].x), static_cast<float>(m[j].y - m[i].y));
            if (d >= minLen && d <= maxLen) near.emplace_back(d, j);
        }
        const auto k = std::min<std::size_t>(near.size(), static_cast<std::size_t>(config_.neighbours));
        std::partial_sort(near.begin(), near.begin() + static_cast<std::ptrdiff_t>(k), near.end());
        for (std::size_t r = 0; r < k; ++r) {
            const int j = near[r].second;
            const int a = std::min(i, j), b = std::max(i, j);
            if (linked[static_cast<std::size_t>(a) * n + b]) continue;
            linked[static_cast<std::size_t>(a) * n + b] = 1;
            Edge e;
            e.length = near[r].first;
            e.phi = static_cast<std::int16_t>(directionOf(static_cast<float>(m[b].x - m[a].x),
                                                          static_cast<float>(m[b].y - m[a].y)));
            e.alphaI = static_cast<std::int16_t>(wrap360(m[a].theta - e.phi));
            e.alphaJ = static_cast<std::int16_t>(wrap360(m[b].theta - e.phi));
            e.i = static_cast<std::uint8_t>(a);
            e.j = static_cast<std::uint8_t>(b);
            out.edges.push_back(e);
        }
    }
    constexpr int binWidth = 360 / PreparedImage::kAngleBins;
    std::sort(out.edges.begin(), out.edges.end(), [](const Edge& x, const Edge& y) {
        const int bx = x.alphaI / binWidth, by = y.alphaI / binWidth;
        return bx != by ? bx < by : x.length < y.length;
    });
    for (int b = 0, k = 0; b <= PreparedImage::kAngleBins; ++b) {
        while (k < std::ssize(out.edges) && out.edges[static_cast<std::size_t>(k)].alphaI / binWidth < b) ++k;
        out.binStart[static_cast<std::size_t>(b)] = static_cast<std::uint32_t>(k);
    }
    return out;
}

PreparedPrint MinutiaeMatcher::prepare(const PrintMinutiae& print) const {
    PreparedPrint out;
    out.images.reserve(print.images.size());
    for (const auto& image : print.images) out.images.push_back(prepare(image));
    return out;
}

int MinutiaeMatcher::score(const PreparedImage& probe, const PreparedPrint& candidate) const {
    int best = 0;
    for (const auto& image : candidate.images) best = std::max(best, score(probe, image));
    return best;
}

int MinutiaeMatcher::score(const PreparedImage& probe, const PreparedImage& cand) const {
    if (probe.edges.empty() || cand.edges.empty()) return 0;
    thread_local std::vector<Compatible> compatible;
    thread_local std::vector<std::uint16_t> votes;
    thread_local std::vector<Pairing> pairings;
    compatible.clear();

    // 1. Edges that agree in length and in both relative directions, read either way round:
    //    a probe edge read from j is (alphaJ + 180, alphaI + 180) with its ends swapped.
    const int tol = std::min(config_.angleTolerance, 15);
    constexpr int binWidth = 360 / PreparedImage::kAngleBins;
    auto collect = [&](const Edge& p, int alphaI, int alphaJ, bool reversed) {
        const float slack = config_.lengthTolerance + config_.lengthToleranceRel * p.length;
        const int firstBin = wrap360(alphaI - tol) / binWidth, lastBin = wrap360(alphaI + tol) / binWidth;
        for (int b = firstBin;; b = (b + 1) % PreparedImage::kAngleBins) {
            const auto begin = cand.edges.begin() + cand.binStart[static_cast<std::size_t>(b)];
            const auto end = cand.edges.begin() + cand.binStart[static_cast<std::size_t>(b) + 1];
            auto it = std::lower_bound(begin, end, p.length - slack,
                                       [](const Edge& e, float length) { return e.length < length; });
            for (; it != end && it->length <= p.length + slack; ++it) {
                if (closeAngles(alphaI, it->alphaI) <= tol && closeAngles(alphaJ, it->alphaJ) <= tol) {
                    if (reversed) {
                        compatible.push_back({p.j, p.i, it->i, it->j, static_cast<std::int16_t>(wrap360(it->phi - p.phi - 180))});
                    } else {
                        compatible.push_back({p.i, p.j, it->i, it->j, static_cast<std::int16_t>(wrap360(it->phi - p.phi))});
                    }
                }
            }
            if (b == lastBin) break;
        }
    };
    for (const Edge& p : probe.edges) {
        collect(p, p.alphaI, p.alphaJ, false);
        collect(p, wrap360(p.alphaJ + 180), wrap360(p.alphaI + 180), true);
    }
    if (compatible.size() < 3) return 0;

    // 2. The rotation most edges agree on (10-degree bins, smoothed over neighbours).
    std::array<int, kRotationBins> histogram{};
    for (const auto& c : compatible) ++histogram[static_cast<std::size_t>(c.rotation / 10)];
    int bestBin = 0, bestVotes = -1;
    for (int b = 0; b < kRotationBins; ++b) {
        const int centre = b * 10 + 5;
        if (angleDistance(centre, 0) > config_.maxRotation + 5) continue;
        const int v = histogram[static_cast<std::size_t>((b + kRotationBins - 1) % kRotationBins)] +
                      2 * histogram[static_cast<std::size_t>(b)] +
                      histogram[static_cast<std::size_t>((b + 1) % kRotationBins)];
        if (v > bestVotes) {
            bestVotes = v;
            bestBin = b;
        }
    }
    double sx = 0, sy = 0;
    const int centre = bestBin * 10 + 5;
    for (const auto& c : compatible) {
        if (angleDistance(c.rotation, centre) <= 15) {
            const double r = c.rotation * std::numbers::pi / 180.0;
            sx += std::cos(r);
            sy += std::sin(r);
        }
    }
    const double rotation = std::atan2(sy, sx);
    const int rotationDeg = static_cast<int>(std::lround(rotation * 180.0 / std::numbers::pi));

    // 3. Minutia pairings supported by the edges near that rotation, taken one-to-one by support.
    votes.clear();
    for (const auto& c : compatible) {
        if (angleDistance(c.rotation, rotationDeg) > 12) continue;
        votes.push_back(static_cast<std::uint16_t>(c.probeI << 8 | c.candI));
        votes.push_back(static_cast<std::uint16_t>(c.probeJ << 8 | c.candJ));
    }
    std::sort(votes.begin(), votes.end());
    pairings.clear();
    for (std::size_t v = 0; v < votes.size();) {
        std::size_t w = v;
        while (w < votes.size() && votes[w] == votes[v]) ++w;
        pairings.push_back({static_cast<int>(w - v), static_cast<std::uint8_t>(votes[v] >> 8),
                            static_cast<std::uint8_t>(votes[v] & 0xFF)});
        v = w;
    }
    std::sort(pairings.begin(), pairings.end(), [](const Pairing& a, const Pairing& b) { return a.count > b.count; });
    std::array<bool, 256> probeUsed{}, candUsed{};
    struct Shift { float dx, dy; int weight; };
    thread_local std::vector<Shift> shifts;
    shifts.clear();
    const double cr = std::cos(rotation), sr = std::sin(rotation);
    for (const auto& pr : pairings) {
        if (pr.count < config_.minPairVotes) break;
        if (probeUsed[pr.probe] || candUsed[pr.cand]) continue;
        const Minutia& a = probe.minutiae[pr.probe];
        const Minutia& b = cand.minutiae[pr.cand];
        if (angleDistance(b.theta - a.theta, rotationDeg) > 2 * tol) continue;
        probeUsed[pr.probe] = candUsed[pr.cand] = true;
        const double rx = cr * a.x - sr * a.y, ry = sr * a.x + cr * a.y;
        shifts.push_back({static_cast<float>(b.x - rx), static_cast<float>(b.y - ry), pr.count});
    }

    // 4. Translation consensus: the pairings whose shifts agree with the best-supported shift.
    const float t2 = static_cast<float>(config_.translationTolerance * config_.translationTolerance);
    int best = 0;
    for (const auto& anchor : shifts) {
        int together = 0;
        for (const auto& s : shifts) {
            const float dx = s.dx - anchor.dx, dy = s.dy - anchor.dy;
            if (dx * dx + dy * dy <= t2) ++together;
        }
        best = std::max(best, together);
    }
    return best;
}

}  // namespace rollcall::finger
