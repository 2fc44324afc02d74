#pragma once
// Django's messages framework, cookie storage: the message shown after a redirect ("The
// user “bob” was added successfully.") travels in a cookie signed with the secret key,
// so no one can make the admin display text of their choosing.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gatehouse::admin {

inline constexpr std::string_view flash_cookie_name = "messages";

struct Flash {
    std::string level;  // success, warning, error, info (the CSS class)
    std::string text;
};

std::string encode_flashes(const std::vector<Flash>& flashes, std::string_view secret_key);
// Empty for a missing, malformed or forged cookie.
std::vector<Flash> decode_flashes(std::string_view cookie_value, std::string_view secret_key);

}  // namespace gatehouse::admin
