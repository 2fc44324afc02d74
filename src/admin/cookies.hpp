#pragma once
// Cookie header parsing and Set-Cookie building for the admin's session and CSRF cookies.
#include <optional>
#include <string>
#include <string_view>

namespace gatehouse::admin {

// The value of cookie `name` in a Cookie request header; nullopt when absent or repeated
// (a repeated name is ambiguous: someone may have planted one for a parent domain).
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

struct CookieOptions {
    bool http_only = true;
    bool secure = false;              // set when the admin is served over HTTPS
    std::optional<long> max_age;      // seconds; nullopt: a browser-session cookie
};

// "name=value; Path=/; SameSite=Lax; HttpOnly[; Secure][; Max-Age=n]".
std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& options);
// Expires the cookie at once.
std::string delete_cookie(std::string_view name, bool secure);

}  // namespace gatehouse::admin
