#pragma once
// Serves the web UI's built files from one folder. Paths are confined to that folder;
// a path without a file extension that names no file gets index.html (client-side routes).
#include <filesystem>
#include <optional>

#include "rollcall/http/RequestContext.hpp"

namespace rollcall::http {

class StaticFiles {
public:
    explicit StaticFiles(std::filesystem::path root);
    [[nodiscard]] Response serve(const RequestContext& ctx) const;
    [[nodiscard]] const std::filesystem::path& root() const { return root_; }
    [[nodiscard]] bool available() const;

private:
    [[nodiscard]] std::optional<std::filesystem::path> resolve(const std::string& path) const;
    std::filesystem::path root_;
};

std::string_view contentTypeFor(const std::filesystem::path& file);

}  // namespace rollcall::http
