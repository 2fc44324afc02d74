#pragma once
// The database interface. Handlers and services see only this; sqlite/ and postgres/
// implement it on Django's own tables. Every method is safe to call from any
// thread. Failures of the database itself throw StoreError; expected outcomes (no such
// user, a token already blacklisted) are return values.
#include "store/types.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gatehouse::store {

class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A unique constraint refused the write (a username or group name already taken).
class DuplicateError : public StoreError {
public:
    using StoreError::StoreError;
};

class UserRepository {
public:
    virtual ~UserRepository() = default;
    virtual std::optional<User> find_by_id(UserId id) = 0;
    // Exact, case-sensitive match, as Django's ModelBackend.
    virtual std::optional<User> find_by_username(std::string_view username) = 0;
    virtual std::vector<User> list_ordered_by_id() = 0;
    virtual std::int64_t count() = 0;
    // Throws DuplicateError when the username is taken. date_joined is now.
    virtual UserId create(const NewUser& user) = 0;
    // Writes every column but id.
    virtual void update(const User& user) = 0;
    virtual void set_password(UserId id, std::string_view encoded) = 0;
    virtual void set_last_login(UserId id, Timestamp when) = 0;
    // Deletes the user as Django's ORM does: group and permission links and admin log rows
    // cascade, outstanding tokens keep their row with user_id set to NULL. False if absent.
    virtual bool remove(UserId id) = 0;
    // "app_label.codename" permissions held directly or through groups (not superuser
    // status: callers decide what is_superuser and is_active mean), sorted.
    virtual std::vector<std::string> permissions(UserId id) = 0;
    virtual bool has_permission(UserId id, std::string_view app_label_dot_codename) = 0;
    // Grants/revokes one direct permission; false when the permission does not exist.
    virtual bool grant_permission(UserId id, std::string_view app_label_dot_codename) = 0;
    virtual bool revoke_permission(UserId id, std::string_view app_label_dot_codename) = 0;

    // --- The admin's unit-of-work writes: each is one transaction, the admin log row
    // included, so a change is never saved without its log entry or the reverse.

    virtual UserPage search(const UserQuery& query) = 0;
    virtual UserRelations relations(UserId id) = 0;
    // Creates the user and writes `log` with object_id set to the new id.
    virtual UserId create_logged(const NewUser& user, const LogEntryInput& log) = 0;
    // Writes every column but id (and but password), replaces the group and direct
    // permission links when `relations` is given, and writes `log` when given. Throws
    // DuplicateError when the new username is taken.
    virtual void update_logged(const User& user, const std::optional<UserRelations>& relations,
                               const std::optional<LogEntryInput>& log) = 0;
    virtual void set_password_logged(UserId id, std::string_view encoded, const LogEntryInput& log) = 0;
    // Writes the log entries, then deletes the users as remove() does (and their sessions).
    // Returns how many users were deleted.
    virtual std::int64_t remove_logged(const std::vector<UserId>& ids, const std::vector<LogEntryInput>& logs) = 0;
    virtual UserDeletionSummary deletion_summary(const std::vector<UserId>& ids) = 0;
};

class GroupRepository {
public:
    virtual ~GroupRepository() = default;
    // Throws DuplicateError when the name is taken.
    virtual std::int64_t create(std::string_view name) = 0;
    virtual std::optional<std::int64_t> find_by_name(std::string_view name) = 0;
    virtual bool grant_permission(std::int64_t group_id, std::string_view app_label_dot_codename) = 0;
    virtual void add_member(UserId user_id, std::int64_t group_id) = 0;
    virtual void remove_member(UserId user_id, std::int64_t group_id) = 0;
    virtual bool remove(std::int64_t group_id) = 0;  // cascades to its links

    // --- For the admin.
    virtual std::optional<Group> find(std::int64_t group_id) = 0;
    // Ordered by name (descending when asked); terms as UserQuery's, matched against the name.
    virtual std::vector<Group> search(const std::vector<std::string>& terms, bool descending, std::int64_t offset,
                                      std::int64_t limit) = 0;
    virtual std::int64_t count_matching(const std::vector<std::string>& terms) = 0;
    virtual std::vector<Group> all_ordered_by_name() = 0;
    virtual std::vector<std::int64_t> permission_ids(std::int64_t group_id) = 0;  // sorted
    // As UserRepository's: one transaction each, the log row included.
    virtual std::int64_t create_logged(std::string_view name, const std::vector<std::int64_t>& permission_ids,
                                       const LogEntryInput& log) = 0;
    virtual void update_logged(const Group& group, const std::vector<std::int64_t>& permission_ids,
                               const std::optional<LogEntryInput>& log) = 0;
    virtual std::int64_t remove_logged(const std::vector<std::int64_t>& ids, const std::vector<LogEntryInput>& logs) = 0;
    virtual GroupDeletionSummary deletion_summary(const std::vector<std::int64_t>& ids) = 0;
};

