#include "SpotCheckJson.hpp"

namespace rollcall::spotcheck::wire {
namespace {

using nlohmann::json;

json instant(const std::optional<Instant>& t) { return t ? json(t->toIso()) : json(nullptr); }

template <class T>
json optional(const std::optional<T>& v) {
    return v ? json(*v) : json(nullptr);
}

template <class Id>
json id(const std::optional<Id>& v) {
    return v ? json(v->value()) : json(nullptr);
}

json answer(const std::optional<Answer>& a) {
    if (!a) return nullptr;
    return {{"punch", a->punch.value()},          {"terminal", a->terminal.value()}, {"post", a->post.value()},
            {"method", a->method},                {"at", a->at.toIso()},             {"receivedAt", a->receivedAt.toIso()},
            {"faceScore", optional(a->faceScore)}, {"fingerScore", optional(a->fingerScore)},
            {"livenessScore", optional(a->livenessScore)}, {"clockOffsetUs", optional(a->clockOffsetUs)},
            {"deliveredLate", a->deliveredLate}};
}

}  // namespace

json scope(const Scope& s) {
    json j{{"kind", toString(s.kind)}};
    if (s.kind == ScopeKind::Posts) {
        j["posts"] = json::array();
        for (auto p : s.posts) j["posts"].push_back(p.value());
    } else if (s.kind == ScopeKind::Departments) {
        j["departments"] = json::array();
        for (auto d : s.departments) j["departments"].push_back(d.value());
    }
    return j;
}

Result<Scope> scopeFrom(const json& j) {
    if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string()) {
        return fail("spotcheck.selection", "scope must be {kind: everyone|posts|departments, ...}", "scope");
    }
    const auto kind = j["kind"].get<std::string>();
    const auto ids = [&](const char* key) -> Result<std::vector<std::int64_t>> {
        if (!j.contains(key) || !j[key].is_array()) return fail("spotcheck.selection", std::string("scope needs ") + key, "scope");
        std::vector<std::int64_t> out;
        for (const auto& v : j[key]) {
            if (!v.is_number_integer()) return fail("spotcheck.selection", "scope ids are integers", "scope");
            out.push_back(v.get<std::int64_t>());
        }
        return out;
    };
    Scope s;
    if (kind == "everyone") {
        s = Scope::everyone();
    } else if (kind == "posts") {
        auto v = ids("posts");
        if (!v) return std::unexpected(v.error());
        for (auto i : *v) s.posts.emplace_back(i);
        s.kind = ScopeKind::Posts;
    } else if (kind == "departments") {
        auto v = ids("departments");
        if (!v) return std::unexpected(v.error());
        for (auto i : *v) s.departments.emplace_back(i);
        s.kind = ScopeKind::Departments;
    } else {
        return fail("spotcheck.selection", "scope kind must be everyone, posts or departments", "scope");
    }
    if (auto st = s.validate(); !st) return std::unexpected(st.error());
    return s;
}

json check(const SpotCheckView& v) {
    // No field for the drawn moment: the view does not have it.
    return {{"id", v.id.value()},
            {"state", toString(v.state)},
            {"scope", scope(v.scope)},
            {"windowMinutes", v.windowMinutes},
            {"method", toString(v.method)},
            {"random", v.random},
            {"randomFrom", instant(v.rangeFrom)},
            {"randomTo", instant(v.rangeTo)},
            {"openedAt", instant(v.openedAt)},
            {"closesAt", instant(v.closesAt)},
            {"closedAt", instant(v.closedAt)},
            {"createdBy", v.createdBy.value()},
            {"createdAt", v.createdAt.toIso()},
            {"plan", id(v.plan)},
            {"note", v.note},
            {"evaluatedAt", instant(v.evaluatedAt)}};
}

json report(const SpotCheckReport& r) {
    json results = json::array();
    for (const auto& p : r.results) {
        results.push_back({{"employee", p.employee.value()},
                           {"post", p.post.value()},
                           {"department", p.department.value()},
                           {"outcome", toString(p.outcome)},
                           {"duty", toString(p.duty)},
                           {"excuse", p.excuseRecord},
                           {"answer", answer(p.answer)},
                           {"lateAnswer", answer(p.lateAnswer)}});
    }
    json offline = json::array();
    for (const auto& t : r.offline) {
        offline.push_back({{"terminal", t.terminal.value()}, {"post", t.post.value()}, {"reached", t.reached},
                           {"latePunches", t.latePunches}});
    }
    return {{"check", check(r.check)},
            {"live", r.live},
            {"results", results},
            {"offlineTerminals", offline},
            {"tally",
             {{"present", r.tally.present},
              {"excused", r.tally.excused},
              {"absent", r.tally.absent},
              {"awayFromPost", r.tally.awayFromPost},
              {"methodNotMet", r.tally.methodNotMet}}}};
}

json finding(const FindingView& f) {
    return {{"id", f.id.value()},           {"check", f.check.value()},        {"employee", f.employee.value()},
            {"post", f.post.value()},       {"kind", toString(f.kind)},        {"state", toString(f.state)},
            {"ruledBy", id(f.ruledBy)},     {"ruledAt", instant(f.ruledAt)},   {"reason", f.reason},
            {"evaluationChanged", f.evaluationChanged}, {"checkOpenedAt", instant(f.checkOpenedAt)}};
}

json caseView(const CaseView& c) {
    return {{"id", c.id.value()},           {"finding", c.finding.value()},      {"employee", c.employee.value()},
            {"owner", c.owner.value()},     {"deadline", c.deadline.toString()}, {"state", toString(c.state)},
            {"note", c.progressNote},       {"resolution", c.resolution},        {"openedBy", c.openedBy.value()},
            {"openedAt", c.openedAt.toIso()}, {"closedAt", instant(c.closedAt)}};
}

json plan(const PlanView& p) {
    return {{"id", p.id.value()},
            {"scope", scope(p.scope)},
            {"windowMinutes", p.windowMinutes},
            {"method", toString(p.method)},
            {"count", p.checksPerPeriod},
            {"period", toString(p.period)},
            {"workFrom", p.workFrom.toString()},
            {"workTo", p.workTo.toString()},
            {"active", p.active},
            {"createdBy", p.createdBy.value()},
            {"createdAt", p.createdAt.toIso()}};
}

json warningList(const WarningList& w) {
    json entries = json::array();
    for (const auto& e : w.entries) {
        entries.push_back({{"finding", e.finding.value()},
                           {"check", e.check.value()},
                           {"employee", e.employee.value()},
                           {"post", e.post.value()},
                           {"kind", toString(e.kind)},
                           {"checkOpenedAt", e.checkOpenedAt.toIso()},
                           {"reason", e.reason},
                           {"case", id(e.caseId)}});
    }
    return {{"id", w.id.value()},
            {"from", w.from.toString()},
            {"to", w.to.toString()},
            {"title", w.title},
            {"publishedBy", w.publishedBy.value()},
            {"publishedAt", w.publishedAt.toIso()},
            {"entries", entries}};
}

}  // namespace rollcall::spotcheck::wire
