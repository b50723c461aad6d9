#include "rollcall/terminal/TerminalGallery.hpp"

#include <nlohmann/json.hpp>

#include "rollcall/terminal/FaceTemplateCodec.hpp"

namespace rollcall::terminal {
namespace {

constexpr std::string_view kContext = "rollcall-terminal-gallery-v1";

template <class State>
crypto::Bytes encodeState(const State& state) {
    nlohmann::json j;
    j["version"] = state.version;
    nlohmann::json n = nlohmann::json::object();
    for (const auto& [id, name] : state.names) n[std::to_string(id)] = name;
    j["names"] = n;
    j["faces"] = nlohmann::json::binary(state.faces.serialise());
    nlohmann::json f = nlohmann::json::object();
    for (const auto& [id, prints] : state.fingers) {
        auto& list = f[std::to_string(id)] = nlohmann::json::array();
        for (const auto& print : prints) list.push_back(nlohmann::json::binary(print));
    }
    j["fingers"] = f;
    nlohmann::json p = nlohmann::json::object();
    for (const auto& [id, policy] : state.policies) p[std::to_string(id)] = std::string(policyName(policy));
    j["policies"] = p;
    return nlohmann::json::to_cbor(j);
}

}  // namespace

Result<std::unique_ptr<TerminalGallery>> TerminalGallery::open(const std::filesystem::path& dir, const crypto::SecretKey& deviceKey,
                                                                std::size_t dimension) {
    const auto file = dir / "gallery.sealed";
    const auto key = deviceKey.derive("terminal-gallery");
    State state{face::Gallery(dimension), {}, {}, {}, 0};
    std::error_code ec;
    if (std::filesystem::exists(file, ec)) {
        auto sealed = crypto::readFileBytes(file);
        if (!sealed) return std::unexpected(sealed.error());
        auto plain = crypto::open(key, *sealed, crypto::asBytes(kContext));
        if (!plain) return fail("gallery.corrupt", "the saved gallery " + file.string() + " cannot be opened: " + plain.error().message);
        try {
            const auto j = nlohmann::json::from_cbor(*plain);
            state.version = j.at("version").get<std::uint64_t>();
            for (const auto& [id, name] : j.at("names").items()) state.names[std::stoll(id)] = name.get<std::string>();
            // Galleries saved before fingers and policies were kept have neither key.
            if (j.contains("fingers")) {
                for (const auto& [id, prints] : j.at("fingers").items()) {
                    for (const auto& print : prints) state.fingers[std::stoll(id)].push_back(print.get_binary());
                }
            }
            if (j.contains("policies")) {
                for (const auto& [id, name] : j.at("policies").items()) {
                    auto policy = parsePolicy(name.get<std::string>());
                    if (policy) state.policies[std::stoll(id)] = *policy;
                }
            }
            const auto& bytes = j.at("faces").get_binary();
            auto faces = face::Gallery::deserialise(bytes);
            if (!faces) return std::unexpected(faces.error());
            state.faces = std::move(*faces);
        } catch (const std::exception& e) {
            return fail("gallery.corrupt", "the saved gallery " + file.string() + " is malformed: " + e.what());
        }
    }
    return std::unique_ptr<TerminalGallery>(new TerminalGallery(file, key, std::move(state)));
}

std::uint64_t TerminalGallery::galleryVersion() const {
    std::lock_guard lock(mutex_);
    return state_.version;
}

Status TerminalGallery::saveLocked(const State& state) const {
    const auto plain = encodeState(state);
    return crypto::writeSecretFile(file_, crypto::seal(key_, plain, crypto::asBytes(kContext)));
}

Status TerminalGallery::apply(const proto::GalleryDelta& delta) {
    std::lock_guard lock(mutex_);
    // fromVersion 0 is a full gallery: it replaces whatever the terminal had.
    if (delta.fromVersion != 0 && delta.fromVersion != state_.version) {
        return fail("gallery.version", "delta from version " + std::to_string(delta.fromVersion) + " does not follow the terminal's " +
                                           std::to_string(state_.version));
    }
    State next = delta.fromVersion == 0 ? State{face::Gallery(state_.faces.dimension(), state_.faces.precision()), {}, {}, {}, 0} : state_;
    for (const auto& person : delta.upserts) {
        std::vector<std::vector<float>> faces;
        next.fingers.erase(person.employee.value());
        for (const auto& t : person.templates) {
            if (t.kind == "finger") next.fingers[person.employee.value()].push_back(t.data);  // checked when the reader loads them
            if (t.kind != "face") continue;
            auto v = decodeFaceTemplate(t.data, next.faces.dimension());
            if (!v) return std::unexpected(v.error());
            faces.push_back(std::move(*v));
        }
        if (auto st = next.faces.upsert(person.employee, faces); !st) return st;
        next.names[person.employee.value()] = person.displayName;
    }
    for (const auto& gone : delta.removals) {
        next.faces.remove(gone);
        next.names.erase(gone.value());
        next.fingers.erase(gone.value());
        next.policies.erase(gone.value());
    }
    next.version = delta.toVersion;
    if (auto st = saveLocked(next); !st) return st;
    state_ = std::move(next);
    return {};
}

Status TerminalGallery::enrolLocally(EmployeeId person, const std::string& name, const std::function<Status(face::Gallery&)>& change) {
    std::lock_guard lock(mutex_);
    State next = state_;
    if (auto st = change(next.faces); !st) return st;
    next.names[person.value()] = name;
    if (auto st = saveLocked(next); !st) return st;
    state_ = std::move(next);
    return {};
}

Status TerminalGallery::addFingerLocally(EmployeeId person, std::vector<std::uint8_t> print) {
    std::lock_guard lock(mutex_);
    State next = state_;
    next.fingers[person.value()].push_back(std::move(print));
    if (auto st = saveLocked(next); !st) return st;
    state_ = std::move(next);
    return {};
}

Status TerminalGallery::setPolicyLocally(EmployeeId person, std::optional<VerificationPolicy> policy) {
    std::lock_guard lock(mutex_);
    State next = state_;
    if (policy) {
        next.policies[person.value()] = *policy;
    } else {
        next.policies.erase(person.value());
    }
    if (auto st = saveLocked(next); !st) return st;
    state_ = std::move(next);
    return {};
}

std::optional<VerificationPolicy> TerminalGallery::policyOf(EmployeeId person) const {
    std::lock_guard lock(mutex_);
    auto it = state_.policies.find(person.value());
    return it == state_.policies.end() ? std::nullopt : std::optional(it->second);
}

std::vector<std::vector<std::uint8_t>> TerminalGallery::fingersOf(EmployeeId person) const {
    std::lock_guard lock(mutex_);
    auto it = state_.fingers.find(person.value());
    return it == state_.fingers.end() ? std::vector<std::vector<std::uint8_t>>{} : it->second;
}

std::map<std::int64_t, std::vector<std::vector<std::uint8_t>>> TerminalGallery::allFingers() const {
    std::lock_guard lock(mutex_);
    return state_.fingers;
}

std::string TerminalGallery::nameOf(EmployeeId person) const {
    std::lock_guard lock(mutex_);
    auto it = state_.names.find(person.value());
    return it == state_.names.end() || it->second.empty() ? "#" + std::to_string(person.value()) : it->second;
}

std::size_t TerminalGallery::personCount() const {
    std::lock_guard lock(mutex_);
    return state_.faces.personCount();
}

bool TerminalGallery::contains(EmployeeId person) const {
    std::lock_guard lock(mutex_);
    return state_.faces.contains(person);
}

}  // namespace rollcall::terminal
