#pragma once
// A small organisation set up through the API as an administrator would: two departments,
// a post in each, people in every role, each with an account.
#include "ApiServer.hpp"

namespace rollcall::testing {

struct Org {
    std::int64_t office = 0, field = 0, desk = 0, gate = 0;
    std::map<std::string, std::int64_t> employee;  // by user name
};

inline std::int64_t created(http::Client& c, const std::string& path, const nlohmann::json& b) {
    auto r = c.send(http::Verb::post, path, b.dump());
    if (!r || r->status != 201) throw std::runtime_error("POST " + path + " failed: " + (r ? r->body : r.error().message));
    return r->json()["id"].get<std::int64_t>();
}

inline Org seedOrganisation(ApiServer& server) {
    auto admin = server.signedIn("admin", kAdminPassword);
    Org org;
    org.office = created(admin, "/api/v1/departments", {{"code", "OFF"}, {"name", "Office"}});
    org.field = created(admin, "/api/v1/departments", {{"code", "FLD"}, {"name", "Field"}});
    org.desk = created(admin, "/api/v1/posts", {{"code", "DESK"}, {"name", "Desk"}, {"departmentId", org.office}});
    org.gate = created(admin, "/api/v1/posts", {{"code", "GATE"}, {"name", "Gate"}, {"departmentId", org.field}});
    struct P { const char* user; const char* number; std::int64_t dept; std::int64_t post; std::vector<std::string> roles; bool head; };
    const std::vector<P> people{
        {"staff", "E001", org.office, org.desk, {"staff"}, false},
        {"staff3", "E003", org.field, org.gate, {"staff"}, false},
        {"approver", "E010", org.office, org.desk, {"staff", "approver"}, true},
        {"hr", "E020", org.office, org.desk, {"staff", "hr"}, false},
        {"inspector", "E030", org.field, org.gate, {"inspector"}, false},
    };
    for (const auto& p : people) {
        const auto id = created(admin, "/api/v1/employees",
                                {{"number", p.number}, {"name", p.user}, {"departmentId", p.dept}, {"postId", p.post},
                                 {"roles", p.roles}, {"departmentHead", p.head}});
        org.employee[p.user] = id;
        created(admin, "/api/v1/accounts", {{"username", p.user}, {"password", kPassword}, {"employeeId", id}});
    }
    return org;
}

}  // namespace rollcall::testing
