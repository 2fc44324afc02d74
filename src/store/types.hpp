#pragma once
// Rows of Django's tables as gatehouse uses them.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace gatehouse::store {

// Django stores aware datetimes in UTC with microsecond precision.
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;
Timestamp now();

using UserId = std::int64_t;  // auth_user.id (a 32-bit integer column, read as 64)

struct User {  // auth_user
    UserId id = 0;
    std::string password;  // Django's encoded hash
    std::optional<Timestamp> last_login;
    bool is_superuser = false;
    std::string username;
    std::string last_name;
    std::string email;
    bool is_staff = false;
    bool is_active = true;
    Timestamp date_joined{};
    std::string first_name;
};

struct NewUser {
    std::string username;
    std::string password;  // already encoded
    std::string email;
    std::string first_name;
    std::string last_name;
    bool is_staff = false;
    bool is_superuser = false;
    bool is_active = true;
};

struct OutstandingToken {  // token_blacklist_outstandingtoken
    std::string jti;
    std::string token;  // the raw refresh JWT, as SimpleJWT stores it
    std::optional<UserId> user_id;
    Timestamp created_at{};
    Timestamp expires_at{};
};

// django_admin_log.action_flag
enum class AdminAction : int { addition = 1, change = 2, deletion = 3 };

struct LogEntryInput {  // django_admin_log
    UserId user_id = 0;            // who acted (the system user for the command line)
    std::string app_label;         // content type, e.g. "auth"
    std::string model;             //   and "user"
    std::string object_id;
    std::string object_repr;       // truncated to 200 characters by the store
    AdminAction action = AdminAction::change;
    std::string change_message;    // Django's JSON change message
};

struct LogEntry {
    std::int64_t id = 0;
    Timestamp action_time{};
    UserId user_id = 0;
    std::optional<std::int64_t> content_type_id;
    std::optional<std::string> object_id;
    std::string object_repr;
    AdminAction action = AdminAction::change;
    std::string change_message;
};

}  // namespace gatehouse::store
