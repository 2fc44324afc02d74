#pragma once
// Django's username rules: UnicodeUsernameValidator (^[\w.@+-]+\Z) and max_length 150.
#include <optional>
#include <string>
#include <string_view>

namespace gatehouse::auth {

// Django's message for the first rule the username breaks, or nullopt when it is valid.
std::optional<std::string> username_error(std::string_view username);

}  // namespace gatehouse::auth
