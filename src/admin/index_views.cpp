#include "admin/index_views.hpp"

#include <boost/json/array.hpp>

namespace gatehouse::admin {
namespace {

boost::json::object model_row(std::string_view name, std::string_view url, const ModelPermissions& permissions) {
    boost::json::object row{{"name", name}, {"url", url}};
    if (permissions.add) row["add_url"] = std::string(url) + "add/";
    row["change_label"] = permissions.change ? "Change" : "View";
    return row;
}

// The apps and models the user may see, as Django's AdminSite.get_app_list.
boost::json::array app_list(const AdminPermissions& permissions) {
    boost::json::array apps;
    boost::json::array auth_models;
    if (permissions.group.any()) auth_models.push_back(model_row("Groups", "/admin/auth/group/", permissions.group));
    if (permissions.user.any()) auth_models.push_back(model_row("Users", "/admin/auth/user/", permissions.user));
    if (!auth_models.empty()) {
        apps.push_back({{"name", "Authentication and Authorization"}, {"url", "/admin/auth/"}, {"models", auth_models}});
    }
    if (permissions.log_entry.view) {
        ModelPermissions view_only{.view = true};
        apps.push_back({{"name", "Administration"},
                        {"url", "/admin/admin/logentry/"},
                        {"models", boost::json::array{model_row("Log entries", "/admin/admin/logentry/", view_only)}}});
    }
    return apps;
}

boost::json::array recent_actions(AdminRequest& request) {
    boost::json::array actions;
    store::Store& store = request.store();
    for (const store::LogEntry& entry : store.admin_log().recent_for_user(request.user().id, 10)) {
        static constexpr const char* classes[] = {"", "addlink", "changelink", "deletelink"};
        boost::json::object action{{"repr", entry.object_repr},
                                   {"css_class", classes[static_cast<int>(entry.action) & 3]}};
        std::string model_name;
        if (entry.content_type_id) {
            if (auto type = store.admin_log().content_type(*entry.content_type_id)) {
                model_name = type->second;
                if (!model_name.empty()) model_name[0] = static_cast<char>(std::toupper(model_name[0]));
                const bool linkable = type->first == "auth" && (type->second == "user" || type->second == "group");
                if (entry.action != store::AdminAction::deletion && linkable && entry.object_id) {
                    action["url"] = "/admin/auth/" + type->second + "/" + *entry.object_id + "/change/";
                }
            }
        }
        action["model"] = model_name.empty() ? "Unknown content" : model_name;
        actions.push_back(std::move(action));
    }
    return actions;
}

}  // namespace

http::Response index_view(AdminRequest& request) {
    boost::json::array apps = app_list(request.permissions);
    boost::json::array actions = recent_actions(request);
    boost::json::object data{{"title", "Site administration"}, {"body_class", "index"}, {"show_recent", true}};
    data["has_apps"] = !apps.empty();
    data["apps"] = std::move(apps);
    data["has_actions"] = !actions.empty();
    data["actions"] = std::move(actions);
    return render(request, "index", std::move(data));
}

http::Response app_index_view(AdminRequest& request) {
    boost::json::array apps;
    for (auto& app : app_list(request.permissions)) {
        if (app.as_object()["url"] == "/admin/auth/") apps.push_back(app);
    }
    if (apps.empty()) return forbidden(request);
    boost::json::object data{{"title", "Authentication and Authorization administration"},
                             {"body_class", "app-auth"},
                             {"breadcrumbs", breadcrumbs({{"Authentication and Authorization", ""}})},
                             {"has_apps", true},
                             {"apps", std::move(apps)}};
    return render(request, "index", std::move(data));
}

}  // namespace gatehouse::admin
