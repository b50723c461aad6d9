#pragma once
// The terminal's enrolled people: face templates (rollcall::face::Gallery), fingerprint
// templates (serialised prints, handed to the reader's gallery), display names and each
// person's own verification policy, with the version the server last sent. Applies GalleryDelta all or nothing (a copy is
// changed, then swapped in and saved), keeps working offline on the last saved gallery, and
// saves everything sealed under a key derived from the terminal's own key. Thread-safe: the
// sync thread applies while the capture thread searches.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "rollcall/crypto/Crypto.hpp"
#include "rollcall/domain/Error.hpp"
#include "rollcall/face/Gallery.hpp"
#include "rollcall/sync/SyncClient.hpp"
#include "rollcall/terminal/VerificationPolicy.hpp"

namespace rollcall::terminal {

class TerminalGallery final : public sync::GalleryApplier {
public:
    // Loads <dir>/gallery.sealed when present; a missing file is an empty gallery at version 0.
    static Result<std::unique_ptr<TerminalGallery>> open(const std::filesystem::path& dir, const crypto::SecretKey& deviceKey,
                                                         std::size_t dimension = 512);

    [[nodiscard]] std::uint64_t galleryVersion() const override;
    Status apply(const proto::GalleryDelta& delta) override;

    // Local enrolment: `change` edits the face gallery under the lock; names are recorded too.
    Status enrolLocally(EmployeeId person, const std::string& name, const std::function<Status(face::Gallery&)>& change);

    // Local enrolment of a fingerprint template (a serialised print) and of a person's policy.
    Status addFingerLocally(EmployeeId person, std::vector<std::uint8_t> print);
    Status setPolicyLocally(EmployeeId person, std::optional<VerificationPolicy> policy);

    // Runs `use` with the face gallery locked (searches are short).
    template <class F>
    auto withFaces(F&& use) const {
        std::lock_guard lock(mutex_);
        return use(state_.faces);
    }

    [[nodiscard]] std::string nameOf(EmployeeId person) const;
    [[nodiscard]] std::size_t personCount() const;
    [[nodiscard]] bool contains(EmployeeId person) const;
    [[nodiscard]] std::optional<VerificationPolicy> policyOf(EmployeeId person) const;
    [[nodiscard]] std::vector<std::vector<std::uint8_t>> fingersOf(EmployeeId person) const;
    [[nodiscard]] std::map<std::int64_t, std::vector<std::vector<std::uint8_t>>> allFingers() const;

private:
    struct State {
        face::Gallery faces;
        std::map<std::int64_t, std::string> names;
        std::map<std::int64_t, std::vector<std::vector<std::uint8_t>>> fingers;
        std::map<std::int64_t, VerificationPolicy> policies;
        std::uint64_t version = 0;
    };
    TerminalGallery(std::filesystem::path file, crypto::SecretKey key, State state)
        : file_(std::move(file)), key_(key), state_(std::move(state)) {}
    Status saveLocked(const State& state) const;

    std::filesystem::path file_;
    crypto::SecretKey key_;
    mutable std::mutex mutex_;
    State state_;
};

}  // namespace rollcall::terminal
