#pragma once
// Maps (method, path pattern) to a handler. Patterns are literal segments and {name}
// parameters, e.g. "/api/v1/leave/{id}/approve". A path that matches a pattern under another
// method gets 405 with Allow; an unmatched path goes to the fallback (static files), else 404.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "rollcall/http/Message.hpp"
#include "rollcall/http/RequestContext.hpp"
#include "rollcall/http/RequestMetrics.hpp"

namespace rollcall::http {

using Handler = std::function<Response(RequestContext&)>;

struct RouteInfo {
    Verb method;
    std::string pattern;
};

class Router {
public:
    void add(Verb method, std::string pattern, Handler handler);
    void setFallback(Handler handler) { fallback_ = std::move(handler); }

    // Never throws: a handler's exception becomes a 500 JSON error.
    Response dispatch(const Request& request, std::string remoteAddress);

    [[nodiscard]] std::vector<RouteInfo> routes() const;
    [[nodiscard]] RequestMetrics& metrics() { return metrics_; }
    [[nodiscard]] const RequestMetrics& metrics() const { return metrics_; }

private:
    struct Route {
        Verb method;
        std::string pattern;
        std::vector<std::string> segments;
        Handler handler;
    };
    static bool match(const Route& route, const std::vector<std::string>& segments,
                      std::map<std::string, std::string>& params);

    std::vector<Route> routes_;
    Handler fallback_;
    RequestMetrics metrics_;
};

}  // namespace rollcall::http
