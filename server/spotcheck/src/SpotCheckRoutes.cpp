#include "rollcall/spotcheck/SpotCheckRoutes.hpp"

#include <charconv>

#include "SpotCheckJson.hpp"

namespace rollcall::spotcheck {
namespace {

using nlohmann::json;
using http::Verb;

using Body = json;
using Fn = std::function<Result<json>(http::RequestContext&, const Viewer&, const Body&)>;

Error badRequest(std::string message, std::optional<std::string> field = std::nullopt) {
    return Error{"request.invalid", std::move(message), std::move(field)};
}

template <class Id>
Result<Id> idFrom(const std::string& text, const char* what) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size() || v <= 0) {
        return std::unexpected(badRequest(std::string(what) + " must be a positive integer", what));
    }
    return Id(v);
}

std::string text(const Body& b, const char* key) {
    return b.contains(key) && b[key].is_string() ? b[key].get<std::string>() : std::string{};
}

Result<std::optional<Instant>> instantField(const Body& b, const char* key) {
    if (!b.contains(key) || b[key].is_null()) return std::nullopt;
    if (!b[key].is_string()) return std::unexpected(badRequest(std::string(key) + " must be an RFC 3339 time", key));
    auto t = Instant::parseIso(b[key].get<std::string>());
    if (!t) return std::unexpected(badRequest(std::string(key) + " must be an RFC 3339 time", key));
    return t;
}

Result<MethodRequirement> methodField(const Body& b) {
    if (!b.contains("method")) return MethodRequirement::Any;
    auto m = b["method"].is_string() ? parseMethodRequirement(b["method"].get<std::string>()) : std::nullopt;
    if (!m) return std::unexpected(badRequest("method must be any, face, fingerprint or face+fingerprint", "method"));
    return *m;
}

int intField(const Body& b, const char* key, int fallback) {
    return b.contains(key) && b[key].is_number_integer() ? b[key].get<int>() : fallback;
}

std::vector<UserId> usersField(const Body& b, const char* key) {
    std::vector<UserId> out;
    if (b.contains(key) && b[key].is_array()) {
        for (const auto& v : b[key]) {
            if (v.is_number_integer()) out.emplace_back(v.get<std::int64_t>());
        }
    }
    return out;
}

template <class T, class F>
Result<json> listOf(Result<std::vector<T>> rows, F toJson) {
    if (!rows) return std::unexpected(rows.error());
    json items = json::array();
    for (const auto& r : *rows) items.push_back(toJson(r));
    return json{{"items", items}};
}

template <class T, class F>
Result<json> one(Result<T> row, F toJson) {
    if (!row) return std::unexpected(row.error());
    return toJson(*row);
}

class Registrar {
public:
    Registrar(http::Router& router, const SpotCheckRoutes& r) : router_(router), r_(r) {}

    void add(Verb method, std::string pattern, Fn fn, http::Status ok = http::Status::ok) {
        const SpotCheckRoutes* routes = &r_;
        router_.add(method, "/api/v1" + pattern, [routes, fn = std::move(fn), ok](http::RequestContext& ctx) {
            auto viewer = routes->authenticate(ctx);
            if (!viewer) return http::errorResponse(viewer.error());
            if (!*viewer) return http::errorResponse(http::Status::unauthorized, "auth.required", "sign in first");
            Body body = json::object();
            if (!ctx.request.body().empty()) {
                body = json::parse(ctx.request.body(), nullptr, false);
                if (body.is_discarded() || !body.is_object()) {
                    return http::errorResponse(http::Status::bad_request, "request.invalid_json",
                                               "the body must be a JSON object");
                }
            }
            auto out = fn(ctx, **viewer, body);
            if (!out) return http::errorResponse(out.error());
            return http::jsonResponse(ok, *out);
        });
    }

private:
    http::Router& router_;
    const SpotCheckRoutes& r_;
};

}  // namespace

