#pragma once
// The enrolled face templates held in memory: one contiguous row-major matrix, 1:N search as a
// matrix-vector product, best and second-best person with a margin rule. Templates only (never
// images); saved sealed with a key derived from the device key.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "rollcall/crypto/Crypto.hpp"
#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Ids.hpp"

namespace rollcall::face {

enum class GalleryPrecision : std::uint8_t { Float32 = 0, Int8 = 1 };

struct MatchPolicy {
    float threshold = 0.41F;  // cosine: FAR <= 0.1% on both evaluation sets (docs/face.md)
    float margin = 0.05F;     // best must beat the best other person by this much
};

struct SearchHit {
    EmployeeId person;
    float score = 0;
};

struct SearchResult {
    std::optional<SearchHit> best;
    std::optional<SearchHit> second;  // best template of a different person
};

enum class MatchDecision : std::uint8_t { Match, NoMatch, Ambiguous };

struct Identification {
    MatchDecision decision = MatchDecision::NoMatch;
    SearchResult hits;
};

Identification applyMatchPolicy(const SearchResult& hits, const MatchPolicy& policy);

class Gallery {
public:
    explicit Gallery(std::size_t dimension = 512, GalleryPrecision precision = GalleryPrecision::Float32);

    // Replaces every template of `person` (an empty list removes the person). Templates are
    // L2-normalised on the way in; a wrong dimension or a zero vector is refused.
    Status upsert(EmployeeId person, std::span<const std::vector<float>> templates);
    bool remove(EmployeeId person);
    void clear();

    [[nodiscard]] std::size_t dimension() const { return dimension_; }
    [[nodiscard]] GalleryPrecision precision() const { return precision_; }
    [[nodiscard]] std::size_t personCount() const;
    [[nodiscard]] std::size_t templateCount() const { return owner_.size(); }
    [[nodiscard]] bool contains(EmployeeId person) const;
    [[nodiscard]] std::vector<EmployeeId> persons() const;

    // `probe` need not be normalised; its length must equal dimension().
    [[nodiscard]] SearchResult search(std::span<const float> probe) const;
    [[nodiscard]] Identification identify(std::span<const float> probe, const MatchPolicy& policy) const;

    [[nodiscard]] crypto::Bytes serialise() const;
    static Result<Gallery> deserialise(std::span<const std::uint8_t> bytes);

    // Sealed with XChaCha20-Poly1305 under deviceKey.derive("face-gallery"); written atomically.
    Status save(const std::filesystem::path& file, const crypto::SecretKey& deviceKey) const;
    static Result<Gallery> load(const std::filesystem::path& file, const crypto::SecretKey& deviceKey);

private:
    void appendRow(std::span<const float> normalised, std::uint32_t ownerIndex);
    void rebuildInt8();

    std::size_t dimension_;
    GalleryPrecision precision_;
    std::vector<EmployeeId> people_;       // index -> person (removed people leave no rows)
    std::vector<std::uint32_t> rowCount_;  // index -> how many rows the person has
    std::unordered_map<std::int64_t, std::uint32_t> indexOf_;  // person id -> index
    std::vector<float> rows_;              // templateCount x dimension, row-major
    std::vector<std::uint32_t> owner_;     // row -> index into people_
    std::vector<std::int8_t> rowsInt8_;    // same rows quantised (Int8 precision only)
    std::vector<float> scaleInt8_;         // per-row dequantisation scale
};

}  // namespace rollcall::face
