#pragma once
// The enrolled fingers held in memory for 1:N search. Identification is a pre-filter over
// every template (signature popcount) and then the full matcher on a shortlist, both split
// across the cores; the answer is the best-scoring finger, not the first above threshold.
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
    std::size_t shortlisted = 0;     // templates that went through the full matcher
    std::size_t enrolled = 0;
};

struct IdentifyOptions {
    std::optional<EmployeeId> excludePerson;  // e.g. the person being enrolled
    std::size_t shortlist = 0;                // 0: all up to 256 templates, else an eighth, at least 256
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
    };

    MinutiaeMatcher matcher_;
    unsigned threads_;
    mutable std::shared_mutex mutex_;
    std::vector<std::shared_ptr<const Entry>> entries_;
};

}  // namespace rollcall::finger
