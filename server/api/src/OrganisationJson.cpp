#include "OrganisationJson.hpp"

namespace rollcall::api {

nlohmann::json toJson(const store::Department& d) {
    return {{"id", d.id.value()}, {"code", d.code}, {"name", d.name}, {"parentId", idOrNull(d.parent)}};
}

nlohmann::json toJson(const store::Post& p) {
    return {{"id", p.id.value()}, {"code", p.code}, {"name", p.name}, {"departmentId", p.department.value()}};
}

nlohmann::json toJson(const store::Employee& e) {
    nlohmann::json roles = nlohmann::json::array();
    for (auto r : e.roles) roles.push_back(store::toString(r));
    return {{"id", e.id.value()},
            {"number", e.number},
            {"name", e.name},
            {"departmentId", idOrNull(e.department)},
            {"postId", idOrNull(e.post)},
            {"roles", roles},
            {"departmentHead", e.departmentHead},
            {"leadership", e.leadership},
            {"verification", store::toString(e.verification)},
            {"active", e.active},
            {"offboardedOn", e.offboardedOn ? nlohmann::json(e.offboardedOn->toString()) : nlohmann::json()}};
}

}  // namespace rollcall::api
