#include "store/sqlite/connection.hpp"

#include "store/temp_database.hpp"

#include <gtest/gtest.h>

namespace gatehouse::store::sqlite {
namespace {

std::string pragma(Connection& connection, const char* sql) {
    Query q(connection.prepare(sql));
    EXPECT_TRUE(q.step());
    return q.text(0);
}

TEST(Connection, ConfiguresWalForeignKeysTimeoutAndSync) {
    testing::TempDatabase db;
    StoreOptions options;
    options.busy_timeout_ms = 1234;
    options.sqlite_synchronous = "full";
    Connection connection(db.path(), options);
    EXPECT_EQ(pragma(connection, "PRAGMA journal_mode"), "wal");
    EXPECT_EQ(pragma(connection, "PRAGMA foreign_keys"), "1");
    EXPECT_EQ(pragma(connection, "PRAGMA busy_timeout"), "1234");
    EXPECT_EQ(pragma(connection, "PRAGMA synchronous"), "2");  // FULL
}

TEST(Connection, SynchronousDefaultsToNormal) {
    testing::TempDatabase db;
    Connection connection(db.path(), {});
    EXPECT_EQ(pragma(connection, "PRAGMA synchronous"), "1");
}

TEST(Connection, CachesPreparedStatements) {
    testing::TempDatabase db;
    Connection connection(db.path(), {});
    Statement& first = connection.prepare("SELECT 1");
    EXPECT_EQ(&connection.prepare(std::string("SELECT ") + "1"), &first);
    EXPECT_NE(&connection.prepare("SELECT 2"), &first);
}

TEST(Connection, QueryResetsItsStatementForTheNextUse) {
    testing::TempDatabase db;
    Connection connection(db.path(), {});
    for (int i = 0; i < 3; ++i) {
        Query q(connection.prepare("SELECT ?1 + 1"));
        q.bind(1, i);
        ASSERT_TRUE(q.step());
        EXPECT_EQ(q.int64(0), i + 1);
    }  // left mid-result on purpose: the destructor resets
}

TEST(Connection, ErrorsCarrySqlitesMessage) {
    testing::TempDatabase db;
    Connection connection(db.path(), {});
    connection.exec("CREATE TABLE t (name TEXT UNIQUE)");
    connection.exec("INSERT INTO t VALUES ('a')");
    try {
        connection.exec("INSERT INTO t VALUES ('a')");
        FAIL();
    } catch (const DuplicateError& e) {
        EXPECT_NE(std::string(e.what()).find("UNIQUE constraint failed: t.name"), std::string::npos) << e.what();
    }
    try {
        connection.prepare("SELECT * FROM missing");
        FAIL();
    } catch (const DuplicateError&) {
        FAIL() << "not a duplicate";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("no such table: missing"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace gatehouse::store::sqlite
