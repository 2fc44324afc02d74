#pragma once
// What a staff user may see and do in the admin, from Django's model permissions:
// view_/add_/change_/delete_ for each model; change implies view (Django 2.1+); active
// superusers may do everything.
#include "store/store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gatehouse::admin {

struct ModelPermissions {
    bool view = false;
    bool add = false;
    bool change = false;
    bool remove = false;  // delete_
    bool any() const { return view || add || change || remove; }
};

struct AdminPermissions {
    bool superuser = false;
    ModelPermissions user, group, log_entry;
    std::vector<std::string> held;  // "app_label.codename", sorted; empty for superusers

    // Django's user.has_perm("auth.add_user").
    bool has(std::string_view app_label_dot_codename) const;
    bool any_module() const { return user.any() || group.any() || log_entry.any(); }
};

AdminPermissions admin_permissions_of(const store::User& user, store::UserRepository& users);

}  // namespace gatehouse::admin
