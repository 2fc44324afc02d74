#pragma once
// GET /api/users/me/, /api/users/ and /api/users/{id}/ (the reference's api.py).
#include "api/app_state.hpp"
#include "http/router.hpp"

namespace gatehouse::api {

http::Response user_me(AppState& app, http::RequestContext& context);
http::Response user_list(AppState& app, http::RequestContext& context);
http::Response user_detail(AppState& app, http::RequestContext& context);

}  // namespace gatehouse::api
