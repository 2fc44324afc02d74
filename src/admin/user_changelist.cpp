// The user changelist (Django's UserAdmin list_display, search_fields, list_filter and
// ordering) and its "Delete selected users" action.
#include "admin/changelist_query.hpp"
#include "admin/form_support.hpp"
#include "admin/user_deletion.hpp"
#include "admin/user_views.hpp"

#include <boost/json/array.hpp>

#include <sstream>

namespace gatehouse::admin {
namespace {

constexpr std::int64_t per_page = 100;     // Django's list_per_page
constexpr std::int64_t max_show_all = 200;  // Django's list_max_show_all

struct Column {
    const char* field;
    const char* label;
    store::UserQuery::OrderBy order;
};
constexpr Column columns[] = {
    {"username", "Username", store::UserQuery::OrderBy::username},
    {"email", "Email address", store::UserQuery::OrderBy::email},
    {"first_name", "First name", store::UserQuery::OrderBy::first_name},
    {"last_name", "Last name", store::UserQuery::OrderBy::last_name},
    {"is_staff", "Staff status", store::UserQuery::OrderBy::is_staff},
};
constexpr int column_count = sizeof columns / sizeof columns[0];

// Django's search: the query split on whitespace, every term must match.
std::vector<std::string> search_terms(const std::string& q) {
    std::vector<std::string> terms;
    std::istringstream words(q);
    for (std::string word; words >> word;) terms.push_back(word);
    return terms;
}

std::optional<bool> flag_filter(const ChangelistQuery& query, std::string_view name) {
    std::string value = query.get(name);
    if (value == "1" || value == "True") return true;
    if (value == "0" || value == "False") return false;
    return std::nullopt;
}

// Django's ?o=N / ?o=-N (1-based column index).
std::pair<int, bool> ordering(const ChangelistQuery& query) {
    std::string o = query.get("o");
    bool descending = !o.empty() && o[0] == '-';
    std::string digits = descending ? o.substr(1) : o;
    if (digits.size() == 1 && digits[0] >= '1' && digits[0] < '1' + column_count) return {digits[0] - '0', descending};
    return {0, false};
}

boost::json::object flag_filter_block(const ChangelistQuery& query, const char* title, const char* param) {
    auto current = flag_filter(query, param);
    boost::json::array choices;
    choices.push_back({{"label", "All"}, {"url", query.with({{param, std::nullopt}, {"p", std::nullopt}})}, {"selected", !current}});
    choices.push_back({{"label", "Yes"}, {"url", query.with({{param, "1"}, {"p", std::nullopt}})}, {"selected", current == true}});
    choices.push_back({{"label", "No"}, {"url", query.with({{param, "0"}, {"p", std::nullopt}})}, {"selected", current == false}});
    return {{"title", title}, {"choices", std::move(choices)}};
}

http::Response confirm_bulk_delete(AdminRequest& request, const std::vector<std::int64_t>& ids) {
    UserDeletionPlan plan = plan_user_deletion(request, ids);
    if (request.form.get("post") == "yes" && !plan.users.empty()) {
        if (!plan.refusals.empty()) return forbidden(request);
        std::int64_t deleted = delete_users(request, plan.users);
        request.flash("success", "Successfully deleted " + std::to_string(deleted) + (deleted == 1 ? " user." : " users."));
        return redirect(request, "/admin/auth/user/");
    }
    boost::json::object data = deletion_page_data(plan);
    data["title"] = "Are you sure?";
    data["body_class"] = "delete";
    data["breadcrumbs"] = breadcrumbs({{"Authentication and Authorization", "/admin/auth/"},
                                       {"Users", "/admin/auth/user/"},
                                       {"Delete multiple objects", ""}});
    data["bulk"] = true;
    boost::json::array selected;
    for (const store::User& user : plan.users) selected.push_back(boost::json::value(std::to_string(user.id)));
    data["selected_ids"] = std::move(selected);
    data["cancel_url"] = "/admin/auth/user/";
    data["question"] = "Are you sure you want to delete the selected users? All of the following objects and their related items will be deleted:";
    return render(request, "delete_confirmation", std::move(data));
}

http::Response run_action(AdminRequest& request) {
    std::string action = request.form.get("action");
    std::vector<std::int64_t> ids = request.form.get_ids("_selected_action");
    if (action.empty()) {
        request.flash("warning", "No action selected.");
        return redirect(request, "/admin/auth/user/");
    }
    if (action != "delete_selected") return forbidden(request);
    if (!request.permissions.user.remove) return forbidden(request);
    if (ids.empty()) {
        request.flash("warning", "Items must be selected in order to perform actions on them. No items have been changed.");
        return redirect(request, "/admin/auth/user/");
    }
    return confirm_bulk_delete(request, ids);
}

}  // namespace

http::Response user_changelist_view(AdminRequest& request) {
    const ModelPermissions& permissions = request.permissions.user;
    if (!permissions.view) return forbidden(request);
    if (request.is_post()) return run_action(request);

    ChangelistQuery query(request.query, {"q", "is_staff__exact", "is_superuser__exact", "is_active__exact",
                                          "groups__id__exact", "o", "p", "all"});
    store::UserQuery search;
    search.terms = search_terms(query.get("q"));
    search.is_staff = flag_filter(query, "is_staff__exact");
    search.is_superuser = flag_filter(query, "is_superuser__exact");
    search.is_active = flag_filter(query, "is_active__exact");
    std::vector<store::Group> groups = request.store().groups().all_ordered_by_name();
    std::optional<std::int64_t> group_filter;
    if (std::string group = query.get("groups__id__exact"); !group.empty()) {
        FormData parsed = FormData::parse("g=" + group);
        auto ids = parsed.get_ids("g");
        group_filter = ids.empty() ? std::int64_t{-1} : ids.front();
        search.group_id = group_filter;
    }
    auto [order_column, descending] = ordering(query);
    if (order_column > 0) {
        search.order_by = columns[order_column - 1].order;
        search.descending = descending;
    }

    // Count first, so a page beyond the last shows the last one.
    store::UserQuery counting = search;
    counting.limit = 0;
    const std::int64_t matching = request.store().users().search(counting).matching;
    const bool show_all = query.has("all") && matching <= max_show_all;
    const std::int64_t pages = std::max<std::int64_t>(1, (matching + per_page - 1) / per_page);
    std::int64_t page = 1;
    if (std::string p = query.get("p"); !p.empty()) {
        FormData parsed = FormData::parse("p=" + p);
        auto values = parsed.get_ids("p");
        if (!values.empty() && values.front() >= 1) page = std::min(values.front(), pages);
    }
    search.offset = show_all ? 0 : (page - 1) * per_page;
    search.limit = show_all ? -1 : per_page;
    store::UserPage result = request.store().users().search(search);
    const std::int64_t total = request.store().users().count();

    boost::json::array headers;
    for (int i = 0; i < column_count; ++i) {
        const int index = i + 1;
        const bool sorted = order_column == index;
        std::string next = sorted && !descending ? "-" + std::to_string(index) : std::to_string(index);
        headers.push_back({{"label", columns[i].label},
                           {"url", query.with({{"o", next}, {"p", std::nullopt}})},
                           {"sorted", sorted},
                           {"css", sorted ? (descending ? "sortable sorted descending" : "sortable sorted ascending") : "sortable"}});
    }
    boost::json::array rows;
    const auto system_user = request.site.app.settings.system_user_id;
    for (const store::User& user : result.users) {
        rows.push_back({{"id", user.id},
                        {"url", "/admin/auth/user/" + std::to_string(user.id) + "/change/"},
                        {"username", user.username},
                        {"email", user.email},
                        {"first_name", user.first_name},
                        {"last_name", user.last_name},
                        {"is_staff", user.is_staff},
                        {"is_system_user", system_user && *system_user == user.id}});
    }
    boost::json::array filters;
    filters.push_back(flag_filter_block(query, "By staff status", "is_staff__exact"));
    filters.push_back(flag_filter_block(query, "By superuser status", "is_superuser__exact"));
    filters.push_back(flag_filter_block(query, "By active", "is_active__exact"));
    boost::json::array group_choices;
    group_choices.push_back({{"label", "All"}, {"url", query.with({{"groups__id__exact", std::nullopt}, {"p", std::nullopt}})},
                             {"selected", !group_filter}});
    for (const store::Group& group : groups) {
        group_choices.push_back({{"label", group.name},
                                 {"url", query.with({{"groups__id__exact", std::to_string(group.id)}, {"p", std::nullopt}})},
                                 {"selected", group_filter == group.id}});
    }
    filters.push_back({{"title", "By groups"}, {"choices", std::move(group_choices)}});

    boost::json::array page_links;
    if (!show_all && pages > 1) {
        for (std::int64_t i = 1; i <= pages; ++i) {
            // Django elides long runs: first two, last two, and three either side of this page.
            if (pages > 10 && i > 2 && i < pages - 1 && (i < page - 3 || i > page + 3)) {
                if (page_links.empty() || !page_links.back().as_object().contains("ellipsis")) {
                    page_links.push_back(boost::json::object{{"ellipsis", true}});
                }
                continue;
            }
            page_links.push_back({{"number", i}, {"current", i == page}, {"url", query.with("p", std::to_string(i))}});
        }
    }
    const bool filtered = !search.terms.empty() || search.is_staff || search.is_superuser || search.is_active || group_filter;

    boost::json::object data{{"title", "Select user to change"}, {"body_class", "changelist"}};
    if (!permissions.change) data["title"] = "Select user to view";
    data["breadcrumbs"] = breadcrumbs({{"Authentication and Authorization", "/admin/auth/"}, {"Users", ""}});
    data["q"] = query.get("q");
    data["headers"] = std::move(headers);
    data["rows"] = std::move(rows);
    data["filters"] = std::move(filters);
    data["filtered"] = filtered;
    data["matching"] = matching;
    data["matching_label"] = std::to_string(matching) + (matching == 1 ? " result" : " results");
    data["total"] = total;
    data["count_label"] = std::to_string(matching) + (matching == 1 ? " user" : " users");
    data["page_links"] = std::move(page_links);
    data["can_show_all"] = !show_all && matching > per_page && matching <= max_show_all;
    data["show_all_url"] = query.with({{"all", ""}, {"p", std::nullopt}});
    data["can_add"] = permissions.add && permissions.change;
    data["can_delete"] = permissions.remove;
    data["page_size"] = static_cast<std::int64_t>(result.users.size());
    data["hidden_filters"] = boost::json::array{};
    for (const char* name : {"is_staff__exact", "is_superuser__exact", "is_active__exact", "groups__id__exact", "o"}) {
        if (query.has(name)) data["hidden_filters"].as_array().push_back({{"name", name}, {"value", query.get(name)}});
    }
    return render(request, "user_changelist", std::move(data));
}

}  // namespace gatehouse::admin
