#include "admin/login_views.hpp"

#include <gtest/gtest.h>

namespace gatehouse::admin {
namespace {

TEST(SafeNext, KeepsPathsOnThisSite) {
    EXPECT_EQ(safe_next("/admin/auth/user/?q=a"), "/admin/auth/user/?q=a");
    EXPECT_EQ(safe_next("/"), "/");
}

TEST(SafeNext, AnythingElseGoesToTheIndex) {
    for (const char* next : {"", "//evil.example", "/\\evil.example", "https://evil.example/", "http:/x",
                             "javascript:alert(1)", " /admin/", "/admin/\n", "/adm\\in/", "evil.example"}) {
        EXPECT_EQ(safe_next(next), "/admin/") << next;
    }
}

}  // namespace
}  // namespace gatehouse::admin
