#include "admin/permissions.hpp"

#include <algorithm>

namespace gatehouse::admin {
namespace {

ModelPermissions model_permissions(const AdminPermissions& permissions, std::string_view app_label,
                                   std::string_view model) {
    auto has = [&](std::string_view action) {
        return permissions.has(std::string(app_label) + "." + std::string(action) + "_" + std::string(model));
    };
    ModelPermissions out;
    out.change = has("change");
    out.view = out.change || has("view");
    out.add = has("add");
    out.remove = has("delete");
    return out;
}

}  // namespace

bool AdminPermissions::has(std::string_view permission) const {
    return superuser || std::binary_search(held.begin(), held.end(), permission);
}

AdminPermissions admin_permissions_of(const store::User& user, store::UserRepository& users) {
    AdminPermissions permissions;
    if (!user.is_active) return permissions;
    permissions.superuser = user.is_superuser;
    if (!permissions.superuser) {
        permissions.held = users.permissions(user.id);
        std::sort(permissions.held.begin(), permissions.held.end());
    }
    permissions.user = model_permissions(permissions, "auth", "user");
    permissions.group = model_permissions(permissions, "auth", "group");
    permissions.log_entry = model_permissions(permissions, "admin", "logentry");
    return permissions;
}

}  // namespace gatehouse::admin
