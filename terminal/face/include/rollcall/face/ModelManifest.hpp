#pragma once
// models/manifest.json as data, and the check that a models folder holds the right files.
#include <filesystem>
#include <string>
#include <vector>

#include "rollcall/domain/Error.hpp"

namespace rollcall::face {

struct ModelEntry {
    std::string name;
    std::string role;
    std::string file;
    std::string source;  // "npm NAME@VERSION:PATH" or "mirror only"
    std::string sha256;
    std::string licence;
    std::string input;
    bool isDefault = false;
};

class ModelManifest {
public:
    static Result<ModelManifest> load(const std::filesystem::path& file);
    static Result<ModelManifest> parse(std::string_view json);

    [[nodiscard]] const std::vector<ModelEntry>& models() const { return models_; }
    [[nodiscard]] const ModelEntry* find(std::string_view fileName) const;

    // Checks `dir/file` exists and matches its SHA-256; the error names the file and says how
    // to fetch it.
    [[nodiscard]] Status verify(const std::filesystem::path& dir, std::string_view fileName) const;

private:
    std::vector<ModelEntry> models_;
};

}  // namespace rollcall::face
