#include "rollcall/face/Gallery.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <string_view>
#include <unordered_map>

#include "GalleryKernels.hpp"

namespace rollcall::face {
namespace {

constexpr std::string_view magic = "RCFACEG1";
constexpr std::string_view sealContext = "rollcall.face.gallery.v1";
constexpr std::size_t searchBlock = 1024;  // rows scored per kernel call (stays in L1/L2)

bool normalise(std::span<const float> in, std::vector<float>& out) {
    double sq = 0;
    for (float v : in) sq += static_cast<double>(v) * v;
    if (!(sq > 1e-20) || !std::isfinite(sq)) return false;
    const auto inv = static_cast<float>(1.0 / std::sqrt(sq));
    out.resize(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) out[i] = in[i] * inv;
    return true;
}

float quantise(std::span<const float> in, std::int8_t* out) {
    float maxAbs = 0;
    for (float v : in) maxAbs = std::max(maxAbs, std::fabs(v));
    if (maxAbs <= 0) maxAbs = 1;
    const float scale = maxAbs / 127.0F;
    for (std::size_t i = 0; i < in.size(); ++i)
        out[i] = static_cast<std::int8_t>(std::lround(std::clamp(in[i] / scale, -127.0F, 127.0F)));
    return scale;
}

// Keeps the best and the best of a different person.
struct TopTwo {
    std::optional<std::pair<std::uint32_t, float>> best, second;
    void offer(std::uint32_t who, float score) {
        if (!best || score > best->second) {
            if (best && best->first != who) second = best;
            best = {who, score};
        } else if (who != best->first && (!second || score > second->second)) {
            second = {who, score};
        }
    }
};

template <class T>
void put(crypto::Bytes& out, T value) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(&value);
    out.insert(out.end(), p, p + sizeof(T));
}

struct Reader {
    std::span<const std::uint8_t> data;
    std::size_t pos = 0;
    template <class T>
    bool get(T& value) {
        if (data.size() - pos < sizeof(T)) return false;
        std::memcpy(&value, data.data() + pos, sizeof(T));
        pos += sizeof(T);
        return true;
    }
};

}  // namespace

Identification applyMatchPolicy(const SearchResult& hits, const MatchPolicy& policy) {
    Identification id{MatchDecision::NoMatch, hits};
    if (!hits.best || hits.best->score < policy.threshold) return id;
    const bool clear = !hits.second || hits.best->score - hits.second->score >= policy.margin;
    id.decision = clear ? MatchDecision::Match : MatchDecision::Ambiguous;
    return id;
}

Gallery::Gallery(std::size_t dimension, GalleryPrecision precision) : dimension_(dimension), precision_(precision) {}

Status Gallery::upsert(EmployeeId person, std::span<const std::vector<float>> templates) {
    std::vector<std::vector<float>> normalised;
    for (std::size_t i = 0; i < templates.size(); ++i) {
        if (templates[i].size() != dimension_)
            return fail("face.gallery.dimension",
                        fmt::format("template {} has {} values, the gallery holds {}", i, templates[i].size(), dimension_));
        std::vector<float> n;
        if (!normalise(templates[i], n))
            return fail("face.gallery.zero", fmt::format("template {} is zero or not finite", i));
        normalised.push_back(std::move(n));
    }
    remove(person);
    if (normalised.empty()) return {};
    auto [it, fresh] = indexOf_.try_emplace(person.value(), static_cast<std::uint32_t>(people_.size()));
    if (fresh) {
        people_.push_back(person);
        rowCount_.push_back(0);
    }
    for (const auto& n : normalised) appendRow(n, it->second);
    return {};
}

void Gallery::appendRow(std::span<const float> normalised, std::uint32_t ownerIndex) {
    rows_.insert(rows_.end(), normalised.begin(), normalised.end());
    owner_.push_back(ownerIndex);
    ++rowCount_[ownerIndex];
    if (precision_ == GalleryPrecision::Int8) {
        rowsInt8_.resize(owner_.size() * dimension_);
        scaleInt8_.push_back(quantise(normalised, rowsInt8_.data() + (owner_.size() - 1) * dimension_));
    }
}

bool Gallery::remove(EmployeeId person) {
    auto it = indexOf_.find(person.value());
    if (it == indexOf_.end() || rowCount_[it->second] == 0) return false;
    const auto index = it->second;
    rowCount_[index] = 0;
    std::size_t kept = 0;
    bool removed = false;
    for (std::size_t r = 0; r < owner_.size(); ++r) {
        if (owner_[r] == index) {
            removed = true;
            continue;
        }
        if (kept != r) {
            std::copy_n(rows_.begin() + static_cast<std::ptrdiff_t>(r * dimension_), dimension_,
                        rows_.begin() + static_cast<std::ptrdiff_t>(kept * dimension_));
            owner_[kept] = owner_[r];
        }
        ++kept;
    }
    rows_.resize(kept * dimension_);
    owner_.resize(kept);
    if (precision_ == GalleryPrecision::Int8) rebuildInt8();
    return removed;
}

void Gallery::rebuildInt8() {
    rowsInt8_.assign(owner_.size() * dimension_, 0);
    scaleInt8_.assign(owner_.size(), 0);
    for (std::size_t r = 0; r < owner_.size(); ++r)
        scaleInt8_[r] = quantise(std::span(rows_).subspan(r * dimension_, dimension_), rowsInt8_.data() + r * dimension_);
}

void Gallery::clear() {
    people_.clear();
    rowCount_.clear();
    indexOf_.clear();
    rows_.clear();
    owner_.clear();
    rowsInt8_.clear();
    scaleInt8_.clear();
}

