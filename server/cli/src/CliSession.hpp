#pragma once
// What every command needs: the global options, a connection carrying the token, and the
// helpers that print the server's answers (errors on stderr with every bad CSV line, rows as
// an aligned table or as CSV). Exit codes: 0 done, 1 the call failed, 2 usage error.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "CliConfig.hpp"
#include "Table.hpp"
#include "rollcall/http/Client.hpp"

namespace rollcall::cli {

struct Globals {
    std::string server;
    std::string token;
    std::string configFile;
};

struct Session {
    http::Client client;
    CliConfig config;
};

// The work a parsed command will do; returns the exit code.
using Action = std::function<int()>;

int failWith(const std::string& message);
Result<Session> connect(const Globals& g, bool needToken = true);
// Sends one call; prints the server's error (and every bad line) and returns nullopt when it failed.
std::optional<http::ClientResponse> call(Session& s, http::Verb verb, const std::string& target, const std::string& body = {},
                                         const std::map<std::string, std::string>& headers = {});
// POSTs a CSV file; prints the errors of a refused file.
std::optional<http::ClientResponse> postCsv(Session& s, const std::string& target, const std::string& file);
std::string str(const nlohmann::json& v);
void printRows(const std::vector<std::string>& header, const Rows& rows, bool csv);
// Runs `body` with a session, or fails when there is none.
template <class F>
Action withSession(const Globals& g, F body) {
    return [&g, body] {
        auto s = connect(g);
        if (!s) return failWith(s.error().message);
        return body(*s);
    };
}
// "?a=1&b=2", leaving out empty values.
std::string query(const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace rollcall::cli
