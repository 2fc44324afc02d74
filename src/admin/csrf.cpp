#include "admin/csrf.hpp"

#include "admin/cookies.hpp"
#include "auth/hashers/encoding.hpp"

#include <boost/url/parse.hpp>

#include <algorithm>

namespace gatehouse::admin {
namespace {

bool well_formed(std::string_view token) {
    return token.size() == csrf_token_length &&
           std::all_of(token.begin(), token.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

// "scheme://host[:port]" of a URL, lower-cased scheme and host, or nullopt.
std::optional<std::string> origin_of(std::string_view url) {
    auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed || !parsed->has_authority()) return std::nullopt;
    std::string origin = std::string(parsed->scheme()) + "://" + std::string(parsed->encoded_host_and_port());
    std::transform(origin.begin(), origin.end(), origin.begin(), [](unsigned char c) { return std::tolower(c); });
    return origin;
}

}  // namespace

std::string new_csrf_token() { return auth::hashers::random_string(csrf_token_length); }

std::optional<std::string> csrf_cookie(const http::Request& request) {
    auto value = cookie_value(request[http::beast_http::field::cookie], csrf_cookie_name);
    if (!value || !well_formed(*value)) return std::nullopt;
    return value;
}

std::optional<std::string> csrf_failure(const http::Request& request, std::string_view form_token, bool https) {
    std::string host(request[http::beast_http::field::host]);
    std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
    const std::string expected_origin = std::string(https ? "https://" : "http://") + host;

    // Same-origin first, as Django 4: a browser sends Origin with every POST; Referer is the
    // fallback for older ones. A POST with neither is refused: we cannot tell where it came from.
    std::string_view origin = request[http::beast_http::field::origin];
    std::string_view referer = request[http::beast_http::field::referer];
    if (!origin.empty()) {
        auto normalized = origin_of(origin);
        if (host.empty() || !normalized || *normalized != expected_origin) {
            return "Origin checking failed - " + std::string(origin) + " does not match any trusted origins.";
        }
    } else if (!referer.empty()) {
        auto normalized = origin_of(referer);
        if (!normalized) return std::string("Referer checking failed - Referer is malformed.");
        if (host.empty() || *normalized != expected_origin) {
            return "Referer checking failed - " + std::string(referer) + " does not match any trusted origins.";
        }
    } else {
        return std::string("Referer checking failed - no Referer.");
    }

    auto cookie = csrf_cookie(request);
    if (!cookie) return std::string("CSRF cookie not set.");
    std::string_view presented = form_token;
    if (presented.empty()) presented = request["X-CSRFToken"];
    if (presented.empty()) return std::string("CSRF token missing.");
    if (!auth::hashers::constant_time_equals(presented, *cookie)) return std::string("CSRF token incorrect.");
    return std::nullopt;
}

}  // namespace gatehouse::admin
