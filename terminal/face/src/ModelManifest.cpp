#include "rollcall/face/ModelManifest.hpp"

#include <fmt/format.h>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "rollcall/crypto/Crypto.hpp"

namespace rollcall::face {

Result<ModelManifest> ModelManifest::load(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return fail("face.manifest.read", fmt::format("{}: cannot read the model manifest", file.string()));
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = parse(text.str());
    if (!parsed) return fail(parsed.error().code, fmt::format("{}: {}", file.string(), parsed.error().message));
    return parsed;
}

Result<ModelManifest> ModelManifest::parse(std::string_view json) {
    try {
        const auto doc = nlohmann::json::parse(json);
        std::map<std::string, std::string> packages;
        for (const auto& p : doc.at("packages"))
            packages[p.at("id").get<std::string>()] =
                fmt::format("{} {}@{}", p.at("registry").get<std::string>(), p.at("name").get<std::string>(),
                            p.at("version").get<std::string>());
        ModelManifest m;
        for (const auto& x : doc.at("models")) {
            ModelEntry e;
            e.name = x.at("name").get<std::string>();
            e.role = x.at("role").get<std::string>();
            e.file = x.at("file").get<std::string>();
            e.sha256 = x.at("sha256").get<std::string>();
            e.licence = x.at("licence").get<std::string>();
            e.input = x.at("input").get<std::string>();
            e.isDefault = x.at("default").get<bool>();
            if (x.at("package").is_null()) {
                e.source = "mirror only";
            } else {
                const auto id = x.at("package").get<std::string>();
                if (!packages.contains(id))
                    return fail("face.manifest.format", fmt::format("model {} names unknown package '{}'", e.name, id));
                e.source = fmt::format("{}:{}", packages[id], x.at("path").get<std::string>());
            }
            if (e.sha256.size() != 64)
                return fail("face.manifest.format", fmt::format("model {}: sha256 must be 64 hex digits", e.name));
            m.models_.push_back(std::move(e));
        }
        return m;
    } catch (const nlohmann::json::exception& e) {
        return fail("face.manifest.format", fmt::format("model manifest is not valid: {}", e.what()));
    }
}

const ModelEntry* ModelManifest::find(std::string_view fileName) const {
    for (const auto& m : models_)
        if (m.file == fileName) return &m;
    return nullptr;
}

Status ModelManifest::verify(const std::filesystem::path& dir, std::string_view fileName) const {
    const auto* entry = find(fileName);
    if (!entry) return fail("face.model.unknown", fmt::format("{} is not listed in models/manifest.json", fileName));
    const auto path = dir / entry->file;
    const std::string how = entry->isDefault ? "run models/fetch.sh"
                                             : "run models/fetch.sh --mirror DIR (mirror only model)";
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return fail("face.model.missing", fmt::format("model file {} is missing; {}", path.string(), how));
    auto hash = crypto::sha256FileHex(path);
    if (!hash) return fail("face.model.read", fmt::format("model file {}: {}", path.string(), hash.error().message));
    if (*hash != entry->sha256)
        return fail("face.model.corrupt", fmt::format("model file {} is corrupt (SHA-256 {} but the manifest says {}); {}",
                                                      path.string(), *hash, entry->sha256, how));
    return {};
}

}  // namespace rollcall::face
