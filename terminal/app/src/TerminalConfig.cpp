#include "rollcall/terminal/TerminalConfig.hpp"

#include <toml++/toml.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace rollcall::terminal {
namespace {

const std::map<std::string, std::set<std::string>>& knownKeys() {
    static const std::map<std::string, std::set<std::string>> keys{
        {"terminal", {"data_dir", "time_zone", "language", "policy"}},
        {"server", {"address"}},
        {"face", {"source", "models_dir", "threshold", "liveness", "frame_interval_ms"}},
        {"enrolment", {"folder"}},
        {"finger", {"reader", "socket", "enrol_folder", "feed"}},
        {"kiosk", {"port", "address"}},
        {"behaviour", {"repeat_suppression_seconds", "exit_at_end", "drain_timeout_seconds", "second_factor_timeout_seconds",
                       "success_hold_ms", "failure_hold_ms", "finger_attempts"}},
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
                const std::string k(key.str());
                if (!known->second.contains(k)) return fail("config.unknown", origin_ + ": unknown key '" + name + "." + k + "'", name + "." + k);
            }
        }
        return {};
    }

    Status text(const char* section, const char* key, std::string& out) const {
        const auto node = root_[section][key];
        if (!node) return {};
        if (!node.is_string()) return typeError(section, key, "a string");
        out = *node.value<std::string>();
        return {};
    }
    Status path(const char* section, const char* key, std::filesystem::path& out) const {
        std::string s;
        if (auto st = text(section, key, s); !st) return st;
        if (!s.empty()) out = s;
        return {};
    }
    Status flag(const char* section, const char* key, bool& out) const {
        const auto node = root_[section][key];
        if (!node) return {};
        if (!node.is_boolean()) return typeError(section, key, "true or false");
        out = *node.value<bool>();
        return {};
    }
    Status integer(const char* section, const char* key, std::int64_t& out, std::int64_t lo, std::int64_t hi) const {
        const auto node = root_[section][key];
        if (!node) return {};
        if (!node.is_integer()) return typeError(section, key, "an integer");
        out = *node.value<std::int64_t>();
        if (out < lo || out > hi) {
            return fail("config.range", fmtName(section, key) + " must be between " + std::to_string(lo) + " and " + std::to_string(hi),
                        std::string(section) + "." + key);
        }
        return {};
    }
    Status real(const char* section, const char* key, float& out, double lo, double hi) const {
        const auto node = root_[section][key];
        if (!node) return {};
        if (!node.is_floating_point() && !node.is_integer()) return typeError(section, key, "a number");
        const double v = *node.value<double>();
        if (v < lo || v > hi) return fail("config.range", fmtName(section, key) + " is out of range", std::string(section) + "." + key);
        out = static_cast<float>(v);
        return {};
    }

private:
    [[nodiscard]] std::string fmtName(const char* section, const char* key) const {
        return origin_ + ": '" + section + "." + key + "'";
    }
    [[nodiscard]] Status typeError(const char* section, const char* key, const char* what) const {
        return fail("config.type", fmtName(section, key) + " must be " + what, std::string(section) + "." + key);
    }

    const toml::table& root_;
    std::string origin_;
};

}  // namespace

