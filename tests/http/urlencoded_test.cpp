#include "http/urlencoded.hpp"

#include <gtest/gtest.h>

namespace gatehouse::http {
namespace {

TEST(Urlencoded, DecodesPlusAndPercentEscapes) {
    auto pairs = parse_urlencoded("next=%2Fadmin%2F&q=a+b&x=%e2%80%9c");
    ASSERT_TRUE(pairs);
    ASSERT_EQ(pairs->size(), 3u);
    EXPECT_EQ((*pairs)[0], std::make_pair(std::string("next"), std::string("/admin/")));
    EXPECT_EQ((*pairs)[1].second, "a b");
    EXPECT_EQ((*pairs)[2].second, "\xe2\x80\x9c");
}

TEST(Urlencoded, KeepsUnescapedSlashesExactly) {
    // Boost.URL 1.81's params_view returned stray bytes for this one.
    for (int i = 0; i < 1000; ++i) {
        auto pairs = parse_urlencoded("next=/admin/");
        ASSERT_TRUE(pairs);
        ASSERT_EQ((*pairs)[0].second, "/admin/");
    }
}

TEST(Urlencoded, KeepsRepeatedNamesInOrder) {
    auto pairs = parse_urlencoded("g=1&g=2&g=3");
    ASSERT_TRUE(pairs);
    ASSERT_EQ(pairs->size(), 3u);
    EXPECT_EQ((*pairs)[2].second, "3");
}

TEST(Urlencoded, NameWithoutValueAndEmptySegments) {
    auto pairs = parse_urlencoded("&&all&x=&=y");
    ASSERT_TRUE(pairs);
    ASSERT_EQ(pairs->size(), 3u);
    EXPECT_EQ((*pairs)[0], std::make_pair(std::string("all"), std::string()));
    EXPECT_EQ((*pairs)[1].second, "");
    EXPECT_EQ((*pairs)[2].first, "");
}

TEST(Urlencoded, RefusesBrokenEscapes) {
    EXPECT_FALSE(parse_urlencoded("a=%"));
    EXPECT_FALSE(parse_urlencoded("a=%4"));
    EXPECT_FALSE(parse_urlencoded("a=%zz"));
    EXPECT_FALSE(parse_urlencoded("%g1=b"));
}

TEST(Urlencoded, DecodesNulAndHighBytesAsBytes) {
    auto pairs = parse_urlencoded("a=%00%ff");
    ASSERT_TRUE(pairs);
    EXPECT_EQ((*pairs)[0].second, std::string("\0\xff", 2));
}

}  // namespace
}  // namespace gatehouse::http
