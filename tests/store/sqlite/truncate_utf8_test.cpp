// The SQLite backend's helper that cuts django_admin_log's object_repr to 200 characters: a
// function of that backend alone, so an ordinary test here rather than a typed one in
// ../admin_log_test.cpp (PostgreSQL's own copy is tested in postgres/sql_values_test.cpp).
#include "store/sqlite/sqlite_admin_log.hpp"

#include <gtest/gtest.h>

namespace gatehouse::store {
namespace {

TEST(TruncateUtf8, CountsCharactersNotBytes) {
    EXPECT_EQ(sqlite::truncate_utf8("abc", 2), "ab");
    EXPECT_EQ(sqlite::truncate_utf8("abc", 3), "abc");
    EXPECT_EQ(sqlite::truncate_utf8("héllo", 2), "hé");
    EXPECT_EQ(sqlite::truncate_utf8("日本語", 1), "日");
    EXPECT_EQ(sqlite::truncate_utf8("😀😀", 1), "😀");
    EXPECT_EQ(sqlite::truncate_utf8("", 5), "");
}

}  // namespace
}  // namespace gatehouse::store