Result<TerminalConfig> TerminalConfig::parse(std::string_view toml, const std::string& origin) {
    toml::table root;
    try {
        root = toml::parse(toml, origin);
    } catch (const toml::parse_error& e) {
        std::ostringstream where;
        where << e.source().begin;
        return fail("config.syntax", origin + ": " + std::string(e.description()) + " at " + where.str());
    }
    Reader r(root, origin);
    if (auto st = r.checkKeys(); !st) return std::unexpected(st.error());
    TerminalConfig c;
    std::string policy(policyName(c.policy));
    std::int64_t interval = c.frameInterval.count(), repeat = c.repeatSuppression.count(), drain = c.drainTimeout.count();
    std::int64_t port = c.kioskPort, second = c.secondFactorTimeout.count(), successHold = c.successHold.count(),
                 failureHold = c.failureHold.count(), attempts = c.fingerAttempts;
    for (auto st : {r.path("terminal", "data_dir", c.dataDir), r.text("terminal", "time_zone", c.timeZone),
                    r.text("terminal", "language", c.language), r.text("terminal", "policy", policy),
                    r.text("server", "address", c.serverAddress), r.text("face", "source", c.source),
                    r.path("face", "models_dir", c.modelsDir), r.real("face", "threshold", c.matchThreshold, 0.0, 1.0),
                    r.flag("face", "liveness", c.liveness), r.integer("face", "frame_interval_ms", interval, 0, 60'000),
                    r.path("enrolment", "folder", c.enrolFolder),
                    r.integer("behaviour", "repeat_suppression_seconds", repeat, 0, 86'400),
                    r.flag("behaviour", "exit_at_end", c.exitAtEnd),
                    r.integer("behaviour", "drain_timeout_seconds", drain, 0, 3'600),
                    r.text("finger", "reader", c.fingerReader), r.path("finger", "socket", c.fingerSocket),
                    r.path("finger", "enrol_folder", c.fingerEnrolFolder), r.text("finger", "feed", c.fingerFeed),
                    r.integer("kiosk", "port", port, 0, 65'535), r.text("kiosk", "address", c.kioskAddress),
                    r.integer("behaviour", "second_factor_timeout_seconds", second, 1, 300),
                    r.integer("behaviour", "success_hold_ms", successHold, 0, 60'000),
                    r.integer("behaviour", "failure_hold_ms", failureHold, 0, 60'000),
                    r.integer("behaviour", "finger_attempts", attempts, 1, 10)}) {
        if (!st) return std::unexpected(st.error());
    }
    auto p = parsePolicy(policy);
    if (!p) return std::unexpected(p.error());
    c.policy = *p;
    if (c.language != "zh" && c.language != "en") {
        return fail("config.range", origin + ": 'terminal.language' must be \"zh\" or \"en\"", "terminal.language");
    }
    if (c.source.empty() && c.policy != VerificationPolicy::Fingerprint) {
        return fail("config.missing", origin + ": 'face.source' is required (camera:0, video:PATH or folder:PATH)", "face.source");
    }
    if (c.fingerReader.empty()) {
        return fail("config.range", origin + ": 'finger.reader' must be \"none\", \"virtual_image\", \"virtual_device\", \"any\" or a driver name",
                    "finger.reader");
    }
    if (!c.fingerFeed.empty() && !c.fingerFeed.starts_with("folder:") && !c.fingerFeed.starts_with("fifo:")) {
        return fail("config.range", origin + ": 'finger.feed' must be folder:PATH or fifo:PATH", "finger.feed");
    }
    if (!c.fingerFeed.empty() && c.fingerReader != "virtual_image") {
        return fail("config.range", origin + ": 'finger.feed' needs finger.reader = \"virtual_image\"", "finger.feed");
    }
    c.kioskPort = static_cast<std::uint16_t>(port);
    c.secondFactorTimeout = std::chrono::seconds(second);
    c.successHold = std::chrono::milliseconds(successHold);
    c.failureHold = std::chrono::milliseconds(failureHold);
    c.fingerAttempts = static_cast<int>(attempts);
    c.frameInterval = std::chrono::milliseconds(interval);
    c.repeatSuppression = std::chrono::seconds(repeat);
    c.drainTimeout = std::chrono::seconds(drain);
    return c;
}

Result<TerminalConfig> TerminalConfig::load(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return fail("config.open", "cannot read the configuration file '" + file.string() + "'");
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto c = parse(buffer.str(), file.string());
    if (!c) return c;
    // Relative paths in the file are relative to the file, so a service and a shell agree.
    const auto base = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
    for (auto* p : {&c->dataDir, &c->modelsDir, &c->enrolFolder, &c->fingerEnrolFolder, &c->fingerSocket}) {
        if (!p->empty() && p->is_relative()) *p = base / *p;
    }
    for (auto* spec : {&c->source, &c->fingerFeed}) {
        for (const char* prefix : {"folder:", "video:", "fifo:"}) {
            if (spec->starts_with(prefix)) {
                std::filesystem::path rest = spec->substr(std::string_view(prefix).size());
                if (rest.is_relative()) *spec = prefix + (base / rest).string();
            }
        }
    }
    return c;
}

}  // namespace rollcall::terminal
