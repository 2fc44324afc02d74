// What PostgreSQL's columns cannot hold, and how the store answers: text with a NUL byte or
// invalid UTF-8 (libpq's strings end at a NUL, the server checks UTF-8), ids beyond auth_user's
// integer column, and SimpleJWT's bigint token ids. These limits are PostgreSQL's, so these are
// ordinary tests on its fixture; what both backends share is in the typed suites of
// ../users_test.cpp and ../tokens_test.cpp.
#include "store/store_backends.hpp"

namespace gatehouse::store {
namespace {

using PgColumnLimits = testing::StoreTest<testing::PostgresBackend>;
using std::chrono::hours;

OutstandingToken token(const std::string& jti, std::optional<UserId> user, Timestamp expires) {
    return {jti, "header.payload." + jti, user, expires - hours(24), expires};
}

TEST_F(PgColumnLimits, LookupsOfTextPostgresCannotHoldFindNothing) {
    make_user("alice");
    // libpq would cut "alice\0x" at the NUL and find alice: it must not.
    EXPECT_FALSE(store_->users().find_by_username(std::string("alice\0x", 7)).has_value());
    EXPECT_FALSE(store_->users().find_by_username("alice\xff").has_value());
    EXPECT_FALSE(store_->users().has_permission(1, std::string("auth.view_user\0", 15)));
}

TEST_F(PgColumnLimits, StoringTextPostgresCannotHoldIsAStoreError) {
    NewUser user;
    user.username = std::string("bob\0", 4);
    EXPECT_THROW(store_->users().create(user), StoreError);
    EXPECT_EQ(store_->users().count(), 0);
}

TEST_F(PgColumnLimits, IdsOutsideTheIntegerColumnAreSimplyAbsent) {
    EXPECT_FALSE(store_->users().find_by_id(std::int64_t{1} << 40).has_value());
    EXPECT_FALSE(store_->users().remove(std::int64_t{1} << 40));
    EXPECT_EQ(store_->users().deletion_summary({std::int64_t{1} << 40}).users, 0);
}

TEST_F(PgColumnLimits, IdsAreBigintAsSimpleJwtMakesThem) {
    execute("SELECT setval('token_blacklist_outstandingtoken_id_seq', 5000000000)");
    store_->tokens().blacklist(token("big", std::nullopt, now() + hours(1)));
    EXPECT_TRUE(store_->tokens().is_blacklisted("big"));
    EXPECT_EQ(rows("SELECT o.id, b.token_id = o.id FROM token_blacklist_outstandingtoken o "
                   "JOIN token_blacklist_blacklistedtoken b ON b.token_id = o.id"),
              std::vector<std::string>{"5000000001|t"});
}

TEST_F(PgColumnLimits, JtisPostgresCannotHoldAreNeverBlacklisted) {
    EXPECT_FALSE(store_->tokens().is_blacklisted(std::string("a\0b", 3)));
    EXPECT_FALSE(store_->tokens().is_blacklisted("\xff"));
}

}  // namespace
}  // namespace gatehouse::store
