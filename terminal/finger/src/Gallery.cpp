#include "rollcall/finger/Gallery.hpp"

#include <algorithm>
#include <mutex>
#include <numeric>
#include <thread>

#include "rollcall/finger/NbisPrint.hpp"

namespace rollcall::finger {
namespace {

constexpr std::size_t kMinShortlist = 64;
constexpr std::size_t kShortlistDivisor = 10;

// The image that matches its siblings best: the most typical impression of the finger.
std::size_t representativeImage(const MinutiaeMatcher& matcher, const PreparedPrint& print) {
    std::size_t best = 0;
    int bestSum = -1;
    for (std::size_t i = 0; i < print.images.size(); ++i) {
        int sum = 0;
        for (std::size_t j = 0; j < print.images.size(); ++j) {
            if (j != i) sum += matcher.score(print.images[i], print.images[j]);
        }
        if (sum > bestSum) {
            bestSum = sum;
            best = i;
        }
    }
    return best;
}

// Runs body(begin, end) over [0, n) in `threads` slices; the calling thread takes the first.
template <class Body>
void parallelFor(std::size_t n, unsigned threads, Body&& body) {
    const std::size_t parts = std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(n / 64, 1));
    if (parts <= 1) {
        body(std::size_t{0}, n);
        return;
    }
    std::vector<std::jthread> helpers;
    const std::size_t step = (n + parts - 1) / parts;
    for (std::size_t p = 1; p < parts; ++p) {
        const std::size_t begin = std::min(n, p * step), end = std::min(n, begin + step);
        helpers.emplace_back([&body, begin, end] { body(begin, end); });
    }
    body(std::size_t{0}, std::min(n, step));
}

}  // namespace

Gallery::Gallery(MatcherConfig config, unsigned threads)
    : matcher_(config), threads_(threads ? threads : std::max(1U, std::thread::hardware_concurrency())) {}

Status Gallery::add(const FingerTemplate& tmpl) {
    auto info = parseNbisPrint(tmpl.print);
    if (!info) return std::unexpected(info.error());
    add(tmpl.key, info->minutiae);
    return {};
}

void Gallery::add(const FingerKey& key, const PrintMinutiae& minutiae) {
    PreparedPrint prepared = matcher_.prepare(minutiae);
    const std::size_t representative = representativeImage(matcher_, prepared);
    auto entry = std::make_shared<const Entry>(Entry{key, std::move(prepared), representative});
    std::unique_lock lock(mutex_);
    auto it = std::find_if(entries_.begin(), entries_.end(), [&](const auto& e) { return e->key == key; });
    if (it != entries_.end()) {
        *it = std::move(entry);
    } else {
        entries_.push_back(std::move(entry));
    }
}

bool Gallery::remove(const FingerKey& key) {
    std::unique_lock lock(mutex_);
    return std::erase_if(entries_, [&](const auto& e) { return e->key == key; }) > 0;
}

std::size_t Gallery::removePerson(EmployeeId person) {
    std::unique_lock lock(mutex_);
    return std::erase_if(entries_, [&](const auto& e) { return e->key.person == person; });
}

std::size_t Gallery::size() const {
    std::shared_lock lock(mutex_);
    return entries_.size();
}

std::vector<FingerKey> Gallery::keys() const {
    std::shared_lock lock(mutex_);
    std::vector<FingerKey> out;
    for (const auto& e : entries_) out.push_back(e->key);
    return out;
}

Identification Gallery::identify(const PreparedImage& probe, const IdentifyOptions& options) const {
    return identify(PreparedPrint{{probe}}, options);
}

Identification Gallery::identify(const PreparedPrint& probe, const IdentifyOptions& options) const {
    std::shared_lock lock(mutex_);
    const std::size_t n = entries_.size();
    Identification out;
    out.enrolled = n;
    if (n == 0 || probe.images.empty()) return out;

    auto excluded = [&](const Entry& e) { return options.excludePerson && e.key.person == *options.excludePerson; };
    auto scoreImages = [&](const Entry& e, std::size_t first, std::size_t last) {
        int best = 0;
        for (const auto& image : probe.images) {
            for (std::size_t i = first; i < last && i < e.print.images.size(); ++i) {
                best = std::max(best, matcher_.score(image, e.print.images[i]));
            }
        }
        return best;
    };

    // 1. Every finger against its representative image.
    std::vector<int> quick(n, 0);
    parallelFor(n, threads_, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            const Entry& e = *entries_[i];
            if (!excluded(e)) quick[i] = scoreImages(e, e.representative, e.representative + 1);
        }
    });
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    const std::size_t keep = std::min(n, options.shortlist ? options.shortlist
                                                           : std::max(kMinShortlist, n / kShortlistDivisor));
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(keep), order.end(),
                      [&](std::size_t a, std::size_t b) { return quick[a] > quick[b]; });
    order.resize(keep);

    // 2. The shortlisted fingers against all their images; the best score wins.
    std::vector<int> scores(order.size(), 0);
    parallelFor(order.size(), threads_, [&](std::size_t begin, std::size_t end) {
        for (std::size_t k = begin; k < end; ++k) {
            const Entry& e = *entries_[order[k]];
            if (!excluded(e)) scores[k] = std::max(quick[order[k]], scoreImages(e, 0, e.print.images.size()));
        }
    });
    out.shortlisted = order.size();
    std::size_t bestIndex = order.size();
    for (std::size_t k = 0; k < order.size(); ++k) {
        if (excluded(*entries_[order[k]])) continue;
        if (bestIndex == order.size() || scores[k] > out.bestScore) {
            bestIndex = k;
            out.bestScore = scores[k];
        }
    }
    if (bestIndex == order.size()) return out;
    out.best = entries_[order[bestIndex]]->key;
    for (std::size_t k = 0; k < order.size(); ++k) {
        if (entries_[order[k]]->key.person != out.best->person) out.runnerUpScore = std::max(out.runnerUpScore, scores[k]);
    }
    if (matcher_.accepts(out.bestScore)) out.match = out.best;
    return out;
}

}  // namespace rollcall::finger
