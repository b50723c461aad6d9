#include "CliConfig.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <sstream>

#include "rollcall/crypto/Crypto.hpp"

namespace rollcall::cli {

std::filesystem::path CliConfig::defaultPath() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "rollcall" / "cli.toml";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home ? home : ".") / ".config" / "rollcall" / "cli.toml";
}

Result<CliConfig> CliConfig::load(const std::filesystem::path& file) {
    CliConfig c;
    std::error_code ec;
    if (!std::filesystem::exists(file, ec)) return c;
    try {
        auto table = toml::parse_file(file.string());
        if (auto s = table["server"].value<std::string>()) c.server = *s;
        if (auto t = table["token"].value<std::string>()) c.token = *t;
    } catch (const toml::parse_error& e) {
        return fail("cli.config", file.string() + ": " + std::string(e.description()));
    }
    return c;
}

Status CliConfig::save(const std::filesystem::path& file) const {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    toml::table t{{"server", server}, {"token", token}};
    std::ostringstream out;
    out << "# written by `rollcall login`; the token is a session secret\n" << t << "\n";
    const auto text = out.str();
    return crypto::writeSecretFile(file, crypto::asBytes(text));
}

}  // namespace rollcall::cli
