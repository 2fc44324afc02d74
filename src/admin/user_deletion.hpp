#pragma once
// Deleting users from the admin, one (delete view) or many (the changelist's action):
// what would go with them, what may not be deleted, and the deletion with its log entries.
#include "admin/admin_site.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace gatehouse::admin {

struct UserDeletionPlan {
    std::vector<store::User> users;
    // Why some may not go: the system user; a superuser, for an actor who is not one.
    std::vector<std::string> refusals;
    store::UserDeletionSummary summary;
};

UserDeletionPlan plan_user_deletion(AdminRequest& request, const std::vector<store::UserId>& ids);

// Logs a deletion of each user (Django's log_deletion, written before the delete) and
// deletes them, in one transaction. Returns how many went.
std::int64_t delete_users(AdminRequest& request, const std::vector<store::User>& users);

// Template data for the confirmation page: summary and objects lists, refusals.
boost::json::object deletion_page_data(const UserDeletionPlan& plan);

// Whether the signed-in user may change or delete `target` at all: a superuser's account
// is only for superusers, or anyone with change_user could take it over by its password.
bool may_manage(const AdminRequest& request, const store::User& target);

}  // namespace gatehouse::admin
