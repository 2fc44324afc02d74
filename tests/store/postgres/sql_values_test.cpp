#include "store/postgres/sql_values.hpp"

#include <gtest/gtest.h>

namespace gatehouse::store::postgres {
namespace {

TEST(PostgresSqlValues, IntArrays) {
    EXPECT_EQ(int_array({}), "{}");
    EXPECT_EQ(int_array({1, -2, 5000000000}), "{1,-2,5000000000}");
}

TEST(PostgresSqlValues, TextArraysQuoteEveryElement) {
    EXPECT_EQ(text_array({}), "{}");
    EXPECT_EQ(text_array({"a", "", "NULL", "b c", R"(q"u\o,t{e})"}), R"({"a","","NULL","b c","q\"u\\o,t{e}"})");
}

TEST(PostgresSqlValues, ContainsPatternsTakeTermsLiterally) {
    EXPECT_EQ(contains_patterns({"50%", "a_b", R"(c\d)"}), R"({"%50\\%%","%a\\_b%","%c\\\\d%"})");
}

TEST(PostgresSqlValues, StorableTextIsValidUtf8WithoutNul) {
    EXPECT_TRUE(storable_text(""));
    EXPECT_TRUE(storable_text("zoë 日本 😀"));
    EXPECT_FALSE(storable_text(std::string("a\0b", 3)));
    EXPECT_FALSE(storable_text("\xff"));
    EXPECT_FALSE(storable_text("\xc3"));          // cut short
    EXPECT_FALSE(storable_text("\xc0\xaf"));      // overlong
    EXPECT_FALSE(storable_text("\xed\xa0\x80"));  // a surrogate
    EXPECT_FALSE(storable_text("\xf4\x90\x80\x80"));  // past U+10FFFF
    EXPECT_TRUE(all_storable({"a", "é"}));
    EXPECT_FALSE(all_storable({"a", "\xff"}));
}

TEST(PostgresSqlValues, TruncateUtf8CountsCharactersNotBytes) {
    EXPECT_EQ(truncate_utf8("abc", 2), "ab");
    EXPECT_EQ(truncate_utf8("abc", 3), "abc");
    EXPECT_EQ(truncate_utf8("héllo", 2), "hé");
    EXPECT_EQ(truncate_utf8("日本語", 1), "日");
    EXPECT_EQ(truncate_utf8("😀😀", 1), "😀");
    EXPECT_EQ(truncate_utf8("", 5), "");
}

}  // namespace
}  // namespace gatehouse::store::postgres
