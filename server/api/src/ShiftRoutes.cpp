// Shifts: everyone signed in reads them; HR and administrators create, replace and import
// them. A changed shift re-judges the past days (up to a year) of everyone rostered on it.
#include "Routes.hpp"
#include "ScheduleJson.hpp"
#include "rollcall/audit/AuditLog.hpp"
#include "rollcall/store/DirtyDayRepository.hpp"
#include "rollcall/store/ScheduleCsv.hpp"
#include "rollcall/store/ScheduleRepository.hpp"

namespace rollcall::api {

using http::Status;
using http::Verb;
using auth::Role;

namespace {

// Queues the past days of everyone whose roster works `shift`, inside the caller's transaction.
rollcall::Status queueShiftUsers(store::Store& store, ShiftId shift, Instant now) {
    auto users = store::ScheduleRepository(store).assignmentsUsing(shift);
    if (!users) return std::unexpected(users.error());
    const LocalDate today = store.timeZone().toLocal(now).date();
    for (const auto& s : *users) {
        const auto& a = s.assignment;
        const LocalDate last = std::min(today, a.to.value_or(today));
        const LocalDate first = std::max(a.from, today - 366);
        if (first > last) continue;
        if (auto st = store::DirtyDayRepository(store).mark(a.employee, first, last, "shift changed", now); !st) return st;
    }
    return {};
}

http::Response notFound(const std::string& id) {
    return http::errorResponse(Status::not_found, "shift.not_found", "no shift " + id, "id");
}

}  // namespace

void addShiftRoutes(ApiContext& api) {
    api.add(Verb::get, "/shifts", {}, [&api](http::RequestContext&, const Caller&) {
        auto list = store::ScheduleRepository(api.store).shifts();
        if (!list) return fromError(list.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& s : *list) items.push_back(toJson(s));
        return http::jsonResponse(Status::ok, {{"items", items}});
    });

    api.add(Verb::get, "/shifts/{id}", {}, [&api](http::RequestContext& ctx, const Caller&) {
        auto id = positiveId(ctx.param("id"));
        if (!id) return badIdResponse("id");
        auto s = store::ScheduleRepository(api.store).shift(ShiftId(*id));
        if (!s) return fromError(s.error());
        if (!*s) return notFound(ctx.param("id"));
        return http::jsonResponse(Status::ok, toJson(**s));
    });

    api.add(Verb::post, "/shifts", {Role::Admin, Role::Hr}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto form = shiftFormFromJson(ctx.request);
        if (!form) return fromError(form.error());
        auto shift = form->build();
        if (!shift) return fromError(shift.error());
        store::ScheduleRepository repo(api.store);
        auto r = api.store.write([&](sqlite::Database& db) -> Result<rules::Shift> {
            auto clash = repo.shiftByName(shift->name);
            if (!clash) return std::unexpected(clash.error());
            if (*clash) return fail("shift.exists", "a shift named '" + shift->name + "' exists (id " +
                                                        std::to_string((*clash)->id.value()) + ")", "name");
            auto id = repo.saveShift(*shift);
            if (!id) return std::unexpected(id.error());
            shift->id = *id;
            auto e = audit::AuditLog(db).append({caller.name(), "shift.create", "shift/" + std::to_string(id->value()), nullptr,
                                                 toJson(*shift), ctx.remoteAddress});
            if (!e) return std::unexpected(e.error());
            return *shift;
        });
        if (!r) return fromError(r.error());
        return http::jsonResponse(Status::created, toJson(*r));
    });

    api.add(Verb::put, "/shifts/{id}", {Role::Admin, Role::Hr}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto id = positiveId(ctx.param("id"));
        if (!id) return badIdResponse("id");
        auto form = shiftFormFromJson(ctx.request);
        if (!form) return fromError(form.error());
        form->id = ShiftId(*id);
        auto shift = form->build();
        if (!shift) return fromError(shift.error());
        store::ScheduleRepository repo(api.store);
        auto r = api.store.write([&](sqlite::Database& db) -> Result<rules::Shift> {
            auto before = repo.shift(ShiftId(*id));
            if (!before) return std::unexpected(before.error());
            if (!*before) return fail("shift.not_found", "no shift " + ctx.param("id"), "id");
            auto clash = repo.shiftByName(shift->name);
            if (!clash) return std::unexpected(clash.error());
            if (*clash && (*clash)->id != shift->id) return fail("shift.exists", "a shift named '" + shift->name + "' exists", "name");
            if (auto saved = repo.saveShift(*shift); !saved) return std::unexpected(saved.error());
            if (auto q = queueShiftUsers(api.store, shift->id, Instant::now()); !q) return std::unexpected(q.error());
            auto e = audit::AuditLog(db).append({caller.name(), "shift.update", "shift/" + ctx.param("id"), toJson(**before),
                                                 toJson(*shift), ctx.remoteAddress});
            if (!e) return std::unexpected(e.error());
            return *shift;
        });
        if (!r) return fromError(r.error());
        return http::jsonResponse(Status::ok, toJson(*r));
    });

    // CSV (store/ScheduleCsv.hpp): every line checked first; any bad line imports nothing.
    api.add(Verb::post, "/shifts/import", {Role::Admin, Role::Hr}, [&api](http::RequestContext& ctx, const Caller& caller) {
        if (auto problem = csvBodyProblem(ctx, api.options.maxImportBytes)) return *problem;
        const bool dry = dryRun(ctx);
        store::ScheduleRepository repo(api.store);
        nlohmann::json names = nlohmann::json::array();
        int inserted = 0, updated = 0;
        auto r = api.store.write([&](sqlite::Database& db) -> rollcall::Status {
            auto lines = store::ScheduleCsv(api.store).readShifts(ctx.request.body());
            if (!lines) return std::unexpected(lines.error());
            nlohmann::json before = nlohmann::json::array();
            nlohmann::json after = nlohmann::json::array();
            for (const auto& line : *lines) {
                auto shift = line.form.build();
                if (!shift) return std::unexpected(shift.error());
                if (line.replaces) {
                    auto old = repo.shift(shift->id);
                    if (!old) return std::unexpected(old.error());
                    if (*old) before.push_back(toJson(**old));
                }
                auto id = repo.saveShift(*shift);
                if (!id) return std::unexpected(id.error());
                shift->id = *id;
                if (line.replaces) {
                    if (auto q = queueShiftUsers(api.store, *id, Instant::now()); !q) return q;
                }
                (line.replaces ? updated : inserted) += 1;
                names.push_back(shift->name);
                after.push_back(toJson(*shift));
            }
            if (dry) return fail("import.dry_run", "dry run");
            auto e = audit::AuditLog(db).append({caller.name(), "shift.import", "shifts", before, after, ctx.remoteAddress});
            if (!e) return std::unexpected(e.error());
            return {};
        });
        if (!r && r.error().code != "import.dry_run") return importRejected(r.error());
        return http::jsonResponse(Status::ok, {{"kind", "shifts"}, {"dryRun", dry}, {"inserted", inserted}, {"updated", updated},
                                               {"imported", inserted + updated}, {"names", names}});
    });
}

}  // namespace rollcall::api
