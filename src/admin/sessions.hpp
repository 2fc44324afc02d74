#pragma once
// Server-side admin sessions. The browser holds a random key in the `sessionid` cookie;
// the database holds only a hash of it, the user id, and a hash of the user's password
// (as Django's session auth hash), so a session ends when:
//   - the user logs out (the row is deleted),
//   - the user is deactivated, loses staff status or is deleted (checked at every request),
//   - the password changes (the hash no longer matches; the session that changed it is
//     re-tied to the new password),
//   - two weeks pass (Django's SESSION_COOKIE_AGE).
#include "http/message.hpp"
#include "store/store.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace gatehouse::admin {

inline constexpr std::string_view session_cookie_name = "sessionid";
inline constexpr std::chrono::seconds session_lifetime{14 * 24 * 3600};

struct AdminSession {
    store::User user;
    std::string key_hash;
};

class SessionManager {
public:
    SessionManager(store::Store& store, std::string secret_key) : store_(store), secret_key_(std::move(secret_key)) {}

    // The session the request's cookie names, when it is live and its user may use the
    // admin (active staff with an unchanged password). A dead session's row is deleted.
    std::optional<AdminSession> load(const http::Request& request);

    // Opens a new session for `user` (a new key at every login, against session fixation);
    // returns the cookie value.
    std::string open(const store::User& user);
    void end(std::string_view key_hash);
    // Ends every session of the user (deactivated, or no longer staff).
    void end_all(store::UserId user);
    // After `user`'s password changed to `encoded_password`: ends their other sessions and
    // keeps `keep_key_hash` (empty: ends them all).
    void password_changed(store::UserId user, std::string_view encoded_password, std::string_view keep_key_hash);

    static std::string key_hash_of(std::string_view cookie_value);

private:
    std::string auth_hash(std::string_view encoded_password) const;

    store::Store& store_;
    std::string secret_key_;
};

}  // namespace gatehouse::admin
