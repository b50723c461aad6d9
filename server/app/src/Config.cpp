#include "rollcall/app/Config.hpp"

#include <toml++/toml.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace rollcall::app {
namespace {

const std::map<std::string, std::set<std::string>>& knownKeys() {
    static const std::map<std::string, std::set<std::string>> keys{
        {"server", {"address", "port", "web_root", "max_body_bytes", "max_import_bytes", "read_timeout_seconds",
                    "idle_timeout_seconds", "secure_cookies"}},
        {"storage", {"data_dir", "database"}},
        {"log", {"level"}},
        {"organisation", {"time_zone"}},
        {"auth", {"session_hours", "lockout_threshold", "lockout_base_seconds", "lockout_max_seconds"}},
        {"gateway", {"enabled", "address", "port"}},
    };
    return keys;
}

class Reader {
public:
    Reader(const toml::table& root, std::string origin) : root_(root), origin_(std::move(origin)) {}

    Status checkKeys() const {
        for (const auto& [section, node] : root_) {
            const std::string name(section.str());
            auto known = knownKeys().find(name);
            if (known == knownKeys().end()) return fail("config.unknown", origin_ + ": unknown section [" + name + "]", name);
            const auto* table = node.as_table();
            if (!table) return fail("config.type", origin_ + ": '" + name + "' must be a section", name);
            for (const auto& [key, value] : *table) {
                if (!known->second.contains(std::string(key.str()))) {
                    return fail("config.unknown", origin_ + ": unknown key '" + name + "." + std::string(key.str()) + "'",
                                name + "." + std::string(key.str()));
                }
            }
        }
        return {};
    }

    template <class T>
    Status get(const char* section, const char* key, T& out) const {
        const auto node = root_[section][key];
        if (!node) return {};
        const std::string name = std::string(section) + "." + key;
        if constexpr (std::is_same_v<T, bool>) {
            auto v = node.template value<bool>();
            if (!v || !node.is_boolean()) return fail("config.type", origin_ + ": '" + name + "' must be true or false", name);
            out = *v;
        } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::filesystem::path>) {
            auto v = node.template value<std::string>();
            if (!v || !node.is_string()) return fail("config.type", origin_ + ": '" + name + "' must be a string", name);
            out = *v;
        } else {
            auto v = node.template value<std::int64_t>();
            if (!v || !node.is_integer()) return fail("config.type", origin_ + ": '" + name + "' must be an integer", name);
            out = *v;
        }
        return {};
    }

private:
    const toml::table& root_;
    std::string origin_;
};

Status range(std::int64_t v, std::int64_t lo, std::int64_t hi, const std::string& origin, const std::string& name) {
    if (v < lo || v > hi) {
        return fail("config.range", origin + ": '" + name + "' must be between " + std::to_string(lo) + " and " +
                                        std::to_string(hi), name);
    }
    return {};
}

}  // namespace

Result<Config> Config::parse(std::string_view text, const std::string& origin) {
    toml::table root;
    try {
        root = toml::parse(text, origin);
    } catch (const toml::parse_error& e) {
        std::ostringstream where;
        where << e.source().begin;
        return fail("config.syntax", origin + ": " + std::string(e.description()) + " at " + where.str());
    }
    Reader r(root, origin);
    if (auto st = r.checkKeys(); !st) return std::unexpected(st.error());
    Config c;
    std::int64_t port = c.port, maxBody = static_cast<std::int64_t>(c.maxBodyBytes),
                 maxImport = static_cast<std::int64_t>(c.maxImportBytes), readT = c.readTimeout.count(),
                 idleT = c.idleTimeout.count(), hours = c.sessionTtl.count() / 60, threshold = c.lockoutThreshold,
                 base = c.lockoutBase.count(), max = c.lockoutMax.count(), gwPort = c.gatewayPort;
    for (auto st : {r.get("server", "address", c.address), r.get("server", "port", port), r.get("server", "web_root", c.webRoot),
                    r.get("server", "max_body_bytes", maxBody), r.get("server", "max_import_bytes", maxImport),
                    r.get("server", "read_timeout_seconds", readT), r.get("server", "idle_timeout_seconds", idleT),
                    r.get("server", "secure_cookies", c.secureCookies), r.get("storage", "data_dir", c.dataDir),
                    r.get("storage", "database", c.database), r.get("log", "level", c.logLevel),
                    r.get("organisation", "time_zone", c.timeZone), r.get("auth", "session_hours", hours),
                    r.get("auth", "lockout_threshold", threshold), r.get("auth", "lockout_base_seconds", base),
                    r.get("auth", "lockout_max_seconds", max), r.get("gateway", "enabled", c.gatewayEnabled),
                    r.get("gateway", "address", c.gatewayAddress), r.get("gateway", "port", gwPort)}) {
        if (!st) return std::unexpected(st.error());
    }
    for (auto st : {range(port, 0, 65535, origin, "server.port"), range(maxBody, 1024, 1 << 30, origin, "server.max_body_bytes"),
                    range(maxImport, 1024, 1 << 30, origin, "server.max_import_bytes"),
                    range(readT, 1, 3600, origin, "server.read_timeout_seconds"),
                    range(idleT, 1, 3600, origin, "server.idle_timeout_seconds"),
                    range(hours, 1, 24 * 30, origin, "auth.session_hours"), range(threshold, 1, 100, origin, "auth.lockout_threshold"),
                    range(base, 1, 86400, origin, "auth.lockout_base_seconds"), range(max, 1, 86400 * 7, origin, "auth.lockout_max_seconds"),
                    range(gwPort, 0, 65535, origin, "gateway.port")}) {
        if (!st) return std::unexpected(st.error());
    }
    static const std::set<std::string> levels{"trace", "debug", "info", "warn", "error", "critical", "off"};
    if (!levels.contains(c.logLevel)) {
        return fail("config.range", origin + ": 'log.level' must be one of trace, debug, info, warn, error, critical, off", "log.level");
    }
    c.port = static_cast<std::uint16_t>(port);
    c.maxBodyBytes = static_cast<std::size_t>(maxBody);
    c.maxImportBytes = static_cast<std::size_t>(maxImport);
    c.readTimeout = std::chrono::seconds(readT);
    c.idleTimeout = std::chrono::seconds(idleT);
    c.sessionTtl = std::chrono::minutes(hours * 60);
    c.lockoutThreshold = static_cast<int>(threshold);
    c.lockoutBase = std::chrono::seconds(base);
    c.lockoutMax = std::chrono::seconds(max);
    c.gatewayPort = static_cast<std::uint16_t>(gwPort);
    return c;
}

Result<Config> Config::load(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return fail("config.open", "cannot read the configuration file '" + file.string() + "'");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parse(buffer.str(), file.string());
}

std::filesystem::path Config::databasePath() const {
    return database.empty() ? dataDir / "rollcall.db" : database;
}

}  // namespace rollcall::app
