#include "SpotCheckCommands.hpp"

#include <fmt/format.h>

#include <memory>

namespace rollcall::cli {
namespace {

using http::Verb;

struct Options {
    bool everyone = false;
    std::vector<std::int64_t> posts, departments;
    int window = 10;
    std::string method = "any";
    std::string randomFrom, randomTo, note;
    std::int64_t id = 0;
    bool confirm = false, excuse = false;
    std::string reason, deadline;
    bool csv = false;
};

std::string scopeText(const nlohmann::json& scope) {
    const auto kind = str(scope["kind"]);
    if (kind == "everyone") return kind;
    std::string ids;
    for (const auto& i : scope.value(kind, nlohmann::json::array())) ids += (ids.empty() ? "" : ",") + str(i);
    return kind + ":" + ids;
}

void addStart(CLI::App& parent, const Globals& g, Action& action) {
    auto o = std::make_shared<Options>();
    auto* cmd = parent.add_subcommand("start", "start a check now, or at a secret random moment inside [--random-from, --random-to]");
    auto* all = cmd->add_flag("--everyone", o->everyone, "every post");
    auto* posts = cmd->add_option("--post", o->posts, "post id (repeatable)")->excludes(all);
    cmd->add_option("--department", o->departments, "department id (repeatable)")->excludes(all)->excludes(posts);
    cmd->add_option("--window", o->window, "response window in minutes")->check(CLI::Range(1, 240));
    cmd->add_option("--method", o->method, "method required")
        ->check(CLI::IsMember({"any", "face", "fingerprint", "face+fingerprint"}));
    auto* from = cmd->add_option("--random-from", o->randomFrom, "earliest moment, ISO 8601 (e.g. 2026-11-30T09:00:00+08:00)");
    auto* to = cmd->add_option("--random-to", o->randomTo, "latest moment, ISO 8601");
    from->needs(to);
    to->needs(from);
    cmd->add_option("--note", o->note, "note for the other inspectors");
    cmd->callback([&g, &action, o] {
        action = withSession(g, [o](Session& s) {
            nlohmann::json scope;
            if (!o->posts.empty()) {
                scope = {{"kind", "posts"}, {"posts", o->posts}};
            } else if (!o->departments.empty()) {
                scope = {{"kind", "departments"}, {"departments", o->departments}};
            } else if (o->everyone) {
                scope = {{"kind", "everyone"}};
            } else {
                fmt::print(stderr, "spotcheck start: give --everyone, --post or --department\n");
                return 2;
            }
            nlohmann::json body{{"scope", scope}, {"windowMinutes", o->window}, {"method", o->method}};
            if (!o->randomFrom.empty()) {
                body["randomFrom"] = o->randomFrom;
                body["randomTo"] = o->randomTo;
            }
            if (!o->note.empty()) body["note"] = o->note;
            auto r = call(s, Verb::post, "/api/v1/spotchecks", body.dump(), {{"Content-Type", "application/json"}});
            if (!r) return 1;
            const auto j = r->json();
            if (str(j["state"]) == "planned") {
                fmt::print("check {} planned at a secret moment between {} and {}\n", str(j["id"]), str(j["randomFrom"]),
                           str(j["randomTo"]));
            } else {
                fmt::print("check {} {}: {}, window {} min, closes {}\n", str(j["id"]), str(j["state"]), scopeText(j["scope"]),
                           str(j["windowMinutes"]), str(j["closesAt"]));
            }
            return 0;
        });
    });
}

void addList(CLI::App& parent, const Globals& g, Action& action) {
    auto o = std::make_shared<Options>();
    auto* cmd = parent.add_subcommand("list", "the checks you may see");
    cmd->add_flag("--csv", o->csv, "CSV instead of a table");
    cmd->callback([&g, &action, o] {
        action = withSession(g, [o](Session& s) {
            auto r = call(s, Verb::get, "/api/v1/spotchecks");
            if (!r) return 1;
            const auto answer = r->json();
            Rows rows;
            for (const auto& c : answer["items"]) {
                rows.push_back({str(c["id"]), str(c["state"]), scopeText(c["scope"]), str(c["method"]), str(c["windowMinutes"]),
                                str(c["openedAt"]), str(c["note"])});
            }
            printRows({"id", "state", "scope", "method", "window", "opened", "note"}, rows, o->csv);
            return 0;
        });
    });
}

void addShow(CLI::App& parent, const Globals& g, Action& action) {
    auto o = std::make_shared<Options>();
    auto* cmd = parent.add_subcommand("show", "a check and, once it fired, who was present, excused or absent");
    cmd->add_option("id", o->id, "check id")->required()->check(CLI::PositiveNumber);
    cmd->add_flag("--csv", o->csv, "CSV of the results instead of a table");
    cmd->callback([&g, &action, o] {
        action = withSession(g, [o](Session& s) {
            auto r = call(s, Verb::get, "/api/v1/spotchecks/" + std::to_string(o->id));
            if (!r) return 1;
            const auto j = r->json();
            if (!o->csv) {
                fmt::print("check {} {}: {}, method {}, window {} min, opened {}, closes {}\n", str(j["id"]), str(j["state"]),
                           scopeText(j["scope"]), str(j["method"]), str(j["windowMinutes"]), str(j["openedAt"]),
                           str(j["closesAt"]));
            }
            if (!j.contains("report")) {
                if (!o->csv) fmt::print("not fired yet\n");
                return 0;
            }
            const auto& report = j["report"];
            Rows rows;
            for (const auto& p : report["results"]) {
                const auto& a = p["answer"];
                rows.push_back({str(p["employee"]), str(p["post"]), str(p["outcome"]), str(p["duty"]), str(p["excuse"]),
                                a.is_object() ? str(a.value("at", nlohmann::json())) : ""});
            }
            printRows({"employee", "post", "outcome", "duty", "excuse", "verified at"}, rows, o->csv);
            if (!o->csv) {
                const auto& t = report["tally"];
                fmt::print("{}present {}, excused {}, absent {}, away from post {}, method not met {}\n",
                           report.value("live", false) ? "so far: " : "", str(t["present"]), str(t["excused"]), str(t["absent"]),
                           str(t["awayFromPost"]), str(t["methodNotMet"]));
            }
            return 0;
        });
    });
}

void addRule(CLI::App& parent, const Globals& g, Action& action) {
    auto o = std::make_shared<Options>();
    auto* cmd = parent.add_subcommand("rule", "confirm a finding (it becomes a case) or excuse it, with a reason");
    cmd->add_option("finding", o->id, "finding id")->required()->check(CLI::PositiveNumber);
    auto* yes = cmd->add_flag("--confirm", o->confirm, "the absence stands: open a case");
    cmd->add_flag("--excuse", o->excuse, "the absence is excused")->excludes(yes);
    cmd->add_option("--reason", o->reason, "why (kept in the audit log)")->required();
    cmd->add_option("--deadline", o->deadline, "the case's deadline YYYY-MM-DD (with --confirm)");
    cmd->callback([&g, &action, o] {
        action = withSession(g, [o](Session& s) {
            if (o->confirm == o->excuse) {
                fmt::print(stderr, "spotcheck rule: give --confirm or --excuse\n");
                return 2;
            }
            nlohmann::json body{{"ruling", o->confirm ? "confirmed" : "excused"}, {"reason", o->reason}};
            if (!o->deadline.empty()) body["deadline"] = o->deadline;
            auto r = call(s, Verb::post, "/api/v1/findings/" + std::to_string(o->id) + "/rule", body.dump(),
                          {{"Content-Type", "application/json"}});
            if (!r) return 1;
            const auto j = r->json();
            if (o->confirm) {
                fmt::print("finding {} confirmed: case {} for employee {}, deadline {}\n", o->id, str(j["id"]), str(j["employee"]),
                           str(j["deadline"]));
            } else {
                fmt::print("finding {} excused\n", o->id);
            }
            return 0;
        });
    });
}

}  // namespace

void addSpotCheckCommands(CLI::App& app, const Globals& g, Action& action) {
    auto* spot = app.add_subcommand("spotcheck", "spot checks (查岗): start, list, show, rule on findings");
    spot->require_subcommand(1);
    addStart(*spot, g, action);
    addList(*spot, g, action);
    addShow(*spot, g, action);
    addRule(*spot, g, action);
}

}  // namespace rollcall::cli
