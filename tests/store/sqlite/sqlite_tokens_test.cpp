#include "store/sqlite/store_fixture.hpp"

#include <atomic>
#include <thread>

namespace gatehouse::store {
namespace {

using Tokens = testing::MigratedStore;
using std::chrono::hours;

OutstandingToken token(const std::string& jti, std::optional<UserId> user, Timestamp expires) {
    return {jti, "header.payload." + jti, user, expires - hours(24), expires};
}

TEST_F(Tokens, RecordOutstandingStoresSimpleJwtsColumns) {
    const UserId user = make_user("alice");
    const auto expires = *from_sqlite_text("2030-01-02 03:04:05.000006");
    store_->tokens().record_outstanding(token("a", user, expires));
    EXPECT_EQ(rows("SELECT jti, token, user_id, created_at, expires_at FROM token_blacklist_outstandingtoken"),
              std::vector<std::string>{"a|header.payload.a|" + std::to_string(user) +
                                       "|2030-01-01 03:04:05.000006|2030-01-02 03:04:05.000006"});
    EXPECT_THROW(store_->tokens().record_outstanding(token("a", user, expires)), DuplicateError);
}

TEST_F(Tokens, BlacklistOnceThenFalse) {
    const auto t = token("a", std::nullopt, now() + hours(1));
    EXPECT_FALSE(store_->tokens().is_blacklisted("a"));
    EXPECT_TRUE(store_->tokens().blacklist(t));  // records it as outstanding first
    EXPECT_TRUE(store_->tokens().is_blacklisted("a"));
    EXPECT_FALSE(store_->tokens().blacklist(t));
    EXPECT_EQ(rows("SELECT COUNT(*) FROM token_blacklist_outstandingtoken"), std::vector<std::string>{"1"});
}

TEST_F(Tokens, RotateBlacklistsOldAndRecordsReplacement) {
    const UserId user = make_user("alice");
    store_->tokens().record_outstanding(token("old", user, now() + hours(24)));
    EXPECT_TRUE(store_->tokens().rotate(token("old", user, now() + hours(24)), token("new", user, now() + hours(24))));
    EXPECT_TRUE(store_->tokens().is_blacklisted("old"));
    EXPECT_FALSE(store_->tokens().is_blacklisted("new"));
    EXPECT_EQ(rows("SELECT jti FROM token_blacklist_outstandingtoken ORDER BY id"),
              (std::vector<std::string>{"old", "new"}));
}

TEST_F(Tokens, RotateOfBlacklistedTokenWritesNothing) {
    const auto old = token("old", std::nullopt, now() + hours(24));
    ASSERT_TRUE(store_->tokens().blacklist(old));
    EXPECT_FALSE(store_->tokens().rotate(old, token("new", std::nullopt, now() + hours(24))));
    EXPECT_EQ(rows("SELECT jti FROM token_blacklist_outstandingtoken"), std::vector<std::string>{"old"});
    EXPECT_EQ(rows("SELECT COUNT(*) FROM token_blacklist_blacklistedtoken"), std::vector<std::string>{"1"});
}

TEST_F(Tokens, RotateFailureLeavesNoHalfWrite) {
    // The replacement's jti is taken: the whole rotation rolls back, old stays usable.
    store_->tokens().record_outstanding(token("taken", std::nullopt, now() + hours(24)));
    EXPECT_THROW(store_->tokens().rotate(token("old", std::nullopt, now() + hours(24)),
                                         token("taken", std::nullopt, now() + hours(24))),
                 DuplicateError);
    EXPECT_FALSE(store_->tokens().is_blacklisted("old"));
    EXPECT_EQ(rows("SELECT jti FROM token_blacklist_outstandingtoken"), std::vector<std::string>{"taken"});
}

TEST_F(Tokens, ConcurrentRotationsOfOneTokenExactlyOneWins) {
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

TEST_F(Tokens, ConcurrentRotationsAcrossTwoStoresOnOneFile) {
    // Two processes' worth of pools: the busy timeout, not the in-process mutex, serializes them.
    auto second = open_store(db_.url());
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

TEST_F(Tokens, FlushExpiredRemovesExpiredAndTheirBlacklistRows) {
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
