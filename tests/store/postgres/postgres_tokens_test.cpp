#include "store/postgres/postgres_fixture.hpp"

#include <atomic>
#include <thread>

namespace gatehouse::store {
namespace {

// 16 connections: each racer below gets a backend of its own, as if on 16 nodes.
class PgTokens : public testing::PostgresMigratedStore {
protected:
    StoreOptions options() const override {
        StoreOptions options;
        options.pool_size = 16;
        return options;
    }
};
using std::chrono::hours;

OutstandingToken token(const std::string& jti, std::optional<UserId> user, Timestamp expires) {
    return {jti, "header.payload." + jti, user, expires - hours(24), expires};
}

TEST_F(PgTokens, RecordOutstandingStoresSimpleJwtsColumns) {
    const UserId user = make_user("alice");
    const auto expires = *from_sqlite_text("2030-01-02 03:04:05.000006");
    store_->tokens().record_outstanding(token("a", user, expires));
    EXPECT_EQ(rows("SELECT jti, token, user_id, created_at, expires_at FROM token_blacklist_outstandingtoken"),
              std::vector<std::string>{"a|header.payload.a|" + std::to_string(user) +
                                       "|2030-01-01 03:04:05.000006+00|2030-01-02 03:04:05.000006+00"});
    EXPECT_THROW(store_->tokens().record_outstanding(token("a", user, expires)), DuplicateError);
}

TEST_F(PgTokens, BlacklistOnceThenFalse) {
    const auto t = token("a", std::nullopt, now() + hours(1));
    EXPECT_FALSE(store_->tokens().is_blacklisted("a"));
    EXPECT_TRUE(store_->tokens().blacklist(t));  // records it as outstanding first
    EXPECT_TRUE(store_->tokens().is_blacklisted("a"));
    EXPECT_FALSE(store_->tokens().blacklist(t));
    EXPECT_EQ(rows("SELECT COUNT(*) FROM token_blacklist_outstandingtoken"), std::vector<std::string>{"1"});
}

TEST_F(PgTokens, RotateBlacklistsOldAndRecordsReplacement) {
    const UserId user = make_user("alice");
    store_->tokens().record_outstanding(token("old", user, now() + hours(24)));
    EXPECT_TRUE(store_->tokens().rotate(token("old", user, now() + hours(24)), token("new", user, now() + hours(24))));
    EXPECT_TRUE(store_->tokens().is_blacklisted("old"));
    EXPECT_FALSE(store_->tokens().is_blacklisted("new"));
    EXPECT_EQ(rows("SELECT jti FROM token_blacklist_outstandingtoken ORDER BY id"),
              (std::vector<std::string>{"old", "new"}));
}

TEST_F(PgTokens, RotateOfBlacklistedTokenWritesNothing) {
    const auto old = token("old", std::nullopt, now() + hours(24));
    ASSERT_TRUE(store_->tokens().blacklist(old));
    EXPECT_FALSE(store_->tokens().rotate(old, token("new", std::nullopt, now() + hours(24))));
    EXPECT_EQ(rows("SELECT jti FROM token_blacklist_outstandingtoken"), std::vector<std::string>{"old"});
    EXPECT_EQ(rows("SELECT COUNT(*) FROM token_blacklist_blacklistedtoken"), std::vector<std::string>{"1"});
}

TEST_F(PgTokens, RotateFailureLeavesNoHalfWrite) {
    // The replacement's jti is taken: the whole rotation rolls back, old stays usable.
    store_->tokens().record_outstanding(token("taken", std::nullopt, now() + hours(24)));
    EXPECT_THROW(store_->tokens().rotate(token("old", std::nullopt, now() + hours(24)),
                                         token("taken", std::nullopt, now() + hours(24))),
                 DuplicateError);
    EXPECT_FALSE(store_->tokens().is_blacklisted("old"));
    EXPECT_EQ(rows("SELECT jti FROM token_blacklist_outstandingtoken"), std::vector<std::string>{"taken"});
}

TEST_F(PgTokens, ConcurrentRotationsOfOneTokenExactlyOneWins) {
    const UserId user = make_user("alice");
    const auto old = token("old", user, now() + hours(24));
    store_->tokens().record_outstanding(old);
    constexpr int racers = 16;
    std::atomic<int> wins = 0, errors = 0;
    std::atomic<bool> go = false;
    std::vector<std::thread> threads;
    for (int i = 0; i < racers; ++i) {
        threads.emplace_back([&, i] {
            while (!go) std::this_thread::yield();
            try {
                if (store_->tokens().rotate(old, token("new" + std::to_string(i), user, now() + hours(24)))) ++wins;
            } catch (...) {
                ++errors;
            }
        });
    }
    go = true;
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(wins, 1);
    EXPECT_EQ(errors, 0);
    EXPECT_EQ(rows("SELECT COUNT(*) FROM token_blacklist_outstandingtoken"), std::vector<std::string>{"2"});
    EXPECT_EQ(rows("SELECT COUNT(*) FROM token_blacklist_blacklistedtoken"), std::vector<std::string>{"1"});
}

TEST_F(PgTokens, ConcurrentRotationsOfAnUnrecordedTokenExactlyOneWins) {
    // Nobody recorded the token: every racer tries to insert its outstanding row too.
    const UserId user = make_user("alice");
    const auto old = token("old", user, now() + hours(24));
    constexpr int racers = 16;
    std::atomic<int> wins = 0, errors = 0;
    std::atomic<bool> go = false;
    std::vector<std::thread> threads;
    for (int i = 0; i < racers; ++i) {
        threads.emplace_back([&, i] {
            while (!go) std::this_thread::yield();
            try {
                if (store_->tokens().rotate(old, token("new" + std::to_string(i), user, now() + hours(24)))) ++wins;
            } catch (...) {
                ++errors;
            }
        });
    }
    go = true;
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(wins, 1);
    EXPECT_EQ(errors, 0);
    EXPECT_EQ(rows("SELECT COUNT(*) FROM token_blacklist_outstandingtoken"), std::vector<std::string>{"2"});
    EXPECT_EQ(rows("SELECT COUNT(*) FROM token_blacklist_blacklistedtoken"), std::vector<std::string>{"1"});
}

TEST_F(PgTokens, ConcurrentRotationsAcrossTwoStoresOnOneDatabase) {
    // Two processes' worth of pools: only the database can serialize them.
    auto second = open_store(db_->url());
    const auto old = token("old", std::nullopt, now() + hours(24));
    std::atomic<int> wins = 0, errors = 0;
    std::vector<std::thread> threads;
    for (int i = 0; i < 10; ++i) {
        threads.emplace_back([&, i] {
            auto& store = i % 2 ? *store_ : *second;
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

TEST_F(PgTokens, IdsAreBigintAsSimpleJwtMakesThem) {
    execute("SELECT setval('token_blacklist_outstandingtoken_id_seq', 5000000000)");
    store_->tokens().blacklist(token("big", std::nullopt, now() + hours(1)));
    EXPECT_TRUE(store_->tokens().is_blacklisted("big"));
    EXPECT_EQ(rows("SELECT o.id, b.token_id = o.id FROM token_blacklist_outstandingtoken o "
                   "JOIN token_blacklist_blacklistedtoken b ON b.token_id = o.id"),
              std::vector<std::string>{"5000000001|t"});
}

TEST_F(PgTokens, JtisPostgresCannotHoldAreNeverBlacklisted) {
    EXPECT_FALSE(store_->tokens().is_blacklisted(std::string("a\0b", 3)));
    EXPECT_FALSE(store_->tokens().is_blacklisted("\xff"));
}

TEST_F(PgTokens, FlushExpiredRemovesExpiredAndTheirBlacklistRows) {
    const auto t0 = *from_sqlite_text("2024-01-31 12:00:00");
    store_->tokens().blacklist(token("expired-blacklisted", std::nullopt, t0 - hours(1)));
    store_->tokens().record_outstanding(token("expired", std::nullopt, t0));
    store_->tokens().blacklist(token("live-blacklisted", std::nullopt, t0 + std::chrono::microseconds(1)));
    store_->tokens().record_outstanding(token("live", std::nullopt, t0 + hours(1)));
    EXPECT_EQ(store_->tokens().flush_expired(t0), 2);
    EXPECT_EQ(rows("SELECT jti FROM token_blacklist_outstandingtoken ORDER BY id"),
              (std::vector<std::string>{"live-blacklisted", "live"}));
    EXPECT_EQ(rows("SELECT COUNT(*) FROM token_blacklist_blacklistedtoken"), std::vector<std::string>{"1"});
    EXPECT_EQ(store_->tokens().flush_expired(t0), 0);
}

}  // namespace
}  // namespace gatehouse::store
