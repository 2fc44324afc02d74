#include "http/router.hpp"

#include "auth/authentication_failed.hpp"
#include "http/api_error.hpp"
#include "store/store.hpp"
#include "store/types.hpp"

#include <boost/json/object.hpp>

#include <algorithm>
#include <charconv>
#include <iostream>

namespace gatehouse::http {
namespace {

std::optional<std::int64_t> parse_id_segment(std::string_view segment) {
    if (segment.empty() || segment.size() > 10) return std::nullopt;
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(segment.data(), segment.data() + segment.size(), value);
    if (error != std::errc() || end != segment.data() + segment.size()) return std::nullopt;
    if (value < 0 || value > 2147483647) return std::nullopt;
    return value;
}

bool allows(const Route& route, Verb verb) {
    for (Verb allowed : route.methods) {
        if (allowed == verb || (allowed == Verb::get && verb == Verb::head)) return true;
    }
    return false;
}

std::string make_allow_header(const Route& route) {
    std::string allow;
    for (Verb verb : route.methods) {
        if (!allow.empty()) allow += ", ";
        allow += std::string(beast_http::to_string(verb));
        if (verb == Verb::get) allow += ", HEAD";
    }
    return allow + ", OPTIONS";
}

Response method_not_allowed(const Request& request, const Route& route) {
    std::string method(request.method_string());
    Response response = detail_response(Status::method_not_allowed, "Method \"" + method + "\" not allowed.",
                                         request.version());
    response.set(beast_http::field::allow, route.allow);
    return response;
}

// The anonymous caller's 401, the same for every protected path.
Response credentials_not_provided(unsigned version) {
    static const auth::AuthenticationFailure not_provided{"Authentication credentials were not provided."};
    return unauthorized_response(not_provided, version);
}

}  // namespace

Router::Router(Authenticator authenticator, std::string protected_prefix)
    : authenticator_(std::move(authenticator)), protected_prefix_(std::move(protected_prefix)) {}

void Router::add(Route route) {
    route.allow = make_allow_header(route);
    routes_.push_back(std::move(route));
}

Router::Match Router::match(std::string_view path) const {
    for (const Route& route : routes_) {
        std::string_view pattern = route.pattern;
        std::string_view rest = path;
        std::optional<std::int64_t> id;
        bool matched = true;
        while (!pattern.empty() || !rest.empty()) {
            auto pattern_end = pattern.find('/');
            auto rest_end = rest.find('/');
            std::string_view want = pattern.substr(0, pattern_end);
            std::string_view have = rest.substr(0, rest_end);
            if ((pattern_end == std::string_view::npos) != (rest_end == std::string_view::npos)) {
                matched = false;
                break;
            }
            if (want == "{id}") {
                id = parse_id_segment(have);
                if (!id) { matched = false; break; }
            } else if (want != have) {
                matched = false;
                break;
            }
            if (pattern_end == std::string_view::npos) break;
            pattern.remove_prefix(pattern_end + 1);
            rest.remove_prefix(rest_end + 1);
        }
        if (matched) return {&route, id};
    }
    return {};
}

Router::Match Router::route(const Request& request) const { return match(target_path(request.target())); }

Execution Router::execution_for(const Request& request, const Match& found) const {
    if (found.route && allows(*found.route, request.method())) return found.route->execution;
    return Execution::io_thread;
}

Response Router::dispatch(const Request& request, const Match& found, std::string_view peer) const {
    std::string_view path = target_path(request.target());
    const bool protected_path = path.rfind(protected_prefix_, 0) == 0;

    // Authenticate before anything else is revealed about a protected path: an anonymous
    // caller learns neither which paths exist nor which methods they take.
    std::optional<store::User> user;
    if (!found.route || found.route->access == Access::authenticated) {
        if (protected_path || found.route) {
            auth::AuthenticationResult result = authenticator_(request);
            if (result.refusal) return unauthorized_response(*result.refusal, request.version());
            if (!result.user) return credentials_not_provided(request.version());
            user = std::move(result.user);
        }
    }

    if (!found.route) {
        // Django's APPEND_SLASH: a GET for a known path without its trailing slash.
        if ((request.method() == Verb::get || request.method() == Verb::head) && !path.empty() && path.back() != '/') {
            std::string with_slash = std::string(path) + "/";
            if (match(with_slash).route) {
                std::string_view target = request.target();
                std::string location = with_slash + std::string(target.substr(path.size()));
                Response response{Status::moved_permanently, request.version()};
                response.set(beast_http::field::location, location);
                response.prepare_payload();
                return response;
            }
        }
        throw ApiError::not_found();
    }
    if (request.method() == Verb::options) {
        Response response = json_response(Status::ok, boost::json::object{}, request.version());
        response.set(beast_http::field::allow, found.route->allow);
        return response;
    }
    if (!allows(*found.route, request.method())) return method_not_allowed(request, *found.route);

    RequestContext context{request, found.id, user ? &*user : nullptr, peer};
    Response response = found.route->handler(context);
    response.set(beast_http::field::allow, found.route->allow);
    return response;
}

Response Router::handle(const Request& request, const Match& found, std::string_view peer) const {
    Response response;
    try {
        response = dispatch(request, found, peer);
    } catch (const ApiError& error) {
        response = error.to_response(request.version());
    } catch (const auth::AuthenticationFailed& error) {
        response = unauthorized_response(error.failure(), request.version());
    } catch (const store::StoreError& error) {
        std::cerr << "gatehouse: database error: " << error.what() << std::endl;
        response = detail_response(Status::service_unavailable, "The database is unavailable; try again shortly.",
                                   request.version());
        response.set(beast_http::field::retry_after, "1");
    } catch (const std::exception& error) {
        std::cerr << "gatehouse: internal error: " << error.what() << std::endl;
        response = detail_response(Status::internal_server_error, "A server error occurred.", request.version());
    }
    if (request.method() == Verb::head) {
        // Same headers as GET, no body.
        auto length = response.body().size();
        response.body().clear();
        response.content_length(length);
    }
    return response;
}

}  // namespace gatehouse::http
