// The session repository on every backend (typed over store_backends.hpp's traits, so SQLite
// and PostgreSQL answer the same tests): django_session rows in gatehouse's exact format, and
// Django's own sessions left alone.
#include "store/store_backends.hpp"

namespace gatehouse::store {
namespace {

template <typename Backend>
class Sessions : public testing::StoreTest<Backend> {};
TYPED_TEST_SUITE(Sessions, testing::StoreBackends);
using std::chrono::hours;

const std::string key_a(40, 'a');
const std::string key_b(40, 'b');
const std::string key_c(40, 'c');

Timestamp at(const char* text) { return *from_sqlite_text(text); }

TYPED_TEST(Sessions, CreateWritesDjangosRowInGatehousesFormat) {
    this->store_->sessions().create({key_a, 7, "hash", at("2030-01-02 03:04:05.5")});
    EXPECT_EQ(this->rows("SELECT session_key, session_data, expire_date FROM django_session"),
              std::vector<std::string>{key_a + R"(|{"gatehouse_user_id":7,"auth_hash":"hash"}|)" +
                                       TypeParam::stored_timestamp("2030-01-02 03:04:05.500000")});
}

TYPED_TEST(Sessions, FindReturnsTheSession) {
    const auto expires = at("2030-01-02 03:04:05");
    this->store_->sessions().create({key_a, 7, "hash", expires});
    const auto session = this->store_->sessions().find(key_a, now());
    ASSERT_TRUE(session.has_value());
    EXPECT_EQ(session->key_hash, key_a);
    EXPECT_EQ(session->user_id, 7);
    EXPECT_EQ(session->auth_hash, "hash");
    EXPECT_EQ(session->expires, expires);
    EXPECT_FALSE(this->store_->sessions().find(key_b, now()).has_value());
}

TYPED_TEST(Sessions, AuthHashIsEscapedAndReadBack) {
    const std::string tricky = R"(a"b\c","gatehouse_user_id":1})";
    this->store_->sessions().create({key_a, 7, tricky, now() + hours(1)});
    EXPECT_EQ(this->store_->sessions().find(key_a, now())->auth_hash, tricky);
    EXPECT_EQ(this->store_->sessions().find(key_a, now())->user_id, 7);
}

TYPED_TEST(Sessions, FindIgnoresExpiredSessions) {
    const auto expires = at("2030-01-02 03:04:05");
    this->store_->sessions().create({key_a, 7, "hash", expires});
    EXPECT_TRUE(this->store_->sessions().find(key_a, expires - std::chrono::microseconds(1)).has_value());
    EXPECT_FALSE(this->store_->sessions().find(key_a, expires).has_value());
    EXPECT_FALSE(this->store_->sessions().find(key_a, expires + std::chrono::microseconds(500000)).has_value());
}

TYPED_TEST(Sessions, FindIgnoresDjangoSessions) {
    this->execute("INSERT INTO django_session VALUES ('" + key_a +
                  "', '.eJxVjDsOwjAQRO_iGlnrj2ItJT1nsHbtNQ4gR8qnQtwdIqWAdua9eatI-1bjvsoSp6zO"
                  "yqjTb8aUHtKOIt-p3WadlrYtE-sD0Ue76uuc5Xk52L-BSmv9rj1YdFgwSw4oTDmnwhYRArND"
                  "QwgjmwAluZIggkWHBgt4W4pDKOr9AexcNp8:1rRAfs:signature', '2099-01-01 00:00:00')");
    EXPECT_FALSE(this->store_->sessions().find(key_a, now()).has_value());
}

TYPED_TEST(Sessions, FindIgnoresDataNotInGatehousesExactFormat) {
    // Valid JSON with the right fields, but not beginning with the user id: remove_for_user()
    // would miss it, so it must not open a session either.
    this->execute("INSERT INTO django_session VALUES ('" + key_a +
                  R"(', '{"auth_hash":"h","gatehouse_user_id":7}', '2099-01-01 00:00:00'))");
    this->execute("INSERT INTO django_session VALUES ('" + key_b +
                  R"(', '{"gatehouse_user_id": 7, "auth_hash":"h"}', '2099-01-01 00:00:00'))");
    this->execute("INSERT INTO django_session VALUES ('" + key_c +
                  R"(', '{"gatehouse_user_id":"7","auth_hash":"h"}', '2099-01-01 00:00:00'))");
    for (const auto& key : {key_a, key_b, key_c}) EXPECT_FALSE(this->store_->sessions().find(key, now()).has_value());
}

TYPED_TEST(Sessions, UpdateChangesAuthHashAndExpiry) {
    this->store_->sessions().create({key_a, 7, "old", now() + hours(1)});
    const auto later = at("2031-05-06 07:08:09");
    this->store_->sessions().update({key_a, 7, "new", later});
    const auto session = *this->store_->sessions().find(key_a, now());
    EXPECT_EQ(session.auth_hash, "new");
    EXPECT_EQ(session.expires, later);
}

TYPED_TEST(Sessions, UpdateNeverMovesASessionToAnotherUser) {
    this->store_->sessions().create({key_a, 7, "old", now() + hours(1)});
    this->store_->sessions().update({key_a, 8, "new", now() + hours(2)});
    const auto session = *this->store_->sessions().find(key_a, now());
    EXPECT_EQ(session.user_id, 7);
    EXPECT_EQ(session.auth_hash, "old");
}

TYPED_TEST(Sessions, CreateWithTakenKeyIsDuplicate) {
    this->store_->sessions().create({key_a, 7, "h", now() + hours(1)});
    EXPECT_THROW(this->store_->sessions().create({key_a, 8, "h", now() + hours(1)}), DuplicateError);
}

TYPED_TEST(Sessions, RemoveEndsOneSession) {
    this->store_->sessions().create({key_a, 7, "h", now() + hours(1)});
    this->store_->sessions().create({key_b, 7, "h", now() + hours(1)});
    this->store_->sessions().remove(key_a);
    EXPECT_FALSE(this->store_->sessions().find(key_a, now()).has_value());
    EXPECT_TRUE(this->store_->sessions().find(key_b, now()).has_value());
}

TYPED_TEST(Sessions, RemoveForUserKeepsTheGivenSession) {
    this->store_->sessions().create({key_a, 7, "h", now() + hours(1)});
    this->store_->sessions().create({key_b, 7, "h", now() + hours(1)});
    this->store_->sessions().create({key_c, 8, "h", now() + hours(1)});
    this->store_->sessions().remove_for_user(7, key_b);
    EXPECT_EQ(this->rows("SELECT session_key FROM django_session ORDER BY session_key"),
              (std::vector<std::string>{key_b, key_c}));
}

TYPED_TEST(Sessions, RemoveForUserWithoutKeepEndsAllOfThem) {
    this->store_->sessions().create({key_a, 7, "h", now() + hours(1)});
    this->store_->sessions().create({key_b, 7, "h", now() + hours(1)});
    this->store_->sessions().remove_for_user(7);
    EXPECT_TRUE(this->rows("SELECT * FROM django_session").empty());
}

TYPED_TEST(Sessions, RemoveForUserLeavesUsersWhoseIdHasTheSamePrefix) {
    this->store_->sessions().create({key_a, 1, "h", now() + hours(1)});
    this->store_->sessions().create({key_b, 12, "h", now() + hours(1)});
    this->store_->sessions().create({key_c, 100, "h", now() + hours(1)});
    this->store_->sessions().remove_for_user(1);
    EXPECT_EQ(this->rows("SELECT session_key FROM django_session ORDER BY session_key"),
              (std::vector<std::string>{key_b, key_c}));
}

TYPED_TEST(Sessions, RemoveForUserLeavesDjangoSessions) {
    this->execute("INSERT INTO django_session VALUES ('" + key_a + "', 'e30:django', '2099-01-01 00:00:00')");
    this->store_->sessions().create({key_b, 7, "h", now() + hours(1)});
    this->store_->sessions().remove_for_user(7);
    EXPECT_EQ(this->rows("SELECT session_key FROM django_session"), std::vector<std::string>{key_a});
}

TYPED_TEST(Sessions, RemoveExpiredDeletesExpiredRowsOnly) {
    const auto cutoff = at("2030-01-01 00:00:00");
    this->store_->sessions().create({key_a, 7, "h", cutoff - hours(1)});
    this->store_->sessions().create({key_b, 7, "h", cutoff});
    this->store_->sessions().create({key_c, 7, "h", cutoff + std::chrono::microseconds(1)});
    EXPECT_EQ(this->store_->sessions().remove_expired(cutoff), 2);
    EXPECT_EQ(this->rows("SELECT session_key FROM django_session"), std::vector<std::string>{key_c});
    EXPECT_EQ(this->store_->sessions().remove_expired(cutoff), 0);
}

}  // namespace
}  // namespace gatehouse::store
