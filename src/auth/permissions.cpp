#include "auth/permissions.hpp"

namespace gatehouse::auth {

bool has_perm(const store::User& user, std::string_view permission, store::UserRepository& users) {
    if (!user.is_active) return false;
    if (user.is_superuser) return true;
    return users.has_permission(user.id, permission);
}

}  // namespace gatehouse::auth
