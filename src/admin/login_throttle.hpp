#pragma once
// Slows password guessing at /admin/login/: after too many failures within a window for
// one username, or from one client address, further attempts are refused without a
// password check until the oldest failure leaves the window. Counting per username stops
// a guesser spreading over addresses; per address, one spreading over usernames.
// In memory, per process: a restart forgets, and each node of a cluster counts alone.
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace gatehouse::admin {

struct ThrottleLimits {
    int failures_per_username = 5;
    int failures_per_address = 30;
    std::chrono::seconds window{15 * 60};
};

class LoginThrottle {
public:
    using Clock = std::chrono::steady_clock;
    explicit LoginThrottle(ThrottleLimits limits = {}) : limits_(limits) {}

    // How long until an attempt is allowed again, or nullopt when it is allowed now.
    std::optional<std::chrono::seconds> retry_after(std::string_view username, std::string_view address,
                                                    Clock::time_point now = Clock::now());
    void record_failure(std::string_view username, std::string_view address, Clock::time_point now = Clock::now());
    // A successful login clears the username's failures (not the address's).
    void record_success(std::string_view username);

private:
    using Failures = std::deque<Clock::time_point>;
    std::optional<std::chrono::seconds> wait_for(std::map<std::string, Failures, std::less<>>& table, std::string_view key,
                                                 int limit, Clock::time_point now);

    ThrottleLimits limits_;
    std::mutex mutex_;
    std::map<std::string, Failures, std::less<>> by_username_;
    std::map<std::string, Failures, std::less<>> by_address_;
};

}  // namespace gatehouse::admin
