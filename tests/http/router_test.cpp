#include "http/router.hpp"

#include "auth/authentication_failed.hpp"
#include "http/api_error.hpp"
#include "store/types.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace gatehouse::http {
namespace {

// Accepts "Bearer good" as user 7, refuses anything else, treats no header as anonymous.
auth::AuthenticationResult fake_authenticate(const Request& request) {
    static const auth::AuthenticationFailure refused{"Given token not valid for any token type", "token_not_valid"};
    auto header = request[beast_http::field::authorization];
    if (header.empty()) return {};
    if (header == "Bearer good") {
        store::User user;
        user.id = 7;
        user.username = "alice";
        return {user, nullptr};
    }
    return {std::nullopt, &refused};
}

Response ok_handler(RequestContext& context) {
    std::string text = context.user ? context.user->username : "anonymous";
    if (context.path_id) text += ":" + std::to_string(*context.path_id);
    return json_response(Status::ok, boost::json::value(text));
}

class RouterTest : public ::testing::Test {
protected:
    RouterTest() : router_(fake_authenticate, "/api/") {
        router_.add({"/api/token/", {Verb::post}, Access::public_route, Execution::worker_pool, ok_handler});
        router_.add({"/api/users/me/", {Verb::get}, Access::authenticated, Execution::io_thread, ok_handler});
        router_.add({"/api/users/{id}/", {Verb::get}, Access::authenticated, Execution::io_thread, ok_handler});
    }

    Response send(Verb verb, std::string target, std::string authorization = {}) {
        Request request{verb, target, 11};
        if (!authorization.empty()) request.set(beast_http::field::authorization, authorization);
        return router_.handle(request);
    }

    static boost::json::value body(const Response& response) { return boost::json::parse(response.body()); }

