#pragma once
// The store tests that hold on every backend are written once, as GoogleTest typed tests over
// the backend traits below, so each one runs on SQLite and on PostgreSQL. GoogleTest numbers
// the backends (Users/0.X is SQLite, Users/1.X PostgreSQL, as its "TypeParam =" line says);
// ctest names them (Users.X<...SqliteBackend>), which it can only do for numbered suites. A trait owns a fresh
// database, gives its URL and raw SQL access to it, and says how it stores the values whose
// text differs between the backends (booleans, timestamps, auth_user's column order).
// PostgreSQL runs against GATEHOUSE_TEST_POSTGRES_URL and is skipped without it.
//
//   template <typename Backend> class Users : public testing::StoreTest<Backend> {};
//   TYPED_TEST_SUITE(Users, testing::StoreBackends);
//   TYPED_TEST(Users, ...) { this->make_user("alice"); EXPECT_EQ(this->rows("SELECT ..."), ...); }
#include "store/postgres/postgres_fixture.hpp"
#include "store/store.hpp"
#include "store/temp_database.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gatehouse::store::testing {

// Fields joined as rows() joins columns.
inline std::string joined_row(const std::vector<std::string>& fields) {
    std::string row;
    for (std::size_t i = 0; i < fields.size(); ++i) row += (i ? "|" : "") + fields[i];
    return row;
}

// A fresh SQLite file.
class SqliteBackend {
public:
    static std::optional<std::string> skip_reason() { return std::nullopt; }

    std::string url() const { return db_.url(); }
    std::vector<std::string> rows(const std::string& sql) const { return query_rows(db_.path(), sql); }
    void execute(const std::string& sql) const { testing::execute(db_.path(), sql); }

    // Django stores booleans as integers on SQLite; typeof() names a value's storage class.
    static std::string type_of(const std::string& column) { return "typeof(" + column + ")"; }
    static constexpr const char* boolean_type = "integer";
    static std::string stored_boolean(bool value) { return value ? "1" : "0"; }
    // Timestamps are Django's text, which the tests write out as it is stored
    // ("2030-01-02 03:04:05.500000", or without a fraction when it is zero).
    static std::string stored_timestamp(std::string_view django_text) { return std::string(django_text); }
    // Django's SQLite migrations rebuild the table for an altered column and put that column
    // last: first_name, widened by auth.0012, comes after date_joined.
    static std::string auth_user_row(std::vector<std::string> in_model_order) {
        auto first_name = in_model_order.begin() + 5;
        std::rotate(first_name, first_name + 1, in_model_order.end());
        return joined_row(in_model_order);
    }

private:
    TempDatabase db_;
};

// A fresh database on the PostgreSQL server GATEHOUSE_TEST_POSTGRES_URL names.
class PostgresBackend {
public:
    static std::optional<std::string> skip_reason() {
        if (test_server_url()) return std::nullopt;
        return "set GATEHOUSE_TEST_POSTGRES_URL to run the PostgreSQL tests";
    }

    std::string url() const { return db_.url(); }
    std::vector<std::string> rows(const std::string& sql) const { return db_.rows(sql); }
    void execute(const std::string& sql) const { db_.execute(sql); }

    // Django's columns are boolean on PostgreSQL, printed as t and f.
    static std::string type_of(const std::string& column) { return "pg_typeof(" + column + ")"; }
    static constexpr const char* boolean_type = "boolean";
    static std::string stored_boolean(bool value) { return value ? "t" : "f"; }
    // timestamptz as the raw session prints it (TimeZone UTC, DateStyle ISO): the fraction
    // without trailing zeros, then the offset. "2030-01-02 03:04:05.500000" prints as
    // "2030-01-02 03:04:05.5+00".
    static std::string stored_timestamp(std::string_view django_text) {
        std::string text(django_text);
        if (text.find('.') != std::string::npos) {
            text.erase(text.find_last_not_of('0') + 1);
            if (text.back() == '.') text.pop_back();
        }
        return text + "+00";
    }
    // ALTER TABLE keeps a column where it is: auth_user's columns stay in the model's order.
    static std::string auth_user_row(std::vector<std::string> in_model_order) { return joined_row(in_model_order); }

private:
    TempPostgresDatabase db_;
};

using StoreBackends = ::testing::Types<SqliteBackend, PostgresBackend>;

// A migrated store on a fresh database of `Backend`.
template <typename Backend>
class StoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        if (const auto reason = Backend::skip_reason()) GTEST_SKIP() << *reason;
        db_ = std::make_unique<Backend>();
        store_ = open_store(db_->url(), options());
        store_->migrate();
    }
    void TearDown() override {
        store_.reset();
        db_.reset();
    }
    virtual StoreOptions options() const { return {}; }

    UserId make_user(const std::string& username) {
        NewUser user;
        user.username = username;
        user.password = "pbkdf2_sha256$1$salt$hash";
        return store_->users().create(user);
    }

    std::string url() const { return db_->url(); }
    std::vector<std::string> rows(const std::string& sql) { return db_->rows(sql); }
    void execute(const std::string& sql) { db_->execute(sql); }

    std::unique_ptr<Backend> db_;
    std::unique_ptr<Store> store_;
};

}  // namespace gatehouse::store::testing
