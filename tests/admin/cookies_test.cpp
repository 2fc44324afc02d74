#include "admin/cookies.hpp"

#include <gtest/gtest.h>

namespace gatehouse::admin {
namespace {

TEST(Cookies, FindsANamedCookie) {
    EXPECT_EQ(cookie_value("a=1; sessionid=abc; csrftoken=def", "sessionid"), "abc");
    EXPECT_EQ(cookie_value("sessionid=\"abc\"", "sessionid"), "abc");
}

TEST(Cookies, AbsentOrPrefixNamesAreNotFound) {
    EXPECT_FALSE(cookie_value("", "sessionid"));
    EXPECT_FALSE(cookie_value("xsessionid=1; sessionidx=2", "sessionid"));
    EXPECT_FALSE(cookie_value("sessionid", "sessionid"));
}

TEST(Cookies, RepeatedNameIsAmbiguousAndRefused) {
    // One may have been planted for a parent domain: use neither.
    EXPECT_FALSE(cookie_value("csrftoken=a; csrftoken=b", "csrftoken"));
}

TEST(Cookies, SetCookieCarriesTheFlags) {
    EXPECT_EQ(set_cookie("sessionid", "k", {.http_only = true, .secure = false, .max_age = 60}),
              "sessionid=k; Path=/; SameSite=Lax; HttpOnly; Max-Age=60");
    EXPECT_EQ(set_cookie("csrftoken", "t", {.http_only = false, .secure = true}),
              "csrftoken=t; Path=/; SameSite=Lax; Secure");
}

TEST(Cookies, DeleteCookieExpiresAtOnce) {
    std::string cookie = delete_cookie("sessionid", true);
    EXPECT_NE(cookie.find("Max-Age=0"), std::string::npos);
    EXPECT_NE(cookie.find("Secure"), std::string::npos);
}

}  // namespace
}  // namespace gatehouse::admin
