#pragma once
// POST /api/token/ and POST /api/token/refresh/: parse, call the token service, render.
#include "api/app_state.hpp"
#include "http/router.hpp"

namespace gatehouse::api {

http::Response token_obtain_pair(AppState& app, http::RequestContext& context);
http::Response token_refresh(AppState& app, http::RequestContext& context);

}  // namespace gatehouse::api
