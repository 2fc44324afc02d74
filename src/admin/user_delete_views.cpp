// Deleting one user, and the history of one user.
#include "admin/change_message.hpp"
#include "admin/form_support.hpp"
#include "admin/user_deletion.hpp"
#include "admin/user_views.hpp"

#include <boost/json/array.hpp>

namespace gatehouse::admin {

http::Response user_delete_view(AdminRequest& request) {
    if (!request.permissions.user.remove) return forbidden(request);
    if (!request.id) return not_found(request);
    UserDeletionPlan plan = plan_user_deletion(request, {*request.id});
    if (plan.users.empty()) {
        request.flash("warning", "User with ID " + quoted(std::to_string(*request.id)) + " doesn’t exist. Perhaps it was deleted?");
        return redirect(request, "/admin/");
    }
    const std::string name = plan.users.front().username;
    if (request.is_post()) {
        if (!plan.refusals.empty()) return forbidden(request);
        delete_users(request, plan.users);
        request.flash("success", "The user " + quoted(name) + " was deleted successfully.");
        return redirect(request, request.permissions.user.view ? "/admin/auth/user/" : "/admin/");
    }
    boost::json::object data = deletion_page_data(plan);
    data["title"] = "Are you sure?";
    data["body_class"] = "delete";
    data["breadcrumbs"] = breadcrumbs({{"Authentication and Authorization", "/admin/auth/"},
                                       {"Users", "/admin/auth/user/"},
                                       {name, "/admin/auth/user/" + std::to_string(*request.id) + "/change/"},
                                       {"Delete", ""}});
    data["cancel_url"] = "/admin/auth/user/" + std::to_string(*request.id) + "/change/";
    data["question"] = "Are you sure you want to delete the user " + quoted(name) +
                       "? All of the following related items will be deleted:";
    return render(request, "delete_confirmation", std::move(data));
}

// Django's history_view, shared by users and groups: the object's log entries, oldest first.
http::Response history_page(AdminRequest& request, std::string_view model, std::string_view model_plural,
                            const std::string& object_name) {
    boost::json::array rows;
    auto& store = request.store();
    for (const store::LogEntry& entry : store.admin_log().for_object("auth", model, std::to_string(*request.id))) {
        std::string actor = "(deleted user)";
        if (auto user = store.users().find_by_id(entry.user_id)) {
            actor = user->username;
            std::string full = user->first_name + (user->first_name.empty() || user->last_name.empty() ? "" : " ") + user->last_name;
            if (!full.empty()) actor += " (" + full + ")";
        }
        rows.push_back({{"when", format_datetime(entry.action_time)},
                        {"actor", actor},
                        {"action", render_change_message(entry.change_message)}});
    }
    const std::string base = "/admin/auth/" + std::string(model) + "/";
    boost::json::object data{{"title", "Change history: " + object_name}, {"body_class", "history"}};
    data["breadcrumbs"] = breadcrumbs({{"Authentication and Authorization", "/admin/auth/"},
                                       {std::string(model_plural), base},
                                       {object_name, base + std::to_string(*request.id) + "/change/"},
                                       {"History", ""}});
    data["has_rows"] = !rows.empty();
    data["rows"] = std::move(rows);
    return render(request, "history", std::move(data));
}

http::Response user_history_view(AdminRequest& request) {
    if (!request.permissions.user.view) return forbidden(request);
    auto user = request.id ? request.store().users().find_by_id(*request.id) : std::nullopt;
    if (!user) return not_found(request);
    return history_page(request, "user", "Users", user->username);
}

}  // namespace gatehouse::admin