class PermissionRepository {
public:
    virtual ~PermissionRepository() = default;
    // Every permission, ordered as Django orders them: app_label, model, codename.
    virtual std::vector<Permission> all() = 0;
};

// Admin sessions in Django's django_session table, in a format of gatehouse's own
// (session_data is JSON beginning {"gatehouse_user_id":<id>,), so Django, if it shares
// the database, sees them as sessions it cannot decode and ignores them.
class SessionRepository {
public:
    virtual ~SessionRepository() = default;
    virtual void create(const Session& session) = 0;
    // The session if it exists and has not expired at `now`.
    virtual std::optional<Session> find(std::string_view key_hash, Timestamp now) = 0;
    virtual void update(const Session& session) = 0;  // auth_hash and expires
    virtual void remove(std::string_view key_hash) = 0;
    // Ends every session of the user except `keep_key_hash` (empty: all of them).
    virtual void remove_for_user(UserId user_id, std::string_view keep_key_hash = {}) = 0;
    virtual std::int64_t remove_expired(Timestamp now) = 0;
};

class TokenRepository {
public:
    virtual ~TokenRepository() = default;
    // Records a freshly issued refresh token (SimpleJWT's OutstandingToken).
    virtual void record_outstanding(const OutstandingToken& token) = 0;
    virtual bool is_blacklisted(std::string_view jti) = 0;
    // In one transaction: blacklists `old` (recording it as outstanding first if it is not),
    // and records `replacement` as outstanding. Returns false and writes nothing when `old`
    // was already blacklisted, so of any number of concurrent rotations of one token,
    // exactly one succeeds. Durable when it returns (as the store's sync setting allows).
    virtual bool rotate(const OutstandingToken& old, const OutstandingToken& replacement) = 0;
    // Blacklists one token (recording it as outstanding first if needed); false if it
    // already was.
    virtual bool blacklist(const OutstandingToken& token) = 0;
    // SimpleJWT's flushexpiredtokens: deletes outstanding tokens with expires_at <= now
    // (their blacklist rows go with them). Returns how many outstanding rows went.
    virtual std::int64_t flush_expired(Timestamp now) = 0;
};

class AdminLogRepository {
public:
    virtual ~AdminLogRepository() = default;
    virtual std::int64_t log(const LogEntryInput& entry) = 0;
    // Newest first.
    virtual std::vector<LogEntry> recent_for_user(UserId user_id, int limit) = 0;
    // Oldest first, as Django's history page.
    virtual std::vector<LogEntry> for_object(std::string_view app_label, std::string_view model,
                                             std::string_view object_id) = 0;
    // Newest first, for the read-only log entry list.
    virtual std::vector<LogEntry> list(std::int64_t offset, std::int64_t limit) = 0;
    virtual std::int64_t count() = 0;
    // (app_label, model) of a django_content_type id, for rendering entries.
    virtual std::optional<std::pair<std::string, std::string>> content_type(std::int64_t content_type_id) = 0;
};

struct MigrationReport {
    std::vector<std::string> applied;  // "app.name" of each migration this call applied
};

class Store {
public:
    virtual ~Store() = default;
    virtual UserRepository& users() = 0;
    virtual GroupRepository& groups() = 0;
    virtual TokenRepository& tokens() = 0;
    virtual AdminLogRepository& admin_log() = 0;
    virtual PermissionRepository& permissions() = 0;
    virtual SessionRepository& sessions() = 0;

    // Creates Django's tables, records the migrations in django_migrations, and adds the
    // content types and permissions Django's post_migrate would. On a database Django
    // already migrated it changes nothing. Safe to run twice.
    virtual MigrationReport migrate() = 0;
    // Migrations gatehouse knows that the database has not recorded yet.
    virtual std::vector<std::string> pending_migrations() = 0;
    // A short description for logs and `check`, with any password masked.
    virtual std::string describe() const = 0;
};

struct StoreOptions {
    // SQLite: "normal" survives a crash of the process; "full" also a power loss.
    std::string sqlite_synchronous = "normal";
    int busy_timeout_ms = 5000;
    int pool_size = 8;
    // SQLite: checkpoint the WAL on a background thread instead of inside the commit that
    // fills it (see sqlite/wal_checkpointer.hpp).
    bool background_checkpoints = true;
};

// Opens the store a database URL names: sqlite:///relative/path, sqlite:////absolute/path
// or postgres://user:password@host:port/db (postgresql:// too). Throws StoreError with a clear message when it cannot.
std::unique_ptr<Store> open_store(std::string_view database_url, const StoreOptions& options = {});

// Django's format for a datetime in SQLite ("2024-01-31 12:34:56.123456") and DRF's ISO 8601
// rendering ("2024-01-31T12:34:56.123456Z").
std::string to_sqlite_text(Timestamp when);
std::optional<Timestamp> from_sqlite_text(std::string_view text);
std::string to_iso8601(Timestamp when);

}  // namespace gatehouse::store
