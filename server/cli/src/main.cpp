// rollcall: the administrators' command line over the HTTP API.
// Exit codes: 0 done, 1 the call failed (the server's message is printed), 2 usage error.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "CliSession.hpp"
#include "ScheduleCommands.hpp"
#include "SpotCheckCommands.hpp"
#include "rollcall/http/RequestContext.hpp"

using namespace rollcall;
using http::Verb;

using namespace rollcall::cli;

namespace {

std::string readPassword() {
    if (const char* p = std::getenv("ROLLCALL_PASSWORD"); p && *p) return p;
    fmt::print(stderr, "password: ");
    std::string line;
    std::getline(std::cin, line);
    return line;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"rollcall: Rollcall's command line over the server's HTTP API.\n"
                 "Server and token come from --server/--token, ROLLCALL_SERVER/ROLLCALL_TOKEN,\n"
                 "or ~/.config/rollcall/cli.toml (written by `rollcall login`).\n"
                 "Exit codes: 0 done, 1 failed, 2 usage error."};
    app.require_subcommand(1);
    Globals g;
    app.add_option("--server", g.server, "server URL, e.g. http://127.0.0.1:8080");
    app.add_option("--token", g.token, "bearer token");
    app.add_option("--config", g.configFile, "CLI config file (default ~/.config/rollcall/cli.toml)");
    app.set_version_flag("--version", std::string("rollcall ") + ROLLCALL_VERSION);
    std::function<int()> action;

    auto* login = app.add_subcommand("login", "sign in and keep the token in the CLI config file");
    std::string user, password;
    login->add_option("-u,--user", user, "user name")->required();
    login->add_option("-p,--password", password, "password (default: ROLLCALL_PASSWORD or asked on stdin)");
    login->callback([&] {
        action = [&] {
            auto s = connect(g, false);
            if (!s) return failWith(s.error().message);
            if (password.empty()) password = readPassword();
            auto r = call(*s, Verb::post, "/api/v1/session",
                          nlohmann::json{{"username", user}, {"password", password}, {"bearer", true}}.dump());
            if (!r) return 1;
            s->config.token = r->json()["token"];
            const auto file = g.configFile.empty() ? cli::CliConfig::defaultPath() : std::filesystem::path(g.configFile);
            if (auto st = s->config.save(file); !st) return failWith(st.error().message);
            fmt::print("signed in as {} (roles: {}); token saved in {}\n", user, r->json()["user"]["roles"].dump(), file.string());
            return 0;
        };
    });

    auto* logout = app.add_subcommand("logout", "end the session of the saved token");
    logout->callback([&] {
        action = [&] {
            auto s = connect(g);
            if (!s) return failWith(s.error().message);
            return call(*s, Verb::delete_, "/api/v1/session") ? 0 : 1;
        };
    });

    auto* import = app.add_subcommand("import", "import a CSV file; a file with any bad line imports nothing");
    std::string kind, file;
    bool dryRun = false;
    import->add_option("kind", kind, "departments, posts, people (employees), calendar")->required();
    import->add_option("file", file, "CSV file")->required()->check(CLI::ExistingFile);
    import->add_flag("--dry-run", dryRun, "check the file only");
    import->callback([&] {
        action = [&] {
            auto s = connect(g);
            if (!s) return failWith(s.error().message);
            const std::string k = kind == "people" ? "employees" : kind;
            auto r = postCsv(*s, "/api/v1/import/" + http::percentEncode(k) + (dryRun ? "?dry_run=1" : ""), file);
            if (!r) return 1;
            const auto j = r->json();
            fmt::print("{}{}: {} new, {} updated\n", k, dryRun ? " (dry run, nothing kept)" : "", j["inserted"].get<int>(),
                       j["updated"].get<int>());
            return 0;
        };
    });

    auto* exportCmd = app.add_subcommand("export", "print departments, posts or people as CSV");
    exportCmd->add_option("kind", kind, "departments, posts, people")->required();
    exportCmd->callback([&] {
        action = [&] {
            auto s = connect(g);
            if (!s) return failWith(s.error().message);
            auto r = call(*s, Verb::get, "/api/v1/export/" + http::percentEncode(kind == "people" ? "employees" : kind));
            if (!r) return 1;
            fmt::print("{}", r->body);
            return 0;
        };
    });

