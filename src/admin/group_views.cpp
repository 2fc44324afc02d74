// Django's GroupAdmin: list with search, add, change (name and permissions), delete with
// confirmation (one or many), history.
#include "admin/group_views.hpp"

#include "admin/change_message.hpp"
#include "admin/changelist_query.hpp"
#include "admin/form_support.hpp"
#include "admin/user_views.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <sstream>

namespace gatehouse::admin {
namespace {

constexpr std::int64_t per_page = 100;

std::string group_url(std::int64_t id, std::string_view page = "change/") {
    return "/admin/auth/group/" + std::to_string(id) + "/" + std::string(page);
}

store::LogEntryInput log_entry(const AdminRequest& request, std::int64_t id, const std::string& name,
                               store::AdminAction action, std::string message) {
    return log_entry_for(request, "group", id, name, action, std::move(message));
}

struct GroupForm {
    std::string name;
    std::vector<std::int64_t> permission_ids;
};

boost::json::object form_page_data(AdminRequest& request, const GroupForm& form, const boost::json::object& errors,
                                   std::optional<store::Group> stored, bool read_only) {
    boost::json::object data{{"title", stored ? (read_only ? "View group" : "Change group") : "Add group"},
                             {"body_class", stored ? "change" : "add"}};
    data["breadcrumbs"] = breadcrumbs({{"Authentication and Authorization", "/admin/auth/"},
                                       {"Groups", "/admin/auth/group/"},
                                       {stored ? stored->name : std::string("Add group"), ""}});
    data["name"] = form.name;
    data["permission_options"] = permission_options(request.store().permissions().all(), form.permission_ids);
    data["errors"] = errors;
    data["has_errors"] = !errors.empty();
    data["read_only"] = read_only;
    if (stored) {
        data["object_name"] = stored->name;
        data["action_url"] = group_url(stored->id);
        data["history_url"] = group_url(stored->id, "history/");
        if (request.permissions.group.remove) data["delete_url"] = group_url(stored->id, "delete/");
    } else {
        data["action_url"] = "/admin/auth/group/add/";
    }
    return data;
}

// Validates the submitted form; errors go into `errors`.
GroupForm read_form(AdminRequest& request, std::optional<std::int64_t> self, const std::vector<std::int64_t>& before,
                    boost::json::object& errors) {
    GroupForm form;
    form.name = stripped(request.form.get("name"));
    bool bad_choice = false;
    form.permission_ids = request.form.get_ids("permissions", &bad_choice);
    if (form.name.empty()) add_error(errors, "name", "This field is required.");
    else if (form.name.size() > 150) add_error(errors, "name", "Ensure this value has at most 150 characters.");
    else if (auto existing = request.store().groups().find_by_name(form.name); existing && (!self || *existing != *self)) {
        add_error(errors, "name", "Group with this Name already exists.");
    }
    auto all = request.store().permissions().all();
    for (std::int64_t id : form.permission_ids) {
        auto found = std::find_if(all.begin(), all.end(), [id](const store::Permission& p) { return p.id == id; });
        if (found == all.end()) {
            bad_choice = true;
            continue;
        }
        // A non-superuser cannot put into a group a permission they do not hold.
        const bool new_choice = !std::binary_search(before.begin(), before.end(), id);
        if (new_choice && !request.permissions.has(found->app_label + "." + found->codename)) {
            add_error(errors, "permissions", "You cannot grant a permission you do not hold: " + permission_label(*found) + ".");
        }
    }
    if (bad_choice) add_error(errors, "permissions", "Select a valid choice. That choice is not one of the available choices.");
    return form;
}

http::Response after_save(AdminRequest& request, std::int64_t id, const std::string& name, bool added) {
    const std::string verb = added ? " was added successfully." : " was changed successfully.";
    if (request.form.has("_continue")) {
        request.flash("success", "The group " + quoted(name) + verb.substr(0, verb.size() - 1) + ". You may edit it again below.");
        return redirect(request, group_url(id));
    }
    if (request.form.has("_addanother")) {
        request.flash("success", "The group " + quoted(name) + verb.substr(0, verb.size() - 1) + ". You may add another group below.");
        return redirect(request, "/admin/auth/group/add/");
    }
    request.flash("success", "The group " + quoted(name) + verb);
    return redirect(request, "/admin/auth/group/");
}

struct GroupDeletion {
    std::vector<store::Group> groups;
    store::GroupDeletionSummary summary;
};

GroupDeletion plan_deletion(AdminRequest& request, const std::vector<std::int64_t>& ids) {
    GroupDeletion plan;
    std::vector<std::int64_t> found;
    for (std::int64_t id : ids) {
        if (auto group = request.store().groups().find(id)) {
            found.push_back(id);
            plan.groups.push_back(std::move(*group));
        }
    }
    if (!found.empty()) plan.summary = request.store().groups().deletion_summary(found);
    return plan;
}

std::int64_t delete_groups(AdminRequest& request, const GroupDeletion& plan) {
    std::vector<std::int64_t> ids;
    std::vector<store::LogEntryInput> logs;
    for (const store::Group& group : plan.groups) {
        ids.push_back(group.id);
        logs.push_back(log_entry(request, group.id, group.name, store::AdminAction::deletion, deletion_message()));
    }
    return request.store().groups().remove_logged(ids, logs);
}

boost::json::object deletion_data(const GroupDeletion& plan) {
    boost::json::array summary;
    auto add = [&summary](const char* label, std::int64_t count) {
        if (count > 0) summary.push_back({{"label", label}, {"count", count}});
    };
    add("Groups", plan.summary.groups);
    add("User-group relationships", plan.summary.member_links);
    add("Group-permission relationships", plan.summary.permission_links);
    boost::json::array objects;
    for (const store::Group& group : plan.groups) {
        objects.push_back({{"kind", "Group"}, {"label", group.name}, {"url", group_url(group.id)}});
    }
    return {{"title", "Are you sure?"}, {"body_class", "delete"}, {"summary", std::move(summary)},
            {"objects", std::move(objects)}, {"refused", false}};
}

http::Response bulk_delete(AdminRequest& request) {
    if (request.form.get("action") != "delete_selected" || !request.permissions.group.remove) return forbidden(request);
    std::vector<std::int64_t> ids = request.form.get_ids("_selected_action");
    if (ids.empty()) {
        request.flash("warning", "Items must be selected in order to perform actions on them. No items have been changed.");
        return redirect(request, "/admin/auth/group/");
    }
    GroupDeletion plan = plan_deletion(request, ids);
    if (request.form.get("post") == "yes" && !plan.groups.empty()) {
        std::int64_t deleted = delete_groups(request, plan);
        request.flash("success", "Successfully deleted " + std::to_string(deleted) + (deleted == 1 ? " group." : " groups."));
        return redirect(request, "/admin/auth/group/");
    }
    boost::json::object data = deletion_data(plan);
    data["breadcrumbs"] = breadcrumbs({{"Authentication and Authorization", "/admin/auth/"},
                                       {"Groups", "/admin/auth/group/"},
                                       {"Delete multiple objects", ""}});
    data["bulk"] = true;
    boost::json::array selected;
    for (const auto& group : plan.groups) selected.push_back(boost::json::value(std::to_string(group.id)));
    data["selected_ids"] = std::move(selected);
    data["cancel_url"] = "/admin/auth/group/";
    data["question"] = "Are you sure you want to delete the selected groups? All of the following objects and their related items will be deleted:";
    return render(request, "delete_confirmation", std::move(data));
}

}  // namespace

http::Response group_changelist_view(AdminRequest& request) {
    const ModelPermissions& permissions = request.permissions.group;
    if (!permissions.view) return forbidden(request);
    if (request.is_post()) return bulk_delete(request);
    ChangelistQuery query(request.query, {"q", "o", "p"});
    std::vector<std::string> terms;
    std::istringstream words(query.get("q"));
    for (std::string word; words >> word;) terms.push_back(word);
    const bool descending = query.get("o") == "-1";
    auto& groups = request.store().groups();
    const std::int64_t matching = groups.count_matching(terms);
    const std::int64_t pages = std::max<std::int64_t>(1, (matching + per_page - 1) / per_page);
    std::int64_t page = 1;
    if (auto values = FormData::parse("p=" + query.get("p")).get_ids("p"); !values.empty() && values.front() >= 1) {
        page = std::min(values.front(), pages);
    }
    boost::json::array rows;
    for (const store::Group& group : groups.search(terms, descending, (page - 1) * per_page, per_page)) {
        rows.push_back({{"id", group.id}, {"name", group.name}, {"url", group_url(group.id)}});
    }
    boost::json::array page_links;
    for (std::int64_t i = 1; pages > 1 && i <= pages; ++i) {
        page_links.push_back({{"number", i}, {"current", i == page}, {"url", query.with("p", std::to_string(i))}});
    }
    boost::json::object data{{"title", permissions.change ? "Select group to change" : "Select group to view"},
                             {"body_class", "changelist"}};
    data["breadcrumbs"] = breadcrumbs({{"Authentication and Authorization", "/admin/auth/"}, {"Groups", ""}});
    data["q"] = query.get("q");
    data["rows"] = std::move(rows);
    data["sort_url"] = query.with({{"o", descending ? "1" : "-1"}, {"p", std::nullopt}});
    data["sort_css"] = descending ? "sortable sorted descending" : "sortable sorted ascending";
    data["filtered"] = !terms.empty();
    data["matching_label"] = std::to_string(matching) + (matching == 1 ? " result" : " results");
    data["total"] = groups.count_matching({});
    data["count_label"] = std::to_string(matching) + (matching == 1 ? " group" : " groups");
    data["page_links"] = std::move(page_links);
    data["can_add"] = permissions.add;
    data["can_delete"] = permissions.remove;
    return render(request, "group_changelist", std::move(data));
}

http::Response group_add_view(AdminRequest& request) {
    if (!request.permissions.group.add) return forbidden(request);
    if (!request.is_post()) return render(request, "group_form", form_page_data(request, {}, {}, std::nullopt, false));
    boost::json::object errors;
    GroupForm form = read_form(request, std::nullopt, {}, errors);
    if (!errors.empty()) return render(request, "group_form", form_page_data(request, form, errors, std::nullopt, false));
    std::int64_t id = 0;
    try {
        id = request.store().groups().create_logged(
            form.name, form.permission_ids, log_entry(request, 0, form.name, store::AdminAction::addition, addition_message()));
    } catch (const store::DuplicateError&) {
        add_error(errors, "name", "Group with this Name already exists.");
        return render(request, "group_form", form_page_data(request, form, errors, std::nullopt, false));
    }
    return after_save(request, id, form.name, true);
}

http::Response group_object_redirect_view(AdminRequest& request) {
    return redirect(request, group_url(request.id.value_or(0)));
}

http::Response group_change_view(AdminRequest& request) {
    const ModelPermissions& permissions = request.permissions.group;
    if (!permissions.view) return forbidden(request);
    auto stored = request.id ? request.store().groups().find(*request.id) : std::nullopt;
    if (!stored) {
        request.flash("warning", "Group with ID " + quoted(std::to_string(request.id.value_or(0))) +
                                     " doesn’t exist. Perhaps it was deleted?");
        return redirect(request, "/admin/");
    }
    GroupForm before{stored->name, request.store().groups().permission_ids(stored->id)};
    if (!request.is_post()) {
        return render(request, "group_form", form_page_data(request, before, {}, stored, !permissions.change));
    }
    if (!permissions.change) return forbidden(request);
    boost::json::object errors;
    GroupForm after = read_form(request, stored->id, before.permission_ids, errors);
    if (!errors.empty()) return render(request, "group_form", form_page_data(request, after, errors, stored, false));
    std::vector<std::string> labels;
    for (const FormField& field : group_form_fields()) {
        if ((field.name == "name" && before.name != after.name) ||
            (field.name == "permissions" && before.permission_ids != after.permission_ids)) {
            labels.emplace_back(field.label);
        }
    }
    try {
        request.store().groups().update_logged(
            store::Group{stored->id, after.name}, after.permission_ids,
            log_entry(request, stored->id, after.name, store::AdminAction::change, change_message(labels)));
    } catch (const store::DuplicateError&) {
        add_error(errors, "name", "Group with this Name already exists.");
        return render(request, "group_form", form_page_data(request, after, errors, stored, false));
    }
    return after_save(request, stored->id, after.name, false);
}

http::Response group_delete_view(AdminRequest& request) {
    if (!request.permissions.group.remove) return forbidden(request);
    GroupDeletion plan = plan_deletion(request, {request.id.value_or(0)});
    if (plan.groups.empty()) {
        request.flash("warning", "Group with ID " + quoted(std::to_string(request.id.value_or(0))) +
                                     " doesn’t exist. Perhaps it was deleted?");
        return redirect(request, "/admin/");
    }
    const std::string name = plan.groups.front().name;
    if (request.is_post()) {
        delete_groups(request, plan);
        request.flash("success", "The group " + quoted(name) + " was deleted successfully.");
        return redirect(request, request.permissions.group.view ? "/admin/auth/group/" : "/admin/");
    }
    boost::json::object data = deletion_data(plan);
    data["breadcrumbs"] = breadcrumbs({{"Authentication and Authorization", "/admin/auth/"},
                                       {"Groups", "/admin/auth/group/"},
                                       {name, group_url(plan.groups.front().id)},
                                       {"Delete", ""}});
    data["cancel_url"] = group_url(plan.groups.front().id);
    data["question"] = "Are you sure you want to delete the group " + quoted(name) +
                       "? All of the following related items will be deleted:";
    return render(request, "delete_confirmation", std::move(data));
}

http::Response group_history_view(AdminRequest& request) {
    if (!request.permissions.group.view) return forbidden(request);
    auto group = request.id ? request.store().groups().find(*request.id) : std::nullopt;
    if (!group) return not_found(request);
    return history_page(request, "group", "Groups", group->name);
}

}  // namespace gatehouse::admin
