#include "admin/log_entry_views.hpp"

#include "admin/change_message.hpp"
#include "admin/changelist_query.hpp"
#include "admin/form_support.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <map>

namespace gatehouse::admin {
namespace {

constexpr std::int64_t per_page = 100;

const char* action_label(store::AdminAction action) {
    switch (action) {
        case store::AdminAction::addition: return "Addition";
        case store::AdminAction::change: return "Change";
        case store::AdminAction::deletion: return "Deletion";
    }
    return "";
}

}  // namespace

http::Response log_entry_changelist_view(AdminRequest& request) {
    if (!request.permissions.log_entry.view) return forbidden(request);
    auto& log = request.store().admin_log();
    ChangelistQuery query(request.query, {"p"});
    const std::int64_t total = log.count();
    const std::int64_t pages = std::max<std::int64_t>(1, (total + per_page - 1) / per_page);
    std::int64_t page = 1;
    if (auto values = FormData::parse("p=" + query.get("p")).get_ids("p"); !values.empty() && values.front() >= 1) {
        page = std::min(values.front(), pages);
    }
    std::map<std::int64_t, std::string> actors;
    boost::json::array rows;
    for (const store::LogEntry& entry : log.list((page - 1) * per_page, per_page)) {
        auto actor = actors.find(entry.user_id);
        if (actor == actors.end()) {
            auto user = request.store().users().find_by_id(entry.user_id);
            actor = actors.emplace(entry.user_id, user ? user->username : "#" + std::to_string(entry.user_id)).first;
        }
        std::string content_type;
        if (entry.content_type_id) {
            if (auto type = log.content_type(*entry.content_type_id)) content_type = type->first + " | " + type->second;
        }
        boost::json::object row{{"when", format_datetime(entry.action_time)},
                                {"actor", actor->second},
                                {"content_type", content_type},
                                {"object_repr", entry.object_repr},
                                {"action", action_label(entry.action)},
                                {"message", render_change_message(entry.change_message)}};
        if (entry.object_id && !entry.object_id->empty()) row["object_id"] = *entry.object_id;
        rows.push_back(std::move(row));
    }
    boost::json::array page_links;
    for (std::int64_t i = 1; pages > 1 && i <= pages; ++i) {
        page_links.push_back({{"number", i}, {"current", i == page}, {"url", query.with("p", std::to_string(i))}});
    }
    boost::json::object data{{"title", "Select log entry to view"}, {"body_class", "changelist"}};
    data["breadcrumbs"] = breadcrumbs({{"Administration", ""}, {"Log entries", ""}});
    data["rows"] = std::move(rows);
    data["page_links"] = std::move(page_links);
    data["count_label"] = std::to_string(total) + (total == 1 ? " log entry" : " log entries");
    return render(request, "log_entry_changelist", std::move(data));
}

}  // namespace gatehouse::admin
