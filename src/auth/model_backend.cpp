#include "auth/model_backend.hpp"

namespace gatehouse::auth {

std::optional<store::User> authenticate(store::UserRepository& users, const PasswordHasher& hasher,
                                        std::string_view username, std::string_view password) {
    auto user = users.find_by_username(username);
    if (!user) {
        hasher.run_dummy_check(password);
        return std::nullopt;
    }
    PasswordCheck check = hasher.check_password(password, user->password);
    // Django checks the password before is_active, so both refusals cost one hash.
    if (!check.matches || !user->is_active) return std::nullopt;
    if (check.needs_rehash) {
        user->password = hasher.make_password(password);
        users.set_password(user->id, user->password);
    }
    return user;
}

}  // namespace gatehouse::auth
