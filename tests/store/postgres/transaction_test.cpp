#include "store/postgres/transaction.hpp"

#include "store/postgres/connection_pool.hpp"
#include "store/postgres/postgres_fixture.hpp"

#include <gtest/gtest.h>

namespace gatehouse::store::postgres {
namespace {

class PgTransaction : public ::testing::Test {
protected:
    void SetUp() override {
        GATEHOUSE_REQUIRE_POSTGRES();
        db_ = std::make_unique<testing::TempPostgresDatabase>();
        db_->execute("CREATE TABLE t (x integer UNIQUE)");
        pool_ = std::make_unique<ConnectionPool>(ConnectionSettings{.url = db_->url()}, 2);
    }
    std::vector<std::string> rows() { return db_->rows("SELECT x FROM t ORDER BY x"); }

    std::unique_ptr<testing::TempPostgresDatabase> db_;
    std::unique_ptr<ConnectionPool> pool_;
};

TEST_F(PgTransaction, CommitKeepsWrites) {
    pool_->transaction([](Transaction& tx) {
        tx.connection().query("INSERT INTO t VALUES ($1)", 1);
        tx.commit();
    });
    EXPECT_EQ(rows(), std::vector<std::string>{"1"});
}

TEST_F(PgTransaction, ReturningWithoutCommitRollsBack) {
    pool_->transaction([](Transaction& tx) { tx.connection().query("INSERT INTO t VALUES ($1)", 1); });
    EXPECT_TRUE(rows().empty());
}

TEST_F(PgTransaction, ExceptionRollsBackAndTheConnectionIsReusable) {
    try {
        pool_->transaction([](Transaction& tx) {
            tx.connection().query("INSERT INTO t VALUES ($1)", 1);
            tx.connection().query("INSERT INTO t VALUES ($1)", 1);  // DuplicateError
            tx.commit();
        });
        FAIL();
    } catch (const DuplicateError&) {
    }
    EXPECT_TRUE(rows().empty());
    EXPECT_EQ(pool_->open_connections(), 1);
    pool_->transaction([](Transaction& tx) {
        EXPECT_EQ(tx.connection().query("SELECT COUNT(*) FROM t").row(0).int64(0), 0);
        tx.commit();
    });
}

TEST_F(PgTransaction, RunsAtReadCommitted) {
    pool_->transaction([](Transaction& tx) {
        EXPECT_EQ(tx.connection().query("SHOW transaction_isolation").row(0).text(0), "read committed");
    });
}

TEST_F(PgTransaction, AFailedDeferredCheckAtCommitLeavesNothing) {
    db_->execute("CREATE TABLE parent (id integer PRIMARY KEY);"
                 "CREATE TABLE child (parent_id integer REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)");
    EXPECT_THROW(pool_->transaction([](Transaction& tx) {
        tx.connection().query("INSERT INTO t VALUES ($1)", 1);
        tx.connection().query("INSERT INTO child VALUES ($1)", 42);  // accepted until COMMIT
        tx.commit();
    }),
                 StoreError);
    EXPECT_TRUE(rows().empty());
    EXPECT_EQ(pool_->run([](Connection& c) { return c.query("SELECT 1").row(0).int64(0); }), 1);
}

}  // namespace
}  // namespace gatehouse::store::postgres
