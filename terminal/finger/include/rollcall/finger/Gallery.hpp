#pragma once
// The enrolled fingers held in memory for 1:N search. Identification first scores the probe
// against one representative image of every finger (the enrolment image that matches its
// siblings best), then scores the best-ranked fingers against all their images; both stages
// are split across the cores, and the answer is the best-scoring finger, not the first one
// above threshold.
// Thread-safe: searches share a read lock; add/remove take the write lock.
#include <cstddef>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/finger/FingerTemplate.hpp"
#include "rollcall/finger/MinutiaeMatcher.hpp"

namespace rollcall::finger {

struct Identification {
    std::optional<FingerKey> match;  // the best candidate, when its score reaches the threshold
    std::optional<FingerKey> best;   // the best candidate whatever its score
    int bestScore = 0;
    int runnerUpScore = 0;           // best score of any other person
    std::size_t shortlisted = 0;     // fingers scored on all their images
    std::size_t enrolled = 0;
};

struct IdentifyOptions {
    std::optional<EmployeeId> excludePerson;  // e.g. the person being enrolled
    std::size_t shortlist = 0;                // fingers for the second stage; 0: a tenth, at least 64
};

class Gallery {
public:
    explicit Gallery(MatcherConfig config = {}, unsigned threads = 0);

    // Replaces any template with the same key. "finger.print_not_nbis" for prints without minutiae.
    Status add(const FingerTemplate& tmpl);
    void add(const FingerKey& key, const PrintMinutiae& minutiae);
    bool remove(const FingerKey& key);
    std::size_t removePerson(EmployeeId person);
    [[nodiscard]] std::size_t size() const;
    [[nodiscard]] std::vector<FingerKey> keys() const;

    [[nodiscard]] Identification identify(const PreparedImage& probe, const IdentifyOptions& options = {}) const;
    // Best over several probe images (an enrolment's): who, if anyone, already owns this finger.
    [[nodiscard]] Identification identify(const PreparedPrint& probe, const IdentifyOptions& options = {}) const;

    [[nodiscard]] const MinutiaeMatcher& matcher() const { return matcher_; }
    [[nodiscard]] unsigned threads() const { return threads_; }

private:
    struct Entry {
        FingerKey key;
        PreparedPrint print;
        std::size_t representative = 0;
    };

    MinutiaeMatcher matcher_;
    unsigned threads_;
    mutable std::shared_mutex mutex_;
    std::vector<std::shared_ptr<const Entry>> entries_;
};

}  // namespace rollcall::finger