std::size_t Gallery::personCount() const {
    return static_cast<std::size_t>(std::count_if(rowCount_.begin(), rowCount_.end(), [](auto c) { return c > 0; }));
}

bool Gallery::contains(EmployeeId person) const {
    auto it = indexOf_.find(person.value());
    return it != indexOf_.end() && rowCount_[it->second] > 0;
}

std::vector<EmployeeId> Gallery::persons() const {
    std::vector<EmployeeId> out;
    for (std::size_t i = 0; i < people_.size(); ++i) {
        if (rowCount_[i] > 0) out.push_back(people_[i]);
    }
    return out;
}

SearchResult Gallery::search(std::span<const float> probe) const {
    SearchResult result;
    std::vector<float> p;
    if (probe.size() != dimension_ || owner_.empty() || !normalise(probe, p)) return result;
    TopTwo top;
    const std::size_t n = owner_.size();
    if (precision_ == GalleryPrecision::Float32) {
        float scores[searchBlock];
        for (std::size_t start = 0; start < n; start += searchBlock) {
            const std::size_t count = std::min(searchBlock, n - start);
            kernels::dotRowsF32(rows_.data() + start * dimension_, count, dimension_, p.data(), scores);
            for (std::size_t i = 0; i < count; ++i) top.offer(owner_[start + i], scores[i]);
        }
    } else {
        std::vector<std::int8_t> q(dimension_);
        const float probeScale = quantise(p, q.data());
        std::int32_t scores[searchBlock];
        for (std::size_t start = 0; start < n; start += searchBlock) {
            const std::size_t count = std::min(searchBlock, n - start);
            kernels::dotRowsI8(rowsInt8_.data() + start * dimension_, count, dimension_, q.data(), scores);
            for (std::size_t i = 0; i < count; ++i)
                top.offer(owner_[start + i], static_cast<float>(scores[i]) * scaleInt8_[start + i] * probeScale);
        }
    }
    if (top.best) result.best = SearchHit{people_[top.best->first], top.best->second};
    if (top.second) result.second = SearchHit{people_[top.second->first], top.second->second};
    return result;
}

Identification Gallery::identify(std::span<const float> probe, const MatchPolicy& policy) const {
    return applyMatchPolicy(search(probe), policy);
}

crypto::Bytes Gallery::serialise() const {
    crypto::Bytes out(magic.begin(), magic.end());
    put(out, static_cast<std::uint32_t>(dimension_));
    put(out, static_cast<std::uint8_t>(precision_));
    put(out, static_cast<std::uint64_t>(owner_.size()));
    for (std::size_t r = 0; r < owner_.size(); ++r) {
        put(out, people_[owner_[r]].value());
        const auto* bytes = reinterpret_cast<const std::uint8_t*>(rows_.data() + r * dimension_);
        out.insert(out.end(), bytes, bytes + dimension_ * sizeof(float));
    }
    return out;
}

Result<Gallery> Gallery::deserialise(std::span<const std::uint8_t> bytes) {
    if (bytes.size() < magic.size() || !std::equal(magic.begin(), magic.end(), bytes.begin()))
        return fail("face.gallery.format", "not a face gallery (bad magic)");
    Reader in{bytes, magic.size()};
    std::uint32_t dim = 0;
    std::uint8_t precision = 0;
    std::uint64_t rows = 0;
    if (!in.get(dim) || !in.get(precision) || !in.get(rows) || dim == 0 || dim > 4096 || precision > 1)
        return fail("face.gallery.format", "face gallery header is damaged");
    const std::size_t rowBytes = sizeof(std::int64_t) + dim * sizeof(float);
    if (rows > (bytes.size() - in.pos) / rowBytes || (bytes.size() - in.pos) != rows * rowBytes)
        return fail("face.gallery.format", "face gallery length does not match its header");
    Gallery g(dim, static_cast<GalleryPrecision>(precision));
    std::vector<std::pair<EmployeeId, std::vector<std::vector<float>>>> byPerson;
    std::unordered_map<std::int64_t, std::size_t> slot;
    for (std::uint64_t r = 0; r < rows; ++r) {
        std::int64_t id = 0;
        in.get(id);
        std::vector<float> v(dim);
        std::memcpy(v.data(), bytes.data() + in.pos, dim * sizeof(float));
        in.pos += dim * sizeof(float);
        auto [it, fresh] = slot.try_emplace(id, byPerson.size());
        if (fresh) byPerson.push_back({EmployeeId{id}, {}});
        byPerson[it->second].second.push_back(std::move(v));
    }
    for (const auto& [person, templates] : byPerson) {
        if (auto s = g.upsert(person, templates); !s) return std::unexpected(s.error());
    }
    return g;
}

Status Gallery::save(const std::filesystem::path& file, const crypto::SecretKey& deviceKey) const {
    const auto sealed = crypto::seal(deviceKey.derive("face-gallery"), serialise(), crypto::asBytes(sealContext));
    return crypto::writeSecretFile(file, sealed);
}

Result<Gallery> Gallery::load(const std::filesystem::path& file, const crypto::SecretKey& deviceKey) {
    auto sealed = crypto::readFileBytes(file);
    if (!sealed) return std::unexpected(sealed.error());
    auto plain = crypto::open(deviceKey.derive("face-gallery"), *sealed, crypto::asBytes(sealContext));
    if (!plain)
        return fail("face.gallery.sealed",
                    fmt::format("{}: cannot open the face gallery (wrong device key or damaged file)", file.string()));
    return deserialise(*plain);
}

}  // namespace rollcall::face
