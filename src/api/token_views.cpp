#include "api/token_views.hpp"

#include "api/request_data.hpp"

namespace gatehouse::api {

http::Response token_obtain_pair(AppState& app, http::RequestContext& context) {
    auto data = parse_request_data(context.request);
    FieldReader fields(data);
    auto username = fields.required_string("username");
    auto password = fields.required_string("password");
    fields.finish();
    auto pair = app.token_service.obtain_pair(*username, *password, unix_now());
    return http::json_response(http::Status::ok, boost::json::object{{"refresh", pair.refresh}, {"access", pair.access}},
                               context.request.version());
}

http::Response token_refresh(AppState& app, http::RequestContext& context) {
    auto data = parse_request_data(context.request);
    FieldReader fields(data);
    auto refresh = fields.required_string("refresh");
    fields.finish();
    auto pair = app.token_service.refresh(*refresh, unix_now());
    boost::json::object body{{"access", pair.access}};
    if (!pair.refresh.empty()) body["refresh"] = pair.refresh;
    return http::json_response(http::Status::ok, body, context.request.version());
}

}  // namespace gatehouse::api
