// The token blacklist on every backend (typed over store_backends.hpp's traits, so SQLite and
// PostgreSQL answer the same tests): SimpleJWT's columns, blacklisting, rotation and its races,
// flushing. PostgreSQL's bigint ids and the jtis it cannot hold are in
// postgres/column_limits_test.cpp.
#include "store/store_backends.hpp"

#include <atomic>
#include <thread>
#include <type_traits>

namespace gatehouse::store {
namespace {

template <typename Backend>
class Tokens : public testing::StoreTest<Backend> {
protected:
    // PostgreSQL: 16 connections, so each racer below gets a backend of its own, as if on 16
    // nodes. SQLite keeps its default pool: one file serializes the writers whatever its size.
    StoreOptions options() const override {
        StoreOptions options;
        if constexpr (std::is_same_v<Backend, testing::PostgresBackend>) options.pool_size = 16;
        return options;
    }
};
TYPED_TEST_SUITE(Tokens, testing::StoreBackends);
using std::chrono::hours;

OutstandingToken token(const std::string& jti, std::optional<UserId> user, Timestamp expires) {
    return {jti, "header.payload." + jti, user, expires - hours(24), expires};
}

// 16 threads, released together, each rotate `old` into a replacement of its own: exactly
// one may succeed, and none may fail with an error.
void expect_exactly_one_rotation_wins(Store& store, const OutstandingToken& old) {
    constexpr int racers = 16;
    std::atomic<int> wins = 0, errors = 0;
    std::atomic<bool> go = false;
    std::vector<std::thread> threads;
    for (int i = 0; i < racers; ++i) {
        threads.emplace_back([&, i] {
            while (!go) std::this_thread::yield();
            try {
                if (store.tokens().rotate(old, token("new" + std::to_string(i), old.user_id, now() + hours(24)))) ++wins;
            } catch (...) {
                ++errors;
            }
        });
    }
    go = true;
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(wins, 1);
    EXPECT_EQ(errors, 0);
}

TYPED_TEST(Tokens, RecordOutstandingStoresSimpleJwtsColumns) {
    const UserId user = this->make_user("alice");
    const auto expires = *from_sqlite_text("2030-01-02 03:04:05.000006");
    this->store_->tokens().record_outstanding(token("a", user, expires));
    EXPECT_EQ(this->rows("SELECT jti, token, user_id, created_at, expires_at FROM token_blacklist_outstandingtoken"),
              std::vector<std::string>{"a|header.payload.a|" + std::to_string(user) + "|" +
                                       TypeParam::stored_timestamp("2030-01-01 03:04:05.000006") + "|" +
                                       TypeParam::stored_timestamp("2030-01-02 03:04:05.000006")});
    EXPECT_THROW(this->store_->tokens().record_outstanding(token("a", user, expires)), DuplicateError);
}

TYPED_TEST(Tokens, BlacklistOnceThenFalse) {
    const auto t = token("a", std::nullopt, now() + hours(1));
    EXPECT_FALSE(this->store_->tokens().is_blacklisted("a"));
    EXPECT_TRUE(this->store_->tokens().blacklist(t));  // records it as outstanding first
    EXPECT_TRUE(this->store_->tokens().is_blacklisted("a"));
    EXPECT_FALSE(this->store_->tokens().blacklist(t));
    EXPECT_EQ(this->rows("SELECT COUNT(*) FROM token_blacklist_outstandingtoken"), std::vector<std::string>{"1"});
}

TYPED_TEST(Tokens, RotateBlacklistsOldAndRecordsReplacement) {
    const UserId user = this->make_user("alice");
    this->store_->tokens().record_outstanding(token("old", user, now() + hours(24)));
    EXPECT_TRUE(
        this->store_->tokens().rotate(token("old", user, now() + hours(24)), token("new", user, now() + hours(24))));
    EXPECT_TRUE(this->store_->tokens().is_blacklisted("old"));
    EXPECT_FALSE(this->store_->tokens().is_blacklisted("new"));
    EXPECT_EQ(this->rows("SELECT jti FROM token_blacklist_outstandingtoken ORDER BY id"),
              (std::vector<std::string>{"old", "new"}));
}

TYPED_TEST(Tokens, RotateOfBlacklistedTokenWritesNothing) {
    const auto old = token("old", std::nullopt, now() + hours(24));
    ASSERT_TRUE(this->store_->tokens().blacklist(old));
    EXPECT_FALSE(this->store_->tokens().rotate(old, token("new", std::nullopt, now() + hours(24))));
    EXPECT_EQ(this->rows("SELECT jti FROM token_blacklist_outstandingtoken"), std::vector<std::string>{"old"});
    EXPECT_EQ(this->rows("SELECT COUNT(*) FROM token_blacklist_blacklistedtoken"), std::vector<std::string>{"1"});
}

TYPED_TEST(Tokens, RotateFailureLeavesNoHalfWrite) {
    // The replacement's jti is taken: the whole rotation rolls back, old stays usable.
    this->store_->tokens().record_outstanding(token("taken", std::nullopt, now() + hours(24)));
    EXPECT_THROW(this->store_->tokens().rotate(token("old", std::nullopt, now() + hours(24)),
                                               token("taken", std::nullopt, now() + hours(24))),
                 DuplicateError);
    EXPECT_FALSE(this->store_->tokens().is_blacklisted("old"));
    EXPECT_EQ(this->rows("SELECT jti FROM token_blacklist_outstandingtoken"), std::vector<std::string>{"taken"});
}

TYPED_TEST(Tokens, ConcurrentRotationsOfOneTokenExactlyOneWins) {
    const UserId user = this->make_user("alice");
    const auto old = token("old", user, now() + hours(24));
    this->store_->tokens().record_outstanding(old);
    expect_exactly_one_rotation_wins(*this->store_, old);
    EXPECT_EQ(this->rows("SELECT COUNT(*) FROM token_blacklist_outstandingtoken"), std::vector<std::string>{"2"});
    EXPECT_EQ(this->rows("SELECT COUNT(*) FROM token_blacklist_blacklistedtoken"), std::vector<std::string>{"1"});
}

TYPED_TEST(Tokens, ConcurrentRotationsOfAnUnrecordedTokenExactlyOneWins) {
    // Nobody recorded the token: every racer tries to insert its outstanding row too.
    const UserId user = this->make_user("alice");
    const auto old = token("old", user, now() + hours(24));
    expect_exactly_one_rotation_wins(*this->store_, old);
    EXPECT_EQ(this->rows("SELECT COUNT(*) FROM token_blacklist_outstandingtoken"), std::vector<std::string>{"2"});
    EXPECT_EQ(this->rows("SELECT COUNT(*) FROM token_blacklist_blacklistedtoken"), std::vector<std::string>{"1"});
}

TYPED_TEST(Tokens, ConcurrentRotationsAcrossTwoStoresOnOneDatabase) {
    // Two processes' worth of pools: only the database can serialize them (on SQLite, the busy
    // timeout on the one file, not the in-process mutex).
    auto second = open_store(this->url());
    const auto old = token("old", std::nullopt, now() + hours(24));
    std::atomic<int> wins = 0, errors = 0;
    std::vector<std::thread> threads;
    for (int i = 0; i < 10; ++i) {
        threads.emplace_back([&, i] {
            auto& store = i % 2 ? *this->store_ : *second;
            try {
                if (store.tokens().rotate(old, token("new" + std::to_string(i), std::nullopt, now() + hours(1)))) ++wins;
            } catch (...) {
                ++errors;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(wins, 1);
    EXPECT_EQ(errors, 0);
}

TYPED_TEST(Tokens, FlushExpiredRemovesExpiredAndTheirBlacklistRows) {
    const auto t0 = *from_sqlite_text("2024-01-31 12:00:00");
    this->store_->tokens().blacklist(token("expired-blacklisted", std::nullopt, t0 - hours(1)));
    this->store_->tokens().record_outstanding(token("expired", std::nullopt, t0));
    this->store_->tokens().blacklist(token("live-blacklisted", std::nullopt, t0 + std::chrono::microseconds(1)));
    this->store_->tokens().record_outstanding(token("live", std::nullopt, t0 + hours(1)));
    EXPECT_EQ(this->store_->tokens().flush_expired(t0), 2);
    EXPECT_EQ(this->rows("SELECT jti FROM token_blacklist_outstandingtoken ORDER BY id"),
              (std::vector<std::string>{"live-blacklisted", "live"}));
    EXPECT_EQ(this->rows("SELECT COUNT(*) FROM token_blacklist_blacklistedtoken"), std::vector<std::string>{"1"});
    EXPECT_EQ(this->store_->tokens().flush_expired(t0), 0);
}

}  // namespace
}  // namespace gatehouse::store