void registerSpotCheckRoutes(http::Router& router, const SpotCheckRoutes& r) {
    Registrar add(router, r);
    const SpotCheckRoutes* routes = &r;

    add.add(Verb::get, "/spotchecks", [routes](auto&, const Viewer& who, const Body&) {
        return listOf(routes->checks.list(who), wire::check);
    });
    add.add(Verb::post, "/spotchecks", [routes](auto&, const Viewer& who, const Body& b) -> Result<json> {
        NewSpotCheck req;
        auto scope = wire::scopeFrom(b.contains("scope") ? b["scope"] : Body{});
        if (!scope) return std::unexpected(scope.error());
        req.scope = std::move(*scope);
        req.windowMinutes = intField(b, "windowMinutes", 10);
        auto method = methodField(b);
        if (!method) return std::unexpected(method.error());
        req.method = *method;
        auto from = instantField(b, "randomFrom");
        if (!from) return std::unexpected(from.error());
        auto to = instantField(b, "randomTo");
        if (!to) return std::unexpected(to.error());
        req.from = *from;
        req.to = *to;
        req.sharedWith = usersField(b, "sharedWith");
        req.note = text(b, "note");
        return one(routes->checks.create(who, req), wire::check);
    }, http::Status::created);
    add.add(Verb::get, "/spotchecks/{id}", [routes](http::RequestContext& ctx, const Viewer& who, const Body&) -> Result<json> {
        auto id = idFrom<SpotCheckId>(ctx.param("id"), "id");
        if (!id) return std::unexpected(id.error());
        auto view = routes->checks.show(who, *id);
        if (!view) return std::unexpected(view.error());
        json out = wire::check(*view);
        if (view->state == CheckState::Open || view->state == CheckState::Closed) {
            auto report = routes->checks.report(who, *id);
            if (!report) return std::unexpected(report.error());
            out["report"] = wire::report(*report);
        }
        return out;
    });
    add.add(Verb::post, "/spotchecks/{id}/cancel", [routes](http::RequestContext& ctx, const Viewer& who, const Body& b) -> Result<json> {
        auto id = idFrom<SpotCheckId>(ctx.param("id"), "id");
        if (!id) return std::unexpected(id.error());
        if (auto st = routes->checks.cancel(who, *id, text(b, "reason")); !st) return std::unexpected(st.error());
        return one(routes->checks.show(who, *id), wire::check);
    });
    add.add(Verb::post, "/spotchecks/{id}/evaluate", [routes](http::RequestContext& ctx, const Viewer& who, const Body&) -> Result<json> {
        auto id = idFrom<SpotCheckId>(ctx.param("id"), "id");
        if (!id) return std::unexpected(id.error());
        return one(routes->checks.reevaluate(who, *id), wire::report);
    });

    add.add(Verb::get, "/spotcheck-plans", [routes](auto&, const Viewer& who, const Body&) {
        return listOf(routes->plans.plans(who), wire::plan);
    });
    add.add(Verb::post, "/spotcheck-plans", [routes](auto&, const Viewer& who, const Body& b) -> Result<json> {
        NewPlan req;
        auto scope = wire::scopeFrom(b.contains("scope") ? b["scope"] : Body{});
        if (!scope) return std::unexpected(scope.error());
        req.scope = std::move(*scope);
        req.windowMinutes = intField(b, "windowMinutes", 10);
        auto method = methodField(b);
        if (!method) return std::unexpected(method.error());
        req.method = *method;
        req.checksPerPeriod = intField(b, "count", 2);
        auto period = parsePlanPeriod(text(b, "period"));
        if (!period) return std::unexpected(badRequest("period must be week or month", "period"));
        req.period = *period;
        for (auto [key, slot] : {std::pair{"workFrom", &req.workFrom}, std::pair{"workTo", &req.workTo}}) {
            if (!b.contains(key)) continue;
            auto t = LocalTime::parse(text(b, key));
            if (!t) return std::unexpected(badRequest(std::string(key) + " must be HH:MM", key));
            *slot = *t;
        }
        req.sharedWith = usersField(b, "sharedWith");
        return one(routes->plans.create(who, req), wire::plan);
    }, http::Status::created);
    add.add(Verb::post, "/spotcheck-plans/{id}/stop", [routes](http::RequestContext& ctx, const Viewer& who, const Body& b) -> Result<json> {
        auto id = idFrom<PlanId>(ctx.param("id"), "id");
        if (!id) return std::unexpected(id.error());
        if (auto st = routes->plans.deactivate(who, *id, text(b, "reason")); !st) return std::unexpected(st.error());
        return json{{"id", id->value()}, {"active", false}};
    });

    add.add(Verb::get, "/findings", [routes](http::RequestContext& ctx, const Viewer& who, const Body&) -> Result<json> {
        FindingFilter filter;
        if (auto c = ctx.queryValue("check")) {
            auto id = idFrom<SpotCheckId>(*c, "check");
            if (!id) return std::unexpected(id.error());
            filter.check = *id;
        }
        if (auto s = ctx.queryValue("state")) {
            filter.state = parseFindingState(*s);
            if (!filter.state) return std::unexpected(badRequest("state must be open, confirmed, excused or withdrawn", "state"));
        }
        return listOf(routes->findings.findings(who, filter), wire::finding);
    });
    add.add(Verb::post, "/findings/{id}/rule", [routes](http::RequestContext& ctx, const Viewer& who, const Body& b) -> Result<json> {
        auto id = idFrom<FindingId>(ctx.param("id"), "id");
        if (!id) return std::unexpected(id.error());
        const auto ruling = text(b, "ruling");
        const auto reason = text(b, "reason");
        if (ruling == "excused") return one(routes->findings.excuse(who, *id, reason), wire::finding);
        if (ruling != "confirmed") return std::unexpected(badRequest("ruling must be confirmed or excused", "ruling"));
        auto f = routes->findings.finding(who, *id);
        if (!f) return std::unexpected(f.error());
        UserId owner = routes->defaultOwner(*f, who);
        if (b.contains("owner") && b["owner"].is_number_integer()) owner = UserId(b["owner"].get<std::int64_t>());
        LocalDate deadline = routes->findings.today() + routes->defaultDeadlineDays;
        if (b.contains("deadline")) {
            auto d = LocalDate::parse(text(b, "deadline"));
            if (!d) return std::unexpected(badRequest("deadline must be YYYY-MM-DD", "deadline"));
            deadline = *d;
        }
        return one(routes->findings.confirm(who, *id, reason, owner, deadline), wire::caseView);
    });

    add.add(Verb::get, "/cases", [routes](http::RequestContext& ctx, const Viewer& who, const Body&) -> Result<json> {
        std::optional<CaseState> state;
        if (auto s = ctx.queryValue("state")) {
            state = parseCaseState(*s);
            if (!state) return std::unexpected(badRequest("state must be open, in_progress or closed", "state"));
        }
        return listOf(routes->findings.cases(who, state), wire::caseView);
    });
    add.add(Verb::get, "/cases/{id}", [routes](http::RequestContext& ctx, const Viewer& who, const Body&) -> Result<json> {
        auto id = idFrom<CaseId>(ctx.param("id"), "id");
        if (!id) return std::unexpected(id.error());
        return one(routes->findings.caseById(who, *id), wire::caseView);
    });
    add.add(Verb::post, "/cases/{id}/update", [routes](http::RequestContext& ctx, const Viewer& who, const Body& b) -> Result<json> {
        auto id = idFrom<CaseId>(ctx.param("id"), "id");
        if (!id) return std::unexpected(id.error());
        return one(routes->findings.startCase(who, *id, text(b, "note")), wire::caseView);
    });
    add.add(Verb::post, "/cases/{id}/close", [routes](http::RequestContext& ctx, const Viewer& who, const Body& b) -> Result<json> {
        auto id = idFrom<CaseId>(ctx.param("id"), "id");
        if (!id) return std::unexpected(id.error());
        return one(routes->findings.closeCase(who, *id, text(b, "resolution")), wire::caseView);
    });

    add.add(Verb::get, "/warnings", [routes](auto&, const Viewer&, const Body&) {
        return listOf(routes->findings.warningLists(), wire::warningList);
    });
    add.add(Verb::get, "/warnings/{id}", [routes](http::RequestContext& ctx, const Viewer&, const Body&) -> Result<json> {
        auto id = idFrom<WarningListId>(ctx.param("id"), "id");
        if (!id) return std::unexpected(id.error());
        return one(routes->findings.warningList(*id), wire::warningList);
    });
    add.add(Verb::post, "/warnings", [routes](auto&, const Viewer& who, const Body& b) -> Result<json> {
        std::optional<LocalDate> from, to;
        if (const auto period = text(b, "period"); !period.empty()) {  // "YYYY-MM": the whole month
            from = LocalDate::parse(period + "-01");
            if (from) to = LocalDate(from->month() == 12 ? from->year() + 1 : from->year(), from->month() % 12 + 1, 1) - 1;
        } else {
            from = LocalDate::parse(text(b, "from"));
            to = LocalDate::parse(text(b, "to"));
        }
        if (!from || !to) return std::unexpected(badRequest("give period YYYY-MM, or from and to as YYYY-MM-DD", "period"));
        std::string title = text(b, "title");
        if (title.empty()) title = "Spot-check warnings " + from->toString() + " .. " + to->toString();
        return one(routes->findings.publishWarningList(who, *from, *to, title), wire::warningList);
    }, http::Status::created);
}

}  // namespace rollcall::spotcheck
