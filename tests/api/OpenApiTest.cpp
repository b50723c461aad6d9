// docs/openapi.yaml lists exactly the routes the router has.
#include <fstream>
#include <regex>
#include <set>

#include "ApiServer.hpp"

namespace rollcall::testing {
namespace {

std::set<std::string> documentedRoutes(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::set<std::string> out;
    std::string line, path;
    bool inPaths = false;
    static const std::regex pathLine(R"(^  (/[^:]*):\s*$)");
    static const std::regex methodLine(R"(^    (get|post|put|patch|delete):\s*$)");
    while (std::getline(in, line)) {
        if (line.starts_with("paths:")) { inPaths = true; continue; }
        if (inPaths && !line.empty() && line[0] != ' ' && line[0] != '#') inPaths = false;
        if (!inPaths) continue;
        std::smatch m;
        if (std::regex_match(line, m, pathLine)) {
            path = m[1];
        } else if (std::regex_match(line, m, methodLine)) {
            std::string verb = m[1];
            for (auto& ch : verb) ch = static_cast<char>(std::toupper(ch));
            const std::string full = path.starts_with("/healthz") || path.starts_with("/metrics") ? path : "/api/v1" + path;
            out.insert(verb + " " + full);
        }
    }
    return out;
}

TEST(OpenApi, DocumentsExactlyTheRoutesTheRouterHas) {
    const char* source = std::getenv("ROLLCALL_SOURCE_DIR");
    ASSERT_NE(source, nullptr) << "ROLLCALL_SOURCE_DIR is set by ctest";
    const auto file = std::filesystem::path(source) / "docs" / "openapi.yaml";
    ASSERT_TRUE(std::filesystem::exists(file)) << file;
    ApiServer server("openapi");
    const auto routes = server.app().routes();
    const std::set<std::string> actual(routes.begin(), routes.end());
    const auto documented = documentedRoutes(file);
    for (const auto& r : actual) EXPECT_TRUE(documented.contains(r)) << "not in docs/openapi.yaml: " << r;
    for (const auto& r : documented) EXPECT_TRUE(actual.contains(r)) << "documented but not served: " << r;
}

}  // namespace
}  // namespace rollcall::testing
