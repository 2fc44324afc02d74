#include "admin/login_throttle.hpp"

#include <algorithm>

namespace gatehouse::admin {
namespace {

// Usernames and addresses are attacker-chosen: bound how many are remembered.
constexpr std::size_t max_tracked_keys = 100'000;

}  // namespace

std::optional<std::chrono::seconds> LoginThrottle::wait_for(std::map<std::string, Failures, std::less<>>& table,
                                                            std::string_view key, int limit, Clock::time_point now) {
    auto found = table.find(key);
    if (found == table.end()) return std::nullopt;
    Failures& failures = found->second;
    while (!failures.empty() && failures.front() + limits_.window <= now) failures.pop_front();
    if (failures.empty()) {
        table.erase(found);
        return std::nullopt;
    }
    if (static_cast<int>(failures.size()) < limit) return std::nullopt;
    auto wait = std::chrono::ceil<std::chrono::seconds>(failures.front() + limits_.window - now);
    return std::max(wait, std::chrono::seconds{1});
}

std::optional<std::chrono::seconds> LoginThrottle::retry_after(std::string_view username, std::string_view address,
                                                               Clock::time_point now) {
    std::lock_guard lock(mutex_);
    auto by_name = wait_for(by_username_, username, limits_.failures_per_username, now);
    auto by_address = wait_for(by_address_, address, limits_.failures_per_address, now);
    if (by_name && by_address) return std::max(*by_name, *by_address);
    return by_name ? by_name : by_address;
}

void LoginThrottle::record_failure(std::string_view username, std::string_view address, Clock::time_point now) {
    std::lock_guard lock(mutex_);
    for (auto* table : {&by_username_, &by_address_}) {
        std::string_view key = table == &by_username_ ? username : address;
        if (table->size() >= max_tracked_keys && table->find(key) == table->end()) {
            // Under a flood of distinct keys, forget the whole table rather than grow.
            table->clear();
        }
        Failures& failures = (*table)[std::string(key)];
        failures.push_back(now);
        while (failures.size() > 64) failures.pop_front();
    }
}

void LoginThrottle::record_success(std::string_view username) {
    std::lock_guard lock(mutex_);
    if (auto found = by_username_.find(username); found != by_username_.end()) by_username_.erase(found);
}

}  // namespace gatehouse::admin
