#include "rollcall/http/StaticFiles.hpp"

#include <fstream>
#include <iterator>
#include <map>

namespace rollcall::http {

namespace fs = std::filesystem;

StaticFiles::StaticFiles(fs::path root) {
    std::error_code ec;
    auto canonical = fs::weakly_canonical(root, ec);
    root_ = ec ? std::move(root) : std::move(canonical);
}

bool StaticFiles::available() const {
    std::error_code ec;
    return fs::is_regular_file(root_ / "index.html", ec);
}

std::string_view contentTypeFor(const fs::path& file) {
    static const std::map<std::string, std::string_view> types{
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"}, {".svg", "image/svg+xml"},
        {".png", "image/png"}, {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"},
        {".ico", "image/x-icon"}, {".woff2", "font/woff2"}, {".woff", "font/woff"},
        {".txt", "text/plain; charset=utf-8"}, {".map", "application/json; charset=utf-8"},
        {".webmanifest", "application/manifest+json"}};
    auto it = types.find(file.extension().string());
    return it == types.end() ? std::string_view("application/octet-stream") : it->second;
}

std::optional<fs::path> StaticFiles::resolve(const std::string& path) const {
    if (path.find("..") != std::string::npos || path.find('\\') != std::string::npos) return std::nullopt;
    std::string relative = path;
    while (!relative.empty() && relative.front() == '/') relative.erase(relative.begin());
    if (relative.empty()) relative = "index.html";
    std::error_code ec;
    fs::path candidate = fs::weakly_canonical(root_ / relative, ec);
    if (ec) return std::nullopt;
    const auto rel = candidate.lexically_relative(root_);
    if (rel.empty() || *rel.begin() == "..") return std::nullopt;
    if (fs::is_regular_file(candidate, ec)) return candidate;
    if (fs::is_directory(candidate, ec) && fs::is_regular_file(candidate / "index.html", ec)) return candidate / "index.html";
    if (!fs::path(relative).has_extension() && fs::is_regular_file(root_ / "index.html", ec)) return root_ / "index.html";
    return std::nullopt;
}

Response StaticFiles::serve(const RequestContext& ctx) const {
    if (ctx.request.method() != Verb::get && ctx.request.method() != Verb::head) {
        return errorResponse(Status::method_not_allowed, "method_not_allowed", "static files are read-only");
    }
    auto file = resolve(ctx.path);
    if (!file) {
        if (ctx.path == "/" && !available()) {
            return textResponse(Status::ok,
                                "Rollcall server is running. The web UI is not built yet; the API is under /api/v1.\n");
        }
        return errorResponse(Status::not_found, "not_found", "no such file: " + ctx.path);
    }
    std::ifstream in(*file, std::ios::binary);
    if (!in) return errorResponse(Status::not_found, "not_found", "no such file: " + ctx.path);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Response res = textResponse(Status::ok, std::move(body), contentTypeFor(*file));
    // Hashed asset names can be cached for long; the entry page must be revalidated.
    res.set(bhttp::field::cache_control,
            file->filename() == "index.html" ? "no-cache" : "public, max-age=3600");
    return res;
}

}  // namespace rollcall::http
