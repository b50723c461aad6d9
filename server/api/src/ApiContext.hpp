#pragma once
// What every route needs: the store, options, and helpers to authenticate, authorise,
// audit and register endpoints. Routes are declared with the roles that may call them;
// the scope inside a role (own records, own department) is checked by the handler.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rollcall/api/AnswerCache.hpp"
#include "Caller.hpp"
#include "DayRecordFragments.hpp"
#include "rollcall/api/Api.hpp"
#include "rollcall/http/Router.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::api {

using Roles = std::vector<auth::Role>;  // empty: any signed-in account
using Fn = std::function<http::Response(http::RequestContext&, const Caller&)>;

class ApiContext {
public:
    ApiContext(store::Store& store, ApiOptions options, http::Router& router)
        : store(store),
          options(std::move(options)),
          answers({this->options.answerCacheEntries, this->options.answerCacheBytes}),
          dayRecordFragments(kDayRecordFragmentBytes),
          router_(router) {}

    void add(http::Verb method, std::string pattern, Roles roles, Fn fn);
    void addPublic(http::Verb method, std::string pattern, http::Handler fn);

    // Appends an audit entry in its own (or the caller's open) write transaction.
    void audit(const std::string& actor, const std::string& remote, const std::string& action,
               const std::string& target, const nlohmann::json& before, const nlohmann::json& after);
    // 403 with the reason, and an audit entry "denied".
    http::Response deny(const Caller& caller, const http::RequestContext& ctx, const std::string& reason);

    // Authenticates the request; nullopt when there is no valid session.
    Result<std::optional<Caller>> authenticate(const http::RequestContext& ctx);

    // Departments (ids) whose people the caller may act on as approver; empty when none,
    // nullopt when all (leadership).
    Result<std::optional<std::set<std::int64_t>>> approverScope(const Caller& caller);

    // May `caller` see or act on `employee`'s records? Themself; HR and administrators (and
    // inspectors when `reading`); approvers for people in their departments.
    Result<bool> mayAccess(const Caller& caller, EmployeeId employee, bool reading);

    store::Store& store;
    ApiOptions options;
    AnswerCache answers;  // frequent reads' finished answers (CachedRead.hpp)
    // Single day records' JSON, so that re-reading an answer renders only what changed.
    static constexpr std::size_t kDayRecordFragmentBytes = 32u << 20;
    DayRecordFragments dayRecordFragments;

private:
    http::Router& router_;
};

std::string sessionCookieName();
http::Response fromError(const Error& error);
// A positive integer id from a path or query value: digits only, at most 18 of them.
std::optional<std::int64_t> positiveId(const std::string& text);
// 400 request.id naming the field that is not such an id.
http::Response badIdResponse(const std::string& field);
nlohmann::json accountJson(const auth::Account& account, const std::set<auth::Role>& roles);

}  // namespace rollcall::api
