#pragma once
// The API's routes. Only the two token endpoints are public; everything else under /api/
// needs a Bearer token (the router denies by default).
#include "api/app_state.hpp"
#include "http/router.hpp"

namespace gatehouse::api {

http::Router make_router(AppState& app);

}  // namespace gatehouse::api
