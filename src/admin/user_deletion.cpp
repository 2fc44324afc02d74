#include "admin/user_deletion.hpp"

#include "admin/change_message.hpp"
#include "admin/form_support.hpp"

#include <boost/json/array.hpp>

namespace gatehouse::admin {

bool may_manage(const AdminRequest& request, const store::User& target) {
    return request.permissions.superuser || !target.is_superuser;
}

UserDeletionPlan plan_user_deletion(AdminRequest& request, const std::vector<store::UserId>& ids) {
    UserDeletionPlan plan;
    auto& users = request.store().users();
    const auto system_user = request.site.app.settings.system_user_id;
    std::vector<store::UserId> found_ids;
    for (store::UserId id : ids) {
        auto user = users.find_by_id(id);
        if (!user) continue;
        if (system_user && *system_user == user->id) {
            plan.refusals.push_back("The user " + quoted(user->username) +
                                    " is the system user (SYSTEM_USER_ID) and cannot be deleted.");
        } else if (!may_manage(request, *user)) {
            plan.refusals.push_back("Only a superuser may delete the superuser " + quoted(user->username) + ".");
        }
        found_ids.push_back(user->id);
        plan.users.push_back(std::move(*user));
    }
    if (!found_ids.empty()) plan.summary = users.deletion_summary(found_ids);
    return plan;
}

std::int64_t delete_users(AdminRequest& request, const std::vector<store::User>& users) {
    std::vector<store::UserId> ids;
    std::vector<store::LogEntryInput> logs;
    for (const store::User& user : users) {
        ids.push_back(user.id);
        logs.push_back(log_entry_for(request, "user", user.id, user.username, store::AdminAction::deletion,
                                     deletion_message()));
    }
    std::int64_t deleted = request.store().users().remove_logged(ids, logs);
    // remove_logged ends their sessions with them.
    return deleted;
}

boost::json::object deletion_page_data(const UserDeletionPlan& plan) {
    boost::json::array summary;
    auto add = [&summary](const char* label, std::int64_t count) {
        if (count > 0) summary.push_back({{"label", label}, {"count", count}});
    };
    add("Users", plan.summary.users);
    add("User-group relationships", plan.summary.group_links);
    add("User-permission relationships", plan.summary.permission_links);
    add("Log entries", plan.summary.log_entries);
    boost::json::array objects;
    for (const store::User& user : plan.users) {
        objects.push_back({{"kind", "User"}, {"label", user.username}, {"url", "/admin/auth/user/" + std::to_string(user.id) + "/change/"}});
    }
    boost::json::array refusals;
    for (const std::string& refusal : plan.refusals) refusals.push_back(boost::json::value(refusal));
    return {{"summary", std::move(summary)},
            {"objects", std::move(objects)},
            {"refusals", std::move(refusals)},
            {"refused", !plan.refusals.empty()}};
}

}  // namespace gatehouse::admin
