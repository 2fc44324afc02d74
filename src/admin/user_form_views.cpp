// The user add form (two steps, as Django: username and password, then the change page),
// the change form, and the admin's password form for a user.
#include "admin/change_message.hpp"
#include "admin/form_support.hpp"
#include "admin/user_deletion.hpp"
#include "admin/user_views.hpp"
#include "auth/hashers.hpp"
#include "auth/password_validation.hpp"
#include "auth/username_validation.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

namespace gatehouse::admin {
namespace {

std::string user_url(store::UserId id, std::string_view page = "change/") {
    return "/admin/auth/user/" + std::to_string(id) + "/" + std::string(page);
}

boost::json::array to_json_list(const std::vector<std::string>& items) {
    boost::json::array list;
    for (const auto& item : items) list.push_back(boost::json::value(item));
    return list;
}

store::LogEntryInput log_entry(const AdminRequest& request, const store::User& target, store::AdminAction action,
                               std::string message) {
    return log_entry_for(request, "user", target.id, target.username, action, std::move(message));
}

bool is_system_user(const AdminRequest& request, store::UserId id) {
    const auto& system_user = request.site.app.settings.system_user_id;
    return system_user && *system_user == id;
}

// The password fields of the add form and the admin's password form: Django's
// UserCreationForm / AdminPasswordChangeForm checks, errors on password2.
void check_new_password(const std::string& password1, const std::string& password2, const auth::UserAttributes& user,
                        boost::json::object& errors) {
    if (password1.empty()) add_error(errors, "password1", "This field is required.");
    if (password2.empty()) add_error(errors, "password2", "This field is required.");
    if (password1.empty() || password2.empty()) return;
    if (password1 != password2) return add_error(errors, "password2", "The two password fields didn’t match.");
    if (password2.size() > auth::max_password_bytes) return add_error(errors, "password2", "This password is too long.");
    for (std::string& problem : auth::validate_password(password2, user)) add_error(errors, "password2", std::move(problem));
}

boost::json::object password_help(boost::json::object data) {
    data["help_texts"] = to_json_list(auth::password_validators_help_texts());
    return data;
}

std::optional<std::string> username_problem(AdminRequest& request, const std::string& username,
                                            std::optional<store::UserId> self) {
    if (username.empty()) return "This field is required.";
    if (username.size() > 150) {
        return "Ensure this value has at most 150 characters (it has " + std::to_string(username.size()) + ").";
    }
    if (auto error = auth::username_error(username)) return error;
    auto existing = request.store().users().find_by_username(username);
    if (existing && (!self || existing->id != *self)) return "A user with that username already exists.";
    return std::nullopt;
}

std::optional<store::User> find_user(AdminRequest& request) {
    if (!request.id) return std::nullopt;
    return request.store().users().find_by_id(*request.id);
}

http::Response user_missing(AdminRequest& request) {
    // Django: back to the index with a message rather than a bare 404.
    request.flash("warning", "User with ID " + quoted(std::to_string(request.id.value_or(0))) +
                                 " doesn’t exist. Perhaps it was deleted?");
    return redirect(request, "/admin/");
}

// ----- the change form -----

struct UserForm {
    store::User user;
    store::UserRelations relations;
};

boost::json::object change_page_data(AdminRequest& request, const store::User& stored, const UserForm& form,
                                     const boost::json::object& errors, bool read_only) {
    auto& store = request.store();
    const store::User& user = form.user;
    boost::json::object data{{"title", read_only ? "View user" : "Change user"}, {"body_class", "change"}};
    data["breadcrumbs"] = breadcrumbs({{"Authentication and Authorization", "/admin/auth/"},
                                       {"Users", "/admin/auth/user/"},
                                       {stored.username, ""}});
    data["object_name"] = stored.username;
    data["id"] = stored.id;
    data["username"] = user.username;
    data["first_name"] = user.first_name;
    data["last_name"] = user.last_name;
    data["email"] = user.email;
    data["is_active"] = user.is_active;
    data["is_staff"] = user.is_staff;
    data["is_superuser"] = user.is_superuser;
    data["read_only"] = read_only;
    data["is_system_user"] = is_system_user(request, stored.id);
    data["may_grant_superuser"] = request.permissions.superuser;
    auth::HashSummary summary = auth::PasswordHasher::summarize(stored.password);
    boost::json::array fields;
    for (const auto& [label, value] : summary.fields) fields.push_back({{"label", label}, {"value", value}});
    data["password_fields"] = std::move(fields);
    if (!summary.message.empty()) data["password_message"] = summary.message;
    data["password_url"] = user_url(stored.id, "password/");
    data["history_url"] = user_url(stored.id, "history/");
    data["delete_url"] = user_url(stored.id, "delete/");
    data["can_delete"] = request.permissions.user.remove && !is_system_user(request, stored.id) && may_manage(request, stored);
    data["group_options"] = group_options(store.groups().all_ordered_by_name(), form.relations.group_ids);
    data["permission_options"] = permission_options(store.permissions().all(), form.relations.permission_ids);
    data["last_login"] = stored.last_login ? format_datetime(*stored.last_login) : std::string("None");
    data["date_joined"] = format_datetime(stored.date_joined);
    data["errors"] = errors;
    data["has_errors"] = !errors.empty();
    return data;
}

// Permissions a non-superuser would hand out that they do not hold themselves.
std::vector<std::string> ungrantable(AdminRequest& request, const store::UserRelations& before,
                                     const store::UserRelations& after) {
    std::vector<std::string> labels;
    if (request.permissions.superuser) return labels;
    auto all = request.store().permissions().all();
    auto held = [&](const store::Permission& permission) {
        return request.permissions.has(permission.app_label + "." + permission.codename);
    };
    auto label_of = [&](std::int64_t id) -> const store::Permission* {
        for (const auto& permission : all) {
            if (permission.id == id) return &permission;
        }
        return nullptr;
    };
    for (std::int64_t id : after.permission_ids) {
        if (std::binary_search(before.permission_ids.begin(), before.permission_ids.end(), id)) continue;
        if (const auto* permission = label_of(id); permission && !held(*permission)) labels.push_back(permission_label(*permission));
    }
    // Joining a group hands out the group's permissions too.
    for (std::int64_t group_id : after.group_ids) {
        if (std::binary_search(before.group_ids.begin(), before.group_ids.end(), group_id)) continue;
        for (std::int64_t id : request.store().groups().permission_ids(group_id)) {
            const auto* permission = label_of(id);
            if (permission && !held(*permission)) {
                auto group = request.store().groups().find(group_id);
                labels.push_back(permission_label(*permission) + " (through the group " +
                                 quoted(group ? group->name : std::to_string(group_id)) + ")");
            }
        }
    }
    return labels;
}

std::vector<std::string> changed_labels(const UserForm& before, const UserForm& after) {
    std::vector<std::string> labels;
    for (const FormField& field : user_change_form_fields()) {
        bool changed = false;
        if (field.name == "username") changed = before.user.username != after.user.username;
        else if (field.name == "first_name") changed = before.user.first_name != after.user.first_name;
        else if (field.name == "last_name") changed = before.user.last_name != after.user.last_name;
        else if (field.name == "email") changed = before.user.email != after.user.email;
        else if (field.name == "is_active") changed = before.user.is_active != after.user.is_active;
        else if (field.name == "is_staff") changed = before.user.is_staff != after.user.is_staff;
        else if (field.name == "is_superuser") changed = before.user.is_superuser != after.user.is_superuser;
        else if (field.name == "groups") changed = before.relations.group_ids != after.relations.group_ids;
        else if (field.name == "user_permissions") changed = before.relations.permission_ids != after.relations.permission_ids;
        if (changed) labels.emplace_back(field.label);
    }
    return labels;
}

}  // namespace

http::Response user_object_redirect_view(AdminRequest& request) {
    return redirect(request, user_url(request.id.value_or(0)));
}

http::Response user_add_view(AdminRequest& request) {
    // Django's UserAdmin.add_view: adding a user needs change permission too, so an add-only
    // user cannot make accounts whose rights they then could not see or limit.
    if (!request.permissions.user.add || !request.permissions.user.change) return forbidden(request);
    boost::json::object data = password_help({{"title", "Add user"}, {"body_class", "add"}});
    data["breadcrumbs"] = breadcrumbs({{"Authentication and Authorization", "/admin/auth/"},
                                       {"Users", "/admin/auth/user/"},
                                       {"Add user", ""}});
    if (!request.is_post()) return render(request, "user_add", std::move(data));

    std::string username = stripped(request.form.get("username"));
    std::string password1 = request.form.get("password1");
    std::string password2 = request.form.get("password2");
    boost::json::object errors;
    if (auto problem = username_problem(request, username, std::nullopt)) add_error(errors, "username", *problem);
    check_new_password(password1, password2, {username, "", "", ""}, errors);
    if (!errors.empty()) {
        data["username"] = username;
        data["errors"] = std::move(errors);
        data["has_errors"] = true;
        return render(request, "user_add", std::move(data));
    }
    store::NewUser user;
    user.username = username;
    user.password = request.site.app.hasher.make_password(password1);
    store::LogEntryInput log = log_entry(request, store::User{.username = username}, store::AdminAction::addition,
                                         addition_message());
    store::UserId id = 0;
    try {
        id = request.store().users().create_logged(user, log);
    } catch (const store::DuplicateError&) {
        add_error(errors, "username", "A user with that username already exists.");
        data["username"] = username;
        data["errors"] = std::move(errors);
        data["has_errors"] = true;
        return render(request, "user_add", std::move(data));
    }
    if (request.form.has("_addanother")) {
        request.flash("success", "The user " + quoted(username) + " was added successfully. You may add another user below.");
        return redirect(request, "/admin/auth/user/add/");
    }
    request.flash("success", "The user " + quoted(username) + " was added successfully. You may edit it again below.");
    return redirect(request, user_url(id));
}

http::Response user_change_view(AdminRequest& request) {
    const ModelPermissions& permissions = request.permissions.user;
    if (!permissions.view) return forbidden(request);
    auto stored = find_user(request);
    if (!stored) return user_missing(request);
    auto& users = request.store().users();
    UserForm before{*stored, users.relations(stored->id)};
    const bool read_only = !permissions.change || !may_manage(request, *stored);
    if (!request.is_post()) return render(request, "user_change", change_page_data(request, *stored, before, {}, read_only));
    if (read_only) return forbidden(request);

    UserForm after = before;
    after.user.username = stripped(request.form.get("username"));
    after.user.first_name = stripped(request.form.get("first_name"));
    after.user.last_name = stripped(request.form.get("last_name"));
    after.user.email = stripped(request.form.get("email"));
    // Unchecked boxes are absent from a form submission.
    after.user.is_active = request.form.has("is_active");
    after.user.is_staff = request.form.has("is_staff");
    after.user.is_superuser = request.form.has("is_superuser");
    bool bad_choice = false;
    after.relations.group_ids = request.form.get_ids("groups", &bad_choice);
    after.relations.permission_ids = request.form.get_ids("user_permissions", &bad_choice);

    boost::json::object errors;
    if (auto problem = username_problem(request, after.user.username, stored->id)) add_error(errors, "username", *problem);
    if (after.user.first_name.size() > 150) add_error(errors, "first_name", "Ensure this value has at most 150 characters.");
    if (after.user.last_name.size() > 150) add_error(errors, "last_name", "Ensure this value has at most 150 characters.");
    if (auto problem = email_error(after.user.email)) add_error(errors, "email", *problem);
    if (bad_choice) add_error(errors, "user_permissions", "Select a valid choice. That choice is not one of the available choices.");
    auto known = [](const std::vector<std::int64_t>& ids, auto&& items) {
        return std::all_of(ids.begin(), ids.end(), [&](std::int64_t id) {
            return std::any_of(items.begin(), items.end(), [&](const auto& item) { return item.id == id; });
        });
    };
    if (!known(after.relations.group_ids, request.store().groups().all_ordered_by_name())) {
        add_error(errors, "groups", "Select a valid choice. That choice is not one of the available choices.");
    }
    if (!known(after.relations.permission_ids, request.store().permissions().all())) {
        add_error(errors, "user_permissions", "Select a valid choice. That choice is not one of the available choices.");
    }
    if (is_system_user(request, stored->id) && !after.user.is_active) {
        add_error(errors, "is_active", "The system user (SYSTEM_USER_ID) cannot be deactivated.");
    }
    if (!request.permissions.superuser && after.user.is_superuser != before.user.is_superuser) {
        add_error(errors, "is_superuser", "Only a superuser may grant or remove superuser status.");
    }
    for (const std::string& label : ungrantable(request, before.relations, after.relations)) {
        add_error(errors, "user_permissions", "You cannot grant a permission you do not hold: " + label + ".");
    }
    if (!errors.empty()) return render(request, "user_change", change_page_data(request, *stored, after, errors, false));

    std::vector<std::string> labels = changed_labels(before, after);
    try {
        users.update_logged(after.user, after.relations,
                            log_entry(request, after.user, store::AdminAction::change, change_message(labels)));
    } catch (const store::DuplicateError&) {
        add_error(errors, "username", "A user with that username already exists.");
        return render(request, "user_change", change_page_data(request, *stored, after, errors, false));
    }
    // Deactivation and loss of staff status end the user's admin sessions at once (load()
    // would refuse them at their next request anyway; this also removes the rows).
    if (!after.user.is_active || !after.user.is_staff) request.site.sessions.end_all(stored->id);

    const std::string name = quoted(after.user.username);
    if (request.form.has("_continue")) {
        request.flash("success", "The user " + name + " was changed successfully. You may edit it again below.");
        return redirect(request, user_url(stored->id));
    }
    if (request.form.has("_addanother")) {
        request.flash("success", "The user " + name + " was changed successfully. You may add another user below.");
        return redirect(request, "/admin/auth/user/add/");
    }
    request.flash("success", "The user " + name + " was changed successfully.");
    return redirect(request, "/admin/auth/user/");
}

http::Response user_password_view(AdminRequest& request) {
    if (!request.permissions.user.change) return forbidden(request);
    auto target = find_user(request);
    if (!target) return user_missing(request);
    if (!may_manage(request, *target)) return forbidden(request);
    boost::json::object data = password_help({{"title", "Change password: " + target->username}, {"body_class", "change-password"}});
    data["breadcrumbs"] = breadcrumbs({{"Authentication and Authorization", "/admin/auth/"},
                                       {"Users", "/admin/auth/user/"},
                                       {target->username, user_url(target->id)},
                                       {"Change password", ""}});
    data["object_name"] = target->username;
    data["action_url"] = user_url(target->id, "password/");
    if (!request.is_post()) return render(request, "user_password", std::move(data));

    std::string password1 = request.form.get("password1");
    std::string password2 = request.form.get("password2");
    boost::json::object errors;
    check_new_password(password1, password2, {target->username, target->first_name, target->last_name, target->email}, errors);
    if (!errors.empty()) {
        data["errors"] = std::move(errors);
        data["has_errors"] = true;
        return render(request, "user_password", std::move(data));
    }
    std::string encoded = request.site.app.hasher.make_password(password1);
    request.store().users().set_password_logged(
        target->id, encoded, log_entry(request, *target, store::AdminAction::change, password_change_message()));
    // Every session of that user ends; an admin changing their own keeps this one.
    const bool own = target->id == request.user().id;
    request.site.sessions.password_changed(target->id, encoded, own ? request.session->key_hash : std::string());
    request.flash("success", "Password changed successfully.");
    return redirect(request, user_url(target->id));
}

}  // namespace gatehouse::admin
