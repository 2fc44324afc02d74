#include "store/sqlite/write_transaction.hpp"

#include "store/temp_database.hpp"

#include <gtest/gtest.h>

namespace gatehouse::store::sqlite {
namespace {

class WriteTransactionTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto connection = pool_.acquire();
        connection->exec("CREATE TABLE t (x INTEGER)");
    }
    std::vector<std::string> rows() { return testing::query_rows(db_.path(), "SELECT x FROM t"); }

    testing::TempDatabase db_;
    ConnectionPool pool_{db_.path(), StoreOptions{}};
};

TEST_F(WriteTransactionTest, CommitKeepsWrites) {
    WriteTransaction tx(pool_);
    tx.connection().exec("INSERT INTO t VALUES (1)");
    tx.commit();
    EXPECT_EQ(rows(), std::vector<std::string>{"1"});
}

TEST_F(WriteTransactionTest, ExceptionRollsBack) {
    try {
        WriteTransaction tx(pool_);
        tx.connection().exec("INSERT INTO t VALUES (1)");
        throw std::runtime_error("boom");
    } catch (const std::runtime_error&) {
    }
    EXPECT_TRUE(rows().empty());
    WriteTransaction again(pool_);  // the mutex and the connection were given back
    again.commit();
}

TEST(ConnectionPool, LendsEachConnectionToOneHolder) {
    testing::TempDatabase db;
    StoreOptions options;
    options.pool_size = 2;
    ConnectionPool pool(db.path(), options);
    EXPECT_EQ(pool.size(), 2u);
    auto a = pool.acquire();
    auto b = pool.acquire();
    EXPECT_NE(&*a, &*b);
}

TEST(ConnectionPool, InMemoryDatabaseHasOneConnection) {
    StoreOptions options;
    options.pool_size = 8;
    ConnectionPool pool(":memory:", options);
    EXPECT_EQ(pool.size(), 1u);
}

}  // namespace
}  // namespace gatehouse::store::sqlite
