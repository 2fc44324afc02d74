#include "admin/cookies.hpp"

namespace gatehouse::admin {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
    std::optional<std::string> found;
    while (!header.empty()) {
        auto end = header.find(';');
        std::string_view pair = trim(header.substr(0, end));
        header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
        auto equals = pair.find('=');
        if (equals == std::string_view::npos) continue;
        if (trim(pair.substr(0, equals)) != name) continue;
        if (found) return std::nullopt;
        std::string_view value = trim(pair.substr(equals + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
        found = std::string(value);
    }
    return found;
}

std::string set_cookie(std::string_view name, std::string_view value, const CookieOptions& options) {
    std::string cookie = std::string(name) + "=" + std::string(value) + "; Path=/; SameSite=Lax";
    if (options.http_only) cookie += "; HttpOnly";
    if (options.secure) cookie += "; Secure";
    if (options.max_age) cookie += "; Max-Age=" + std::to_string(*options.max_age);
    return cookie;
}

std::string delete_cookie(std::string_view name, bool secure) {
    std::string cookie = std::string(name) + "=; Path=/; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
    if (secure) cookie += "; Secure";
    return cookie;
}

}  // namespace gatehouse::admin
