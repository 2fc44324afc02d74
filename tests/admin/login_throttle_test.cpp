#include "admin/login_throttle.hpp"

#include <gtest/gtest.h>

namespace gatehouse::admin {
namespace {

using namespace std::chrono_literals;
using Clock = LoginThrottle::Clock;

TEST(LoginThrottle, AllowsUntilTheUsernameLimit) {
    LoginThrottle throttle({.failures_per_username = 3, .failures_per_address = 100, .window = 900s});
    auto t = Clock::now();
    for (int i = 0; i < 3; ++i) {
        EXPECT_FALSE(throttle.retry_after("alice", "10.0.0.1", t));
        throttle.record_failure("alice", "10.0.0.1", t);
    }
    auto wait = throttle.retry_after("alice", "10.0.0.2", t);  // another address does not help
    ASSERT_TRUE(wait);
    EXPECT_EQ(*wait, 900s);
    EXPECT_FALSE(throttle.retry_after("bob", "10.0.0.1", t));
}

TEST(LoginThrottle, FailuresLeaveTheWindow) {
    LoginThrottle throttle({.failures_per_username = 2, .failures_per_address = 100, .window = 60s});
    auto t = Clock::now();
    throttle.record_failure("alice", "a", t);
    throttle.record_failure("alice", "a", t + 30s);
    EXPECT_EQ(*throttle.retry_after("alice", "a", t + 40s), 20s);
    EXPECT_FALSE(throttle.retry_after("alice", "a", t + 61s));
}

TEST(LoginThrottle, AddressLimitCoversManyUsernames) {
    LoginThrottle throttle({.failures_per_username = 100, .failures_per_address = 3, .window = 900s});
    auto t = Clock::now();
    throttle.record_failure("a", "10.0.0.9", t);
    throttle.record_failure("b", "10.0.0.9", t);
    throttle.record_failure("c", "10.0.0.9", t);
    EXPECT_TRUE(throttle.retry_after("d", "10.0.0.9", t));
    EXPECT_FALSE(throttle.retry_after("d", "10.0.0.8", t));
}

TEST(LoginThrottle, SuccessClearsTheUsernameButNotTheAddress) {
    LoginThrottle throttle({.failures_per_username = 2, .failures_per_address = 2, .window = 900s});
    auto t = Clock::now();
    throttle.record_failure("alice", "x", t);
    throttle.record_failure("alice", "y", t);
    throttle.record_success("alice");
    EXPECT_FALSE(throttle.retry_after("alice", "z", t));
    throttle.record_failure("carol", "x", t);
    EXPECT_TRUE(throttle.retry_after("dave", "x", t));
}

}  // namespace
}  // namespace gatehouse::admin
