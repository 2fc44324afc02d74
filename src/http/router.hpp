#pragma once
// Maps method + path to a handler. Deny by default: a route is authenticated unless it is
// declared public, and a path no route matches is a 401 for anonymous callers under the
// protected prefix, so a forgotten check fails closed.
#include "auth/authentication_failed.hpp"
#include "http/message.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace gatehouse::http {

// admin_session: the router does not authenticate; the admin site checks its own session
// cookie (and CSRF) for every such route but the login page.
enum class Access { public_route, authenticated, admin_session };
// Where the handler runs: on the I/O thread (fast, non-blocking work) or on the worker
// pool (password hashing), so a login never delays other requests.
enum class Execution { io_thread, worker_pool };

struct RequestContext {
    const Request& request;
    std::optional<std::int64_t> path_id;  // the {id} segment of the route, when it has one
    const store::User* user = nullptr;    // set for authenticated routes
    std::string_view peer = {};           // the client's address, as the socket sees it
};

using Handler = std::function<Response(RequestContext&)>;

// Turns the request's credentials into a user or a refusal (neither when the request
// carries no credentials at all).
using Authenticator = std::function<auth::AuthenticationResult(const Request&)>;

struct Route {
    // Literal path segments; "{id}" matches a decimal integer segment that fits in 31 bits
    // (Django's <int:pk> into an integer column).
    std::string pattern;
    std::vector<Verb> methods;  // GET implies HEAD, as in DRF
    Access access = Access::authenticated;
    Execution execution = Execution::io_thread;
    Handler handler;
    std::string allow = {};  // the Allow header, filled in by Router::add
};

class Router {
public:
    // `protected_prefix`: unknown paths below it answer 401 to anonymous callers.
    Router(Authenticator authenticator, std::string protected_prefix);

    void add(Route route);

    // The route a request goes to, found once and handed to execution_for() and handle().
    struct Match {
        const Route* route = nullptr;
        std::optional<std::int64_t> id;
    };
    Match route(const Request& request) const;

    // Where handle() must run for this request.
    Execution execution_for(const Request& request, const Match& match) const;
    Execution execution_for(const Request& request) const { return execution_for(request, route(request)); }

    // Never throws: every error becomes a response (ApiError as its body, anything
    // else as a 500 with a generic message and a log line).
    Response handle(const Request& request, const Match& match, std::string_view peer = {}) const;
    Response handle(const Request& request) const { return handle(request, route(request)); }

private:
    Match match(std::string_view path) const;
    Response dispatch(const Request& request, const Match& found, std::string_view peer) const;

    Authenticator authenticator_;
    std::string protected_prefix_;
    std::vector<Route> routes_;
};

}  // namespace gatehouse::http
