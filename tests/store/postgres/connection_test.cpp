#include "store/postgres/connection.hpp"

#include "store/postgres/postgres_error.hpp"
#include "store/postgres/postgres_fixture.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace gatehouse::store::postgres {
namespace {

using std::chrono::steady_clock;

TEST(PostgresMaskPassword, HidesThePasswordWhereverTheUrlHasIt) {
    EXPECT_EQ(mask_password("postgres://gh:s3cret@db.example:5432/auth"), "postgres://gh:***@db.example:5432/auth");
    EXPECT_EQ(mask_password("postgresql://gh:p@ss@db/auth"), "postgresql://gh:***@db/auth");
    EXPECT_EQ(mask_password("postgres://gh@db/auth?password=s3cret&sslmode=require"),
              "postgres://gh@db/auth?password=***&sslmode=require");
    EXPECT_EQ(mask_password("postgres://db/auth?sslmode=require&password=s3cret"),
              "postgres://db/auth?sslmode=require&password=***");
    EXPECT_EQ(mask_password("postgres://gh@db:5432/auth"), "postgres://gh@db:5432/auth");
    EXPECT_EQ(mask_password("postgres:///auth"), "postgres:///auth");
}

class PgConnection : public ::testing::Test {
protected:
    void SetUp() override {
        GATEHOUSE_REQUIRE_POSTGRES();
        db_ = std::make_unique<testing::TempPostgresDatabase>();
        settings_.url = db_->url();
    }
    std::unique_ptr<testing::TempPostgresDatabase> db_;
    ConnectionSettings settings_;
};

TEST_F(PgConnection, SetsUtcIsoDatesTimeoutsAndItsName) {
    settings_.statement_timeout = std::chrono::milliseconds(4321);
    Connection connection(settings_);
    auto show = [&](const char* setting) { return connection.query(std::string("SHOW ") + setting).row(0).text(0); };
    EXPECT_EQ(show("TimeZone"), "UTC");
    EXPECT_EQ(show("DateStyle"), "ISO, YMD");
    EXPECT_EQ(show("statement_timeout"), "4321ms");
    EXPECT_EQ(show("idle_in_transaction_session_timeout"), "1min");
    EXPECT_EQ(show("client_encoding"), "UTF8");
    EXPECT_EQ(show("application_name"), "gatehouse");
}

TEST_F(PgConnection, UrlParametersWinOverItsDefaults) {
    settings_.url += "?application_name=node-7";
    Connection connection(settings_);
    EXPECT_EQ(connection.query("SHOW application_name").row(0).text(0), "node-7");
}

TEST_F(PgConnection, PreparesEachStatementOncePerConnection) {
    Connection connection(settings_);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(connection.query("SELECT $1::bigint + 1", i).row(0).int64(0), i + 1);
    EXPECT_EQ(connection.prepared_statements(), 1u);
    connection.query("SELECT 2");
    EXPECT_EQ(connection.prepared_statements(), 2u);
    EXPECT_EQ(connection.query("SELECT COUNT(*) FROM pg_prepared_statements").row(0).int64(0), 3);  // and this one
}

TEST_F(PgConnection, TimestampsRoundTripToTheMicrosecond) {
    Connection connection(settings_);
    for (const char* text : {"2024-01-31 12:34:56.000001", "2024-01-31 12:34:56", "1969-12-31 23:59:59.999999",
                             "2999-12-31 23:59:59.5", "1970-01-01 00:00:00"}) {
        const Timestamp value = *from_sqlite_text(text);
        const auto result = connection.query("SELECT $1::timestamptz, $1::timestamptz = $2::timestamptz", value,
                                             std::string(text) + "+00");
        EXPECT_EQ(result.row(0).timestamp(0), value) << text;
        EXPECT_TRUE(result.row(0).boolean(1)) << text;
    }
}

TEST_F(PgConnection, ErrorsCarryPostgresMessage) {
    Connection connection(settings_);
    connection.exec("CREATE TABLE t (name text UNIQUE)");
    connection.query("INSERT INTO t VALUES ($1)", "a");
    try {
        connection.query("INSERT INTO t VALUES ($1)", "a");
        FAIL();
    } catch (const DuplicateError& e) {
        EXPECT_NE(std::string(e.what()).find("duplicate key value violates unique constraint \"t_name_key\""),
                  std::string::npos)
            << e.what();
    }
    try {
        connection.query("SELECT * FROM missing");
        FAIL();
    } catch (const DuplicateError&) {
        FAIL() << "not a duplicate";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("relation \"missing\" does not exist"), std::string::npos) << e.what();
    }
    EXPECT_EQ(connection.query("SELECT 1").row(0).int64(0), 1);  // still usable
}

TEST_F(PgConnection, StatementTimeoutEndsALongStatement) {
    settings_.statement_timeout = std::chrono::milliseconds(200);
    Connection connection(settings_);
    const auto start = steady_clock::now();
    try {
        connection.query("SELECT pg_sleep(10)");
        FAIL();
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("statement timed out"), std::string::npos) << e.what();
    }
    EXPECT_LT(steady_clock::now() - start, std::chrono::seconds(5));
    EXPECT_FALSE(connection.broken());
    EXPECT_TRUE(connection.looks_usable());
}

TEST_F(PgConnection, UnknownDatabaseIsAClearErrorWithoutThePassword) {
    settings_.url = testing::with_database(*testing::test_server_url(), "gh_no_such_database");
    try {
        Connection connection(settings_);
        FAIL();
    } catch (const StoreError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("cannot connect to PostgreSQL at "), std::string::npos) << message;
        EXPECT_NE(message.find("gh_no_such_database"), std::string::npos) << message;
    }
}

TEST_F(PgConnection, NoticesWhenTheServerEndsItsBackend) {
    Connection connection(settings_);
    EXPECT_TRUE(connection.looks_usable());
    testing::RawSession(db_->url())
        .execute("SELECT pg_terminate_backend(" + std::to_string(connection.backend_pid()) + ", 5000)");
    EXPECT_FALSE(connection.looks_usable());
    try {
        connection.query("SELECT 1");
        FAIL();
    } catch (const ConnectionLost& e) {
        EXPECT_FALSE(e.outcome_unknown());
    }
    EXPECT_TRUE(connection.broken());
}

TEST(PgConnectionDown, NothingListeningIsAClearErrorAtOnce) {
    ConnectionSettings settings;
    settings.url = "postgres://gh:s3cret@127.0.0.1:1/auth";  // nothing listens on port 1
    const auto start = steady_clock::now();
    try {
        Connection connection(settings);
        FAIL();
    } catch (const StoreError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("cannot connect to PostgreSQL at postgres://gh:***@127.0.0.1:1/auth"), std::string::npos)
            << message;
        EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
    }
    EXPECT_LT(steady_clock::now() - start, std::chrono::seconds(2));
}

}  // namespace
}  // namespace gatehouse::store::postgres
