#include "store/postgres/postgres_fixture.hpp"

namespace gatehouse::store {
namespace {

using PgSessions = testing::PostgresMigratedStore;
using std::chrono::hours;

const std::string key_a(40, 'a');
const std::string key_b(40, 'b');
const std::string key_c(40, 'c');

Timestamp at(const char* text) { return *from_sqlite_text(text); }

TEST_F(PgSessions, CreateWritesDjangosRowInGatehousesFormat) {
    store_->sessions().create({key_a, 7, "hash", at("2030-01-02 03:04:05.5")});
    EXPECT_EQ(rows("SELECT session_key, session_data, expire_date FROM django_session"),
              std::vector<std::string>{key_a + R"(|{"gatehouse_user_id":7,"auth_hash":"hash"}|2030-01-02 03:04:05.5+00)"});
}

TEST_F(PgSessions, FindReturnsTheSession) {
    const auto expires = at("2030-01-02 03:04:05");
    store_->sessions().create({key_a, 7, "hash", expires});
    const auto session = store_->sessions().find(key_a, now());
    ASSERT_TRUE(session.has_value());
    EXPECT_EQ(session->key_hash, key_a);
    EXPECT_EQ(session->user_id, 7);
    EXPECT_EQ(session->auth_hash, "hash");
    EXPECT_EQ(session->expires, expires);
    EXPECT_FALSE(store_->sessions().find(key_b, now()).has_value());
}

TEST_F(PgSessions, AuthHashIsEscapedAndReadBack) {
    const std::string tricky = R"(a"b\c","gatehouse_user_id":1})";
    store_->sessions().create({key_a, 7, tricky, now() + hours(1)});
    EXPECT_EQ(store_->sessions().find(key_a, now())->auth_hash, tricky);
    EXPECT_EQ(store_->sessions().find(key_a, now())->user_id, 7);
}

TEST_F(PgSessions, FindIgnoresExpiredSessions) {
    const auto expires = at("2030-01-02 03:04:05");
    store_->sessions().create({key_a, 7, "hash", expires});
    EXPECT_TRUE(store_->sessions().find(key_a, expires - std::chrono::microseconds(1)).has_value());
    EXPECT_FALSE(store_->sessions().find(key_a, expires).has_value());
    EXPECT_FALSE(store_->sessions().find(key_a, expires + std::chrono::microseconds(500000)).has_value());
}

TEST_F(PgSessions, FindIgnoresDjangoSessions) {
    execute("INSERT INTO django_session VALUES ('" + key_a +
                                     "', '.eJxVjDsOwjAQRO_iGlnrj2ItJT1nsHbtNQ4gR8qnQtwdIqWAdua9eatI-1bjvsoSp6zO"
                                     "yqjTb8aUHtKOIt-p3WadlrYtE-sD0Ue76uuc5Xk52L-BSmv9rj1YdFgwSw4oTDmnwhYRArND"
                                     "QwgjmwAluZIggkWHBgt4W4pDKOr9AexcNp8:1rRAfs:signature', '2099-01-01 00:00:00')");
    EXPECT_FALSE(store_->sessions().find(key_a, now()).has_value());
}

TEST_F(PgSessions, FindIgnoresDataNotInGatehousesExactFormat) {
    // Valid JSON with the right fields, but not beginning with the user id: remove_for_user()
    // would miss it, so it must not open a session either.
    execute("INSERT INTO django_session VALUES ('" + key_a +
                                     R"(', '{"auth_hash":"h","gatehouse_user_id":7}', '2099-01-01 00:00:00'))");
    execute("INSERT INTO django_session VALUES ('" + key_b +
                                     R"(', '{"gatehouse_user_id": 7, "auth_hash":"h"}', '2099-01-01 00:00:00'))");
    execute("INSERT INTO django_session VALUES ('" + key_c +
                                     R"(', '{"gatehouse_user_id":"7","auth_hash":"h"}', '2099-01-01 00:00:00'))");
    for (const auto& key : {key_a, key_b, key_c}) EXPECT_FALSE(store_->sessions().find(key, now()).has_value());
}

TEST_F(PgSessions, UpdateChangesAuthHashAndExpiry) {
    store_->sessions().create({key_a, 7, "old", now() + hours(1)});
    const auto later = at("2031-05-06 07:08:09");
    store_->sessions().update({key_a, 7, "new", later});
    const auto session = *store_->sessions().find(key_a, now());
    EXPECT_EQ(session.auth_hash, "new");
    EXPECT_EQ(session.expires, later);
}

TEST_F(PgSessions, UpdateNeverMovesASessionToAnotherUser) {
    store_->sessions().create({key_a, 7, "old", now() + hours(1)});
    store_->sessions().update({key_a, 8, "new", now() + hours(2)});
    const auto session = *store_->sessions().find(key_a, now());
    EXPECT_EQ(session.user_id, 7);
    EXPECT_EQ(session.auth_hash, "old");
}

TEST_F(PgSessions, CreateWithTakenKeyIsDuplicate) {
    store_->sessions().create({key_a, 7, "h", now() + hours(1)});
    EXPECT_THROW(store_->sessions().create({key_a, 8, "h", now() + hours(1)}), DuplicateError);
}

TEST_F(PgSessions, RemoveEndsOneSession) {
    store_->sessions().create({key_a, 7, "h", now() + hours(1)});
    store_->sessions().create({key_b, 7, "h", now() + hours(1)});
    store_->sessions().remove(key_a);
    EXPECT_FALSE(store_->sessions().find(key_a, now()).has_value());
    EXPECT_TRUE(store_->sessions().find(key_b, now()).has_value());
}

TEST_F(PgSessions, RemoveForUserKeepsTheGivenSession) {
    store_->sessions().create({key_a, 7, "h", now() + hours(1)});
    store_->sessions().create({key_b, 7, "h", now() + hours(1)});
    store_->sessions().create({key_c, 8, "h", now() + hours(1)});
    store_->sessions().remove_for_user(7, key_b);
    EXPECT_EQ(rows("SELECT session_key FROM django_session ORDER BY session_key"),
              (std::vector<std::string>{key_b, key_c}));
}

TEST_F(PgSessions, RemoveForUserWithoutKeepEndsAllOfThem) {
    store_->sessions().create({key_a, 7, "h", now() + hours(1)});
    store_->sessions().create({key_b, 7, "h", now() + hours(1)});
    store_->sessions().remove_for_user(7);
    EXPECT_TRUE(rows("SELECT * FROM django_session").empty());
}

TEST_F(PgSessions, RemoveForUserLeavesUsersWhoseIdHasTheSamePrefix) {
    store_->sessions().create({key_a, 1, "h", now() + hours(1)});
    store_->sessions().create({key_b, 12, "h", now() + hours(1)});
    store_->sessions().create({key_c, 100, "h", now() + hours(1)});
    store_->sessions().remove_for_user(1);
    EXPECT_EQ(rows("SELECT session_key FROM django_session ORDER BY session_key"),
              (std::vector<std::string>{key_b, key_c}));
}

TEST_F(PgSessions, RemoveForUserLeavesDjangoSessions) {
    execute("INSERT INTO django_session VALUES ('" + key_a + "', 'e30:django', '2099-01-01 00:00:00')");
    store_->sessions().create({key_b, 7, "h", now() + hours(1)});
    store_->sessions().remove_for_user(7);
    EXPECT_EQ(rows("SELECT session_key FROM django_session"), std::vector<std::string>{key_a});
}

TEST_F(PgSessions, RemoveExpiredDeletesExpiredRowsOnly) {
    const auto cutoff = at("2030-01-01 00:00:00");
    store_->sessions().create({key_a, 7, "h", cutoff - hours(1)});
    store_->sessions().create({key_b, 7, "h", cutoff});
    store_->sessions().create({key_c, 7, "h", cutoff + std::chrono::microseconds(1)});
    EXPECT_EQ(store_->sessions().remove_expired(cutoff), 2);
    EXPECT_EQ(rows("SELECT session_key FROM django_session"), std::vector<std::string>{key_c});
    EXPECT_EQ(store_->sessions().remove_expired(cutoff), 0);
}

}  // namespace
}  // namespace gatehouse::store
