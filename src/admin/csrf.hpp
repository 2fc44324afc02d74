#pragma once
// Django's CSRF protection for the admin's POSTs: a random secret in the `csrftoken`
// cookie that each form repeats in `csrfmiddlewaretoken` (or a script in X-CSRFToken),
// compared in constant time, plus a same-origin check of Origin or Referer. A cross-site
// page can make a browser POST with the cookie but cannot read it to fill in the field.
#include "http/message.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gatehouse::admin {

inline constexpr std::string_view csrf_cookie_name = "csrftoken";
inline constexpr std::string_view csrf_field_name = "csrfmiddlewaretoken";
inline constexpr std::size_t csrf_token_length = 32;  // Django's CSRF_SECRET_LENGTH

// A new token ([a-zA-Z0-9], 32 characters).
std::string new_csrf_token();

// The request's csrftoken cookie when it is well formed (else nullopt: a new one is due).
std::optional<std::string> csrf_cookie(const http::Request& request);

// Why a POST is refused, in Django's words, or nullopt when it passes. `form_token` is the
// submitted csrfmiddlewaretoken (empty when absent); `https` says how the admin is served.
std::optional<std::string> csrf_failure(const http::Request& request, std::string_view form_token, bool https);

}  // namespace gatehouse::admin