    Router router_;
};

TEST_F(RouterTest, PublicRouteAnswersAnonymousCallers) {
    auto response = send(Verb::post, "/api/token/");
    EXPECT_EQ(response.result(), Status::ok);
    EXPECT_EQ(body(response), boost::json::value("anonymous"));
}

TEST_F(RouterTest, AuthenticatedRouteRefusesAnonymousCallersWithBearerChallenge) {
    auto response = send(Verb::get, "/api/users/me/");
    EXPECT_EQ(response.result(), Status::unauthorized);
    EXPECT_EQ(response[beast_http::field::www_authenticate], "Bearer realm=\"api\"");
    EXPECT_EQ(body(response).at("detail"), "Authentication credentials were not provided.");
}

TEST_F(RouterTest, UnknownApiPathIsUnauthorizedForAnonymousCallers) {
    for (auto path : {"/api/users/me/delete/", "/api/register/", "/api/", "/api/users/abc/"}) {
        SCOPED_TRACE(path);
        EXPECT_EQ(send(Verb::post, path).result(), Status::unauthorized);
        EXPECT_EQ(send(Verb::get, path).result(), Status::unauthorized);
    }
}

TEST_F(RouterTest, UnknownApiPathIsNotFoundForAuthenticatedCallers) {
    auto response = send(Verb::get, "/api/register/", "Bearer good");
    EXPECT_EQ(response.result(), Status::not_found);
    EXPECT_EQ(body(response).at("detail"), "Not found.");
}

TEST_F(RouterTest, WrongMethodOnProtectedRouteIsUnauthorizedBeforeMethodCheck) {
    EXPECT_EQ(send(Verb::post, "/api/users/me/").result(), Status::unauthorized);
    EXPECT_EQ(send(Verb::delete_, "/api/users/me/").result(), Status::unauthorized);
}

TEST_F(RouterTest, WrongMethodForAuthenticatedCallerIs405WithDrfMessage) {
    auto response = send(Verb::post, "/api/users/me/", "Bearer good");
    EXPECT_EQ(response.result(), Status::method_not_allowed);
    EXPECT_EQ(body(response).at("detail"), "Method \"POST\" not allowed.");
    EXPECT_EQ(response[beast_http::field::allow], "GET, HEAD, OPTIONS");
}

TEST_F(RouterTest, GetOnPublicPostRouteIs405) {
    auto response = send(Verb::get, "/api/token/");
    EXPECT_EQ(response.result(), Status::method_not_allowed);
    EXPECT_EQ(body(response).at("detail"), "Method \"GET\" not allowed.");
}

TEST_F(RouterTest, BadCredentialsBecome401WithCode) {
    auto response = send(Verb::get, "/api/users/me/", "Bearer bad");
    EXPECT_EQ(response.result(), Status::unauthorized);
    EXPECT_EQ(body(response).at("code"), "token_not_valid");
    EXPECT_EQ(response[beast_http::field::www_authenticate], "Bearer realm=\"api\"");
}

TEST_F(RouterTest, IdSegmentTakesOnlyDecimalIntegers) {
    EXPECT_EQ(body(send(Verb::get, "/api/users/42/", "Bearer good")), boost::json::value("alice:42"));
    for (auto path : {"/api/users/-1/", "/api/users/1.0/", "/api/users/abc/", "/api/users/99999999999/",
                      "/api/users/2147483648/", "/api/users//", "/api/users/0x10/"}) {
        SCOPED_TRACE(path);
        EXPECT_EQ(send(Verb::get, path, "Bearer good").result(), Status::not_found);
    }
}

TEST_F(RouterTest, QueryStringDoesNotChangeTheRoute) {
    EXPECT_EQ(send(Verb::get, "/api/users/me/?x=1", "Bearer good").result(), Status::ok);
}

TEST_F(RouterTest, MissingTrailingSlashRedirectsLikeDjango) {
    auto response = send(Verb::get, "/api/users/me?x=1", "Bearer good");
    EXPECT_EQ(response.result(), Status::moved_permanently);
    EXPECT_EQ(response[beast_http::field::location], "/api/users/me/?x=1");
}

TEST_F(RouterTest, HeadAnswersLikeGetWithoutBody) {
    auto response = send(Verb::head, "/api/users/me/", "Bearer good");
    EXPECT_EQ(response.result(), Status::ok);
    EXPECT_TRUE(response.body().empty());
}

TEST_F(RouterTest, ExecutionFollowsTheRoute) {
    Request login{Verb::post, "/api/token/", 11};
    Request me{Verb::get, "/api/users/me/", 11};
    Request wrong_method{Verb::get, "/api/token/", 11};
    EXPECT_EQ(router_.execution_for(login), Execution::worker_pool);
    EXPECT_EQ(router_.execution_for(me), Execution::io_thread);
    EXPECT_EQ(router_.execution_for(wrong_method), Execution::io_thread);
}

TEST_F(RouterTest, AuthenticationFailedFromAServiceBecomes401WithItsBody) {
    router_.add({"/api/refuse/", {Verb::post}, Access::public_route, Execution::io_thread,
                 [](RequestContext&) -> Response { throw auth::AuthenticationFailed("Token is blacklisted", "token_not_valid"); }});
    auto response = send(Verb::post, "/api/refuse/");
    EXPECT_EQ(response.result(), Status::unauthorized);
    EXPECT_EQ(response.body(), R"({"detail":"Token is blacklisted","code":"token_not_valid"})");
    EXPECT_EQ(response[beast_http::field::www_authenticate], "Bearer realm=\"api\"");
}

TEST_F(RouterTest, RouteIsMatchedOnceAndReused) {
    Request me{Verb::get, "/api/users/me/", 11};
    me.set(beast_http::field::authorization, "Bearer good");
    auto match = router_.route(me);
    ASSERT_NE(match.route, nullptr);
    EXPECT_EQ(router_.execution_for(me, match), Execution::io_thread);
    EXPECT_EQ(router_.handle(me, match).result(), Status::ok);
}

TEST_F(RouterTest, HandlerExceptionsBecomeGeneric500) {
    router_.add({"/api/boom/", {Verb::get}, Access::public_route, Execution::io_thread,
                 [](RequestContext&) -> Response { throw std::runtime_error("secret internals"); }});
    auto response = send(Verb::get, "/api/boom/");
    EXPECT_EQ(response.result(), Status::internal_server_error);
    EXPECT_EQ(response.body().find("secret"), std::string::npos);
}

}  // namespace
}  // namespace gatehouse::http
