#include "rollcall/http/Router.hpp"

#include <spdlog/spdlog.h>

#include <exception>

namespace rollcall::http {
namespace {

std::vector<std::string> splitPath(std::string_view path) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < path.size()) {
        if (path[i] == '/') { ++i; continue; }
        const auto next = path.find('/', i);
        out.emplace_back(path.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i));
        if (next == std::string_view::npos) break;
        i = next;
    }
    return out;
}

}  // namespace

void Router::add(Verb method, std::string pattern, Handler handler) {
    auto segments = splitPath(pattern);
    routes_.push_back(Route{method, std::move(pattern), std::move(segments), std::move(handler)});
}

bool Router::match(const Route& route, const std::vector<std::string>& segments,
                   std::map<std::string, std::string>& params) {
    if (route.segments.size() != segments.size()) return false;
    std::map<std::string, std::string> found;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const auto& want = route.segments[i];
        if (want.size() > 2 && want.front() == '{' && want.back() == '}') {
            found[want.substr(1, want.size() - 2)] = segments[i];
        } else if (want != segments[i]) {
            return false;
        }
    }
    params = std::move(found);
    return true;
}

Response Router::dispatch(const Request& request, std::string remoteAddress) {
    const auto started = std::chrono::steady_clock::now();
    const std::string_view target(request.target().data(), request.target().size());
    const auto q = target.find('?');
    auto decodedPath = percentDecode(target.substr(0, q));
    std::string routeName = "unmatched";
    Response res;
    if (!decodedPath || decodedPath->find('\0') != std::string::npos) {
        res = errorResponse(Status::bad_request, "bad_request", "the request path is not valid");
    } else {
        RequestContext ctx{request, *decodedPath, {}, q == std::string_view::npos ? std::map<std::string, std::string>{}
                                                                                  : parseQuery(target.substr(q + 1)),
                           std::move(remoteAddress)};
        const auto segments = splitPath(ctx.path);
        const Route* chosen = nullptr;
        std::string allow;
        // A literal segment beats a {parameter}: "/leave/balances" wins over "/leave/{id}".
        for (const auto& route : routes_) {
            std::map<std::string, std::string> params;
            if (!match(route, segments, params)) continue;
            const bool sameMethod = route.method == request.method() ||
                                    (request.method() == Verb::head && route.method == Verb::get);
            if (sameMethod) {
                if (!chosen || params.size() < ctx.params.size()) {
                    chosen = &route;
                    ctx.params = std::move(params);
                }
                continue;
            }
            if (!allow.empty()) allow += ", ";
            allow += std::string(bhttp::to_string(route.method));
        }
        try {
            if (chosen) {
                routeName = chosen->pattern;
                res = chosen->handler(ctx);
            } else if (!allow.empty()) {
                res = errorResponse(Status::method_not_allowed, "method_not_allowed",
                                    "this path does not accept " + std::string(request.method_string()));
                res.set(bhttp::field::allow, allow);
            } else if (fallback_ && !ctx.path.starts_with("/api/")) {
                routeName = "static";
                res = fallback_(ctx);
            } else {
                res = errorResponse(Status::not_found, "not_found", "no such endpoint: " + ctx.path);
            }
        } catch (const std::exception& e) {
            spdlog::error("handler for {} {} failed: {}", std::string(request.method_string()), ctx.path, e.what());
            res = errorResponse(Status::internal_server_error, "internal", "the server could not complete the request");
        }
    }
    const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    metrics_.record(std::string_view(request.method_string().data(), request.method_string().size()), routeName,
                    res.result_int(), elapsed);
    return res;
}

std::vector<RouteInfo> Router::routes() const {
    std::vector<RouteInfo> out;
    out.reserve(routes_.size());
    for (const auto& r : routes_) out.push_back(RouteInfo{r.method, r.pattern});
    return out;
}

}  // namespace rollcall::http
