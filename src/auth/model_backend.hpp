#pragma once
// Django's ModelBackend.authenticate: the user whose password matches, if active. Unknown
// users still cost one hash (the dummy check), inactive ones are refused only after their
// password is checked, so timing tells neither apart; an outdated hash is upgraded on a
// successful check, as Django's check_password setter does. Slow on purpose: call it off
// the I/O threads.
#include "auth/hashers.hpp"
#include "store/store.hpp"

#include <optional>
#include <string_view>

namespace gatehouse::auth {

std::optional<store::User> authenticate(store::UserRepository& users, const PasswordHasher& hasher,
                                        std::string_view username, std::string_view password);

}  // namespace gatehouse::auth
