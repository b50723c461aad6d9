#include "CliSession.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "rollcall/http/RequestContext.hpp"

namespace rollcall::cli {

int failWith(const std::string& message) {
    fmt::print(stderr, "rollcall: {}\n", message);
    return 1;
}

Result<Session> connect(const Globals& g, bool needToken) {
    auto config = CliConfig::load(g.configFile.empty() ? CliConfig::defaultPath() : std::filesystem::path(g.configFile));
    if (!config) return std::unexpected(config.error());
    if (const char* s = std::getenv("ROLLCALL_SERVER"); s && *s) config->server = s;
    if (const char* t = std::getenv("ROLLCALL_TOKEN"); t && *t) config->token = t;
    if (!g.server.empty()) config->server = g.server;
    if (!g.token.empty()) config->token = g.token;
    if (needToken && config->token.empty()) {
        return fail("cli.token", "not signed in: run `rollcall login --user NAME` or pass --token");
    }
    auto client = http::Client::connect(config->server);
    if (!client) return std::unexpected(client.error());
    if (!config->token.empty()) client->setDefaultHeader("Authorization", "Bearer " + config->token);
    return Session{std::move(*client), *config};
}

std::optional<http::ClientResponse> call(Session& s, http::Verb verb, const std::string& target, const std::string& body,
                                         const std::map<std::string, std::string>& headers) {
    auto r = s.client.send(verb, target, body, headers);
    if (!r) {
        failWith(fmt::format("cannot reach the server at {}: {}", s.config.server, r.error().message));
        return std::nullopt;
    }
    if (r->status >= 300) {
        const auto j = r->json();
        std::string msg = j.is_object() && j.contains("message") ? j["message"].get<std::string>() : r->body;
        fmt::print(stderr, "rollcall: {} ({})\n", msg, r->status);
        if (j.is_object() && j.contains("errors")) {
            for (const auto& e : j["errors"]) fmt::print(stderr, "  line {}: {}\n", e["line"].get<int>(), e["message"].get<std::string>());
        }
        return std::nullopt;
    }
    return std::move(*r);
}

std::optional<http::ClientResponse> postCsv(Session& s, const std::string& target, const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        failWith("cannot read " + file);
        return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    return call(s, http::Verb::post, target, text.str(), {{"Content-Type", "text/csv; charset=utf-8"}});
}

std::string str(const nlohmann::json& v) {
    if (v.is_null()) return "";
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
}

void printRows(const std::vector<std::string>& header, const Rows& rows, bool csv) {
    fmt::print("{}", csv ? renderCsv(header, rows) : renderTable(header, rows));
}

std::string query(const std::vector<std::pair<std::string, std::string>>& params) {
    std::string q;
    for (const auto& [k, v] : params) {
        if (v.empty()) continue;
        q += (q.empty() ? "?" : "&") + k + "=" + http::percentEncode(v);
    }
    return q;
}

}  // namespace rollcall::cli
