#include "admin/csrf.hpp"

#include <gtest/gtest.h>

namespace gatehouse::admin {
namespace {

http::Request post(std::string cookie, std::string origin = "http://gate.example:8000", std::string referer = "") {
    http::Request request{http::Verb::post, "/admin/auth/user/add/", 11};
    request.set(http::beast_http::field::host, "gate.example:8000");
    if (!cookie.empty()) request.set(http::beast_http::field::cookie, "csrftoken=" + cookie);
    if (!origin.empty()) request.set(http::beast_http::field::origin, origin);
    if (!referer.empty()) request.set(http::beast_http::field::referer, referer);
    return request;
}

const std::string token = "abcdefghijklmnopqrstuvwxyzABCDEF";

TEST(Csrf, NewTokensAreThirtyTwoAlphanumericsAndDiffer) {
    std::string a = new_csrf_token(), b = new_csrf_token();
    EXPECT_EQ(a.size(), 32u);
    EXPECT_NE(a, b);
    for (char c : a) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)));
}

TEST(Csrf, MatchingTokenAndSameOriginPass) { EXPECT_FALSE(csrf_failure(post(token), token, false)); }

TEST(Csrf, HeaderTokenPassesForScripts) {
    auto request = post(token);
    request.set("X-CSRFToken", token);
    EXPECT_FALSE(csrf_failure(request, "", false));
}

TEST(Csrf, MissingCookieFails) { EXPECT_EQ(*csrf_failure(post(""), token, false), "CSRF cookie not set."); }

TEST(Csrf, MalformedCookieCountsAsMissing) {
    EXPECT_EQ(*csrf_failure(post("short"), "short", false), "CSRF cookie not set.");
}

TEST(Csrf, MissingTokenFails) { EXPECT_EQ(*csrf_failure(post(token), "", false), "CSRF token missing."); }

TEST(Csrf, WrongTokenFails) {
    std::string wrong = token;
    wrong.back() = 'X';
    EXPECT_EQ(*csrf_failure(post(token), wrong, false), "CSRF token incorrect.");
}

TEST(Csrf, ForeignOriginFails) {
    auto failure = csrf_failure(post(token, "http://evil.example"), token, false);
    ASSERT_TRUE(failure);
    EXPECT_NE(failure->find("Origin checking failed"), std::string::npos);
}

TEST(Csrf, OriginWithOtherPortOrSchemeFails) {
    EXPECT_TRUE(csrf_failure(post(token, "http://gate.example:8001"), token, false));
    EXPECT_TRUE(csrf_failure(post(token, "https://gate.example:8000"), token, false));
    EXPECT_TRUE(csrf_failure(post(token, "null"), token, false));
}

TEST(Csrf, HttpsDeploymentExpectsHttpsOrigin) {
    EXPECT_TRUE(csrf_failure(post(token, "http://gate.example:8000"), token, true));
    EXPECT_FALSE(csrf_failure(post(token, "https://gate.example:8000"), token, true));
}

TEST(Csrf, OriginIsComparedCaseInsensitively) {
    EXPECT_FALSE(csrf_failure(post(token, "HTTP://Gate.Example:8000"), token, false));
}

TEST(Csrf, RefererIsTheFallbackWithoutOrigin) {
    EXPECT_FALSE(csrf_failure(post(token, "", "http://gate.example:8000/admin/auth/user/add/"), token, false));
    auto failure = csrf_failure(post(token, "", "http://evil.example/admin/"), token, false);
    ASSERT_TRUE(failure);
    EXPECT_NE(failure->find("Referer checking failed"), std::string::npos);
    EXPECT_TRUE(csrf_failure(post(token, "", "not a url"), token, false));
}

TEST(Csrf, NeitherOriginNorRefererFails) {
    EXPECT_EQ(*csrf_failure(post(token, ""), token, false), "Referer checking failed - no Referer.");
}

TEST(Csrf, RefererWithUserinfoTrickFails) {
    EXPECT_TRUE(csrf_failure(post(token, "", "http://gate.example:8000@evil.example/"), token, false));
}

}  // namespace
}  // namespace gatehouse::admin
