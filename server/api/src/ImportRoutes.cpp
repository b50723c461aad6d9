// CSV import and export. An import with any bad line changes nothing and lists every bad
// line by number; ?dry_run=1 checks a file without keeping it.
#include <regex>

#include "Routes.hpp"
#include "rollcall/audit/AuditLog.hpp"
#include "rollcall/services/ScheduleService.hpp"
#include "rollcall/store/OrganisationCsv.hpp"

namespace rollcall::api {

using http::Status;
using http::Verb;
using auth::Role;

namespace {

// "... line 3: why; line 5: why" -> [{line: 3, message: why}, ...]
nlohmann::json lineErrors(const std::string& message) {
    nlohmann::json out = nlohmann::json::array();
    static const std::regex item(R"(line (\d+): (.*?)(?=; line \d+: |$))");
    for (auto it = std::sregex_iterator(message.begin(), message.end(), item); it != std::sregex_iterator(); ++it) {
        out.push_back({{"line", std::stoi((*it)[1].str())}, {"message", (*it)[2].str()}});
    }
    return out;
}

struct Kind {
    std::string name;
    std::function<Result<store::ImportReport>(store::Store&, std::string_view)> import;
    std::function<Result<std::string>(store::OrganisationCsv&)> exportCsv;  // empty: no export
};

const std::vector<Kind>& kinds() {
    using store::OrganisationCsv;
    static const std::vector<Kind> all{
        {"departments", [](auto& s, auto csv) { return OrganisationCsv(s).importDepartments(csv); },
         [](auto& c) { return c.exportDepartments(); }},
        {"posts", [](auto& s, auto csv) { return OrganisationCsv(s).importPosts(csv); }, [](auto& c) { return c.exportPosts(); }},
        {"employees", [](auto& s, auto csv) { return OrganisationCsv(s).importEmployees(csv); },
         [](auto& c) { return c.exportEmployees(); }},
        // The calendar (workdays, holidays, make-up workdays; docs/calendar-format.md) replaces
        // the years it covers and queues past days for re-evaluation.
        {"calendar",
         [](store::Store& s, std::string_view csv) -> Result<store::ImportReport> {
             auto n = services::ScheduleService(s).importCalendar(csv, Instant::now());
             if (!n) return std::unexpected(n.error());
             return store::ImportReport{*n, 0};
         },
         {}},
    };
    return all;
}

const Kind* findKind(const std::string& name) {
    for (const auto& k : kinds()) {
        if (k.name == name) return &k;
    }
    return nullptr;
}

http::Response unknownKind(const std::string& name) {
    std::string known;
    for (const auto& k : kinds()) known += (known.empty() ? "" : ", ") + k.name;
    return http::errorResponse(Status::not_found, "import.kind", "unknown kind '" + name + "' (known: " + known + ")", "kind");
}

}  // namespace

void addImportRoutes(ApiContext& api) {
    api.add(Verb::post, "/import/{kind}", {Role::Admin, Role::Hr}, [&api](http::RequestContext& ctx, const Caller& caller) {
        const Kind* kind = findKind(ctx.param("kind"));
        if (!kind) return unknownKind(ctx.param("kind"));
        const auto& csv = ctx.request.body();
        if (csv.empty()) return http::errorResponse(Status::bad_request, "request.empty", "the CSV body is empty");
        if (csv.size() > api.options.maxImportBytes) {
            return http::errorResponse(Status::payload_too_large, "too_large", "the CSV file is too large");
        }
        const auto dry = ctx.queryValue("dry_run");
        const bool dryRun = dry && (*dry == "1" || *dry == "true");
        store::ImportReport report;
        // A dry run is a real import rolled back at the end, so it checks exactly what an import would.
        auto r = api.store.write([&](sqlite::Database& db) -> Result<store::ImportReport> {
            auto rep = kind->import(api.store, csv);
            if (!rep) return rep;
            report = *rep;
            if (dryRun) return fail("import.dry_run", "dry run");
            auto e = audit::AuditLog(db).append({caller.name(), "import." + kind->name, "import/" + kind->name, nullptr,
                                                 {{"inserted", rep->inserted}, {"updated", rep->updated}, {"bytes", csv.size()}},
                                                 ctx.remoteAddress});
            if (!e) return std::unexpected(e.error());
            return rep;
        });
        if (!r && r.error().code != "import.dry_run") {
            if (r.error().code == "csv.invalid") {
                nlohmann::json body{{"error", r.error().code}, {"message", r.error().message},
                                    {"field", r.error().field ? nlohmann::json(*r.error().field) : nlohmann::json()},
                                    {"errors", lineErrors(r.error().message)}};
                return http::jsonResponse(Status::unprocessable_entity, body);
            }
            return fromError(r.error());
        }
        return http::jsonResponse(Status::ok, {{"kind", kind->name},
                                               {"dryRun", dryRun},
                                               {"inserted", report.inserted},
                                               {"updated", report.updated},
                                               {"imported", report.inserted + report.updated}});
    });

    api.add(Verb::get, "/export/{kind}", {Role::Admin, Role::Hr}, [&api](http::RequestContext& ctx, const Caller&) {
        const Kind* kind = findKind(ctx.param("kind"));
        if (!kind || !kind->exportCsv) return unknownKind(ctx.param("kind"));
        store::OrganisationCsv exporter(api.store);
        auto csv = kind->exportCsv(exporter);
        if (!csv) return fromError(csv.error());
        auto res = http::textResponse(Status::ok, std::move(*csv), "text/csv; charset=utf-8");
        res.set(http::bhttp::field::content_disposition, "attachment; filename=\"" + kind->name + ".csv\"");
        return res;
    });
}

}  // namespace rollcall::api
