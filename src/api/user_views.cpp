#include "api/user_views.hpp"

#include "api/user_json.hpp"
#include "auth/permissions.hpp"
#include "http/api_error.hpp"

#include <boost/json/array.hpp>

namespace gatehouse::api {
namespace {

void require_view_user(AppState& app, const store::User& user) {
    if (!auth::has_perm(user, "auth.view_user", app.store->users())) throw http::ApiError::forbidden();
}

}  // namespace

http::Response user_me(AppState& app, http::RequestContext& context) {
    return http::json_response(http::Status::ok, user_json(*context.user), context.request.version());
}

http::Response user_list(AppState& app, http::RequestContext& context) {
    require_view_user(app, *context.user);
    boost::json::array users;
    for (const auto& user : app.store->users().list_ordered_by_id()) users.push_back(user_json(user));
    return http::json_response(http::Status::ok, users, context.request.version());
}

http::Response user_detail(AppState& app, http::RequestContext& context) {
    require_view_user(app, *context.user);
    auto user = app.store->users().find_by_id(*context.path_id);
    if (!user) throw http::ApiError::not_found();
    return http::json_response(http::Status::ok, user_json(*user), context.request.version());
}

}  // namespace gatehouse::api