    auto* leave = app.add_subcommand("leave", "list and decide leave requests");
    leave->require_subcommand(1);
    auto* leaveList = leave->add_subcommand("list", "list leave requests");
    std::string scope = "approve", state;
    bool csv = false;
    leaveList->add_option("--scope", scope, "mine, approve (waiting for you, the default) or all")
        ->check(CLI::IsMember({"mine", "approve", "all"}));
    leaveList->add_option("--state", state, "pending, approved, rejected, cancelled, reported_back");
    leaveList->add_flag("--csv", csv, "CSV instead of a table");
    leaveList->callback([&] {
        action = [&] {
            auto s = connect(g);
            if (!s) return failWith(s.error().message);
            auto r = call(*s, Verb::get, "/api/v1/leave" + query({{"scope", scope}, {"state", state}}));
            if (!r) return 1;
            cli::Rows rows;
            const auto answer = r->json();  // alive for the whole loop
            for (const auto& l : answer["items"]) {
                rows.push_back({str(l["id"]), str(l["employeeId"]), str(l["type"]), str(l["period"]), str(l["state"]), str(l["reason"])});
            }
            printRows({"id", "employee", "type", "period", "state", "reason"}, rows, csv);
            return 0;
        };
    });
    std::int64_t leaveId = 0;
    std::string reason;
    auto decision = [&](const char* name, const char* help, bool reasonRequired) {
        auto* cmd = leave->add_subcommand(name, help);
        cmd->add_option("id", leaveId, "leave request id")->required();
        auto* opt = cmd->add_option("-r,--reason", reason, "reason (kept in the record and the audit log)");
        if (reasonRequired) opt->required();
        cmd->callback([&, name] {
            action = [&, name] {
                auto s = connect(g);
                if (!s) return failWith(s.error().message);
                auto r = call(*s, Verb::post, fmt::format("/api/v1/leave/{}/{}", leaveId, name), nlohmann::json{{"reason", reason}}.dump());
                if (!r) return 1;
                fmt::print("leave {}: {}\n", leaveId, str(r->json()["state"]));
                return 0;
            };
        });
    };
    decision("approve", "approve the step waiting for you", false);
    decision("reject", "reject the request", true);

    auto* report = app.add_subcommand("report", "attendance reports");
    report->require_subcommand(1);
    auto* day = report->add_subcommand("day", "day records of a date (or range) for a department, a person or everyone");
    std::string date, to, month;
    std::int64_t department = 0, employee = 0;
    day->add_option("--date", date, "YYYY-MM-DD (default today)");
    day->add_option("--to", to, "last date of a range");
    day->add_option("--department", department, "department id");
    day->add_option("--employee", employee, "employee id");
    day->add_flag("--csv", csv, "CSV instead of a table");
    day->callback([&] {
        action = [&] {
            auto s = connect(g);
            if (!s) return failWith(s.error().message);
            auto r = call(*s, Verb::get, "/api/v1/attendance/days" +
                                             query({{"from", date}, {"to", to.empty() ? date : to},
                                                    {"departmentId", department ? std::to_string(department) : ""},
                                                    {"employeeId", employee ? std::to_string(employee) : ""}}));
            if (!r) return 1;
            cli::Rows rows;
            const auto answer = r->json();  // alive for the whole loop
            for (const auto& d : answer["items"]) {
                rows.push_back({str(d["date"]), str(d["employeeId"]), str(d["status"]), str(d["in"]), str(d["out"]),
                                str(d["lateMinutes"]), str(d["earlyMinutes"]), str(d["overtimeMinutes"])});
            }
            printRows({"date", "employee", "status", "in", "out", "late", "early", "overtime"}, rows, csv);
            return 0;
        };
    });
    auto* monthCmd = report->add_subcommand("month", "the monthly sheet: one row per person, one column per day, totals");
    monthCmd->add_option("--month", month, "YYYY-MM")->required();
    monthCmd->add_option("--department", department, "department id");
    monthCmd->add_flag("--csv", csv, "the server's CSV sheet");
    monthCmd->callback([&] {
        action = [&] {
            auto s = connect(g);
            if (!s) return failWith(s.error().message);
            const auto q = query({{"month", month}, {"departmentId", department ? std::to_string(department) : ""}});
            if (csv) {
                auto r = call(*s, Verb::get, "/api/v1/attendance/month.csv" + q);
                if (!r) return 1;
                fmt::print("{}", r->body);
                return 0;
            }
            auto r = call(*s, Verb::get, "/api/v1/attendance/month" + q);
            if (!r) return 1;
            const auto j = r->json();
            std::vector<std::string> header{"number", "name"};
            for (const auto& d : j["dates"]) header.push_back(str(d).substr(8));
            for (const char* t : {"present", "late", "absent", "leave"}) header.emplace_back(t);
            cli::Rows rows;
            for (const auto& row : j["rows"]) {
                std::vector<std::string> cells{str(row["number"]), str(row["name"])};
                for (const auto& c : row["days"]) cells.push_back(c.is_null() ? "" : str(c["status"]).substr(0, 2));
                const auto& t = row["totals"];
                for (const char* k : {"presentDays", "lateCount", "absentDays", "leaveDays"}) cells.push_back(str(t[k]));
                rows.push_back(std::move(cells));
            }
            printRows(header, rows, false);
            return 0;
        };
    });

