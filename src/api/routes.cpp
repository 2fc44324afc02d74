#include "api/routes.hpp"

#include "api/token_views.hpp"
#include "api/user_views.hpp"

namespace gatehouse::api {

http::Router make_router(AppState& app) {
    http::Router router(
        [&app](const http::Request& request) {
            return app.bearer.authenticate(request[http::beast_http::field::authorization], unix_now());
        },
        "/api/");
    using http::Access;
    using http::Execution;
    using http::Verb;
    auto bind = [&app](http::Response (*view)(AppState&, http::RequestContext&)) {
        return [&app, view](http::RequestContext& context) { return view(app, context); };
    };
    // Password hashing runs on the worker pool, off the I/O threads.
    router.add({"/api/token/", {Verb::post}, Access::public_route, Execution::worker_pool, bind(token_obtain_pair)});
    router.add({"/api/token/refresh/", {Verb::post}, Access::public_route, Execution::io_thread, bind(token_refresh)});
    router.add({"/api/users/me/", {Verb::get}, Access::authenticated, Execution::io_thread, bind(user_me)});
    router.add({"/api/users/", {Verb::get}, Access::authenticated, Execution::io_thread, bind(user_list)});
    router.add({"/api/users/{id}/", {Verb::get}, Access::authenticated, Execution::io_thread, bind(user_detail)});
    return router;
}

}  // namespace gatehouse::api
