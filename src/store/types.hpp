#pragma once
// Rows of Django's tables as gatehouse uses them.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

struct Group {  // auth_group
    std::int64_t id = 0;
    std::string name;
};

struct Permission {  // auth_permission with its content type
    std::int64_t id = 0;
    std::string app_label;  // django_content_type.app_label, e.g. "auth"
    std::string model;      // django_content_type.model, e.g. "user"
    std::string codename;   // "view_user"
    std::string name;       // "Can view user"
};

// A user's many-to-many links, as the admin's change form edits them.
struct UserRelations {
    std::vector<std::int64_t> group_ids;       // sorted ascending
    std::vector<std::int64_t> permission_ids;  // direct permissions only, sorted ascending
};

// Filters, search and ordering of the admin's user list (Django's UserAdmin changelist).
struct UserQuery {
    // Every term must match (case-insensitively, as a substring) at least one of username,
    // first_name, last_name, email. Terms are literal: % and _ match themselves.
    std::vector<std::string> terms;
    std::optional<bool> is_staff;
    std::optional<bool> is_superuser;
    std::optional<bool> is_active;
    std::optional<std::int64_t> group_id;  // members of this group
    enum class OrderBy { username, email, first_name, last_name, is_staff, id };
    OrderBy order_by = OrderBy::username;
    bool descending = false;  // ties are broken by id descending, as Django adds -pk
    std::int64_t offset = 0;
    std::int64_t limit = 100;  // < 0: no limit
};

struct UserPage {
    std::vector<User> users;
    std::int64_t matching = 0;  // how many match the query, ignoring offset/limit
};

// What a deletion of users takes with it, for the confirmation page (Django's
// "Summary"): rows that cascade. Outstanding tokens are kept (SET NULL), so not counted.
struct UserDeletionSummary {
    std::int64_t users = 0;
    std::int64_t group_links = 0;       // auth_user_groups rows
    std::int64_t permission_links = 0;  // auth_user_user_permissions rows
    std::int64_t log_entries = 0;       // django_admin_log rows written by these users
};

struct GroupDeletionSummary {
    std::int64_t groups = 0;
    std::int64_t member_links = 0;      // auth_user_groups rows
    std::int64_t permission_links = 0;  // auth_group_permissions rows
};

// A server-side admin session, kept in Django's django_session table. The browser holds
// a random key; the table holds only its SHA-256, so a copy of the database opens no
// session.
struct Session {
    std::string key_hash;   // hex SHA-256 of the cookie value (session_key column, 40 chars kept)
    UserId user_id = 0;
    std::string auth_hash;  // ties the session to the password it was opened with
    Timestamp expires{};
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