    auto* audit = app.add_subcommand("audit", "the audit log");
    audit->require_subcommand(1);
    auto* verify = audit->add_subcommand("verify", "recompute the audit log's hash chain and every terminal's punch chain; fails naming the first break");
    verify->callback([&] {
        action = [&] {
            auto s = connect(g);
            if (!s) return failWith(s.error().message);
            auto r = call(*s, Verb::post, "/api/v1/audit/verify", "{}");
            if (!r) return 1;
            const auto j = r->json();
            bool ok = j["ok"].get<bool>();
            if (ok) {
                fmt::print("audit chain intact: {} entries checked\n", j["entriesChecked"].get<std::int64_t>());
            } else {
                fmt::print("audit chain BROKEN at entry {}: {}\n", str(j["firstBroken"]), str(j["reason"]));
            }
            if (j.contains("punchChains")) {
                const auto& c = j["punchChains"];
                if (c["ok"].get<bool>()) {
                    fmt::print("punch chains intact: {} punches of {} terminals checked\n",
                               c["punchesChecked"].get<std::int64_t>(), c["terminalsChecked"].get<std::int64_t>());
                } else {
                    ok = false;
                    for (const auto& b : c["breaks"]) {
                        fmt::print("punch chain BROKEN: terminal {} at punch {}: {}\n", str(b["terminalId"]), str(b["seq"]),
                                   str(b["reason"]));
                    }
                }
            }
            return ok ? 0 : 1;
        };
    });

    auto* terminal = app.add_subcommand("terminal", "terminals (administrators)");
    terminal->require_subcommand(1);
    auto* tAdd = terminal->add_subcommand("add", "create a terminal and print its one-time provisioning token");
    std::string name;
    std::int64_t post = 0, terminalId = 0;
    tAdd->add_option("name", name, "terminal name")->required();
    tAdd->add_option("--post", post, "post id the terminal serves");
    tAdd->callback([&] {
        action = [&] {
            auto s = connect(g);
            if (!s) return failWith(s.error().message);
            nlohmann::json b{{"name", name}};
            if (post) b["postId"] = post;
            auto r = call(*s, Verb::post, "/api/v1/terminals", b.dump());
            if (!r) return 1;
            const auto j = r->json();
            fmt::print("terminal {} created; provisioning token (shown once, expires {}):\n{}\n", str(j["id"]),
                       str(j["tokenExpiresAt"]), str(j["token"]));
            return 0;
        };
    });
    auto* tList = terminal->add_subcommand("list", "terminals and their status");
    tList->add_flag("--csv", csv, "CSV instead of a table");
    tList->callback([&] {
        action = [&] {
            auto s = connect(g);
            if (!s) return failWith(s.error().message);
            auto r = call(*s, Verb::get, "/api/v1/terminals");
            if (!r) return 1;
            cli::Rows rows;
            const auto answer = r->json();  // alive for the whole loop
            for (const auto& t : answer["items"]) {
                rows.push_back({str(t["id"]), str(t["name"]), str(t["postId"]), str(t["state"]),
                                t["online"].get<bool>() ? "online" : "offline", str(t["lastSeen"]), str(t["backlog"])});
            }
            printRows({"id", "name", "post", "state", "link", "last seen", "backlog"}, rows, csv);
            return 0;
        };
    });
    auto* tRevoke = terminal->add_subcommand("revoke", "revoke a terminal: its key is refused from now on");
    tRevoke->add_option("id", terminalId, "terminal id")->required();
    tRevoke->add_option("-r,--reason", reason, "reason");
    tRevoke->callback([&] {
        action = [&] {
            auto s = connect(g);
            if (!s) return failWith(s.error().message);
            auto r = call(*s, Verb::post, fmt::format("/api/v1/terminals/{}/revoke", terminalId), nlohmann::json{{"reason", reason}}.dump());
            if (!r) return 1;
            fmt::print("terminal {}: {}\n", terminalId, str(r->json()["state"]));
            return 0;
        };
    });

    addScheduleCommands(app, g, action);
    addSpotCheckCommands(app, g, action);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        (void)app.exit(e);
        return 2;
    }
    return action ? action() : 2;
}
