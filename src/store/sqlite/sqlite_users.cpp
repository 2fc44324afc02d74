#include "store/sqlite/sqlite_users.hpp"

#include "store/changelist_order.hpp"
#include "store/sqlite/link_tables.hpp"
#include "store/sqlite/permission_lookup.hpp"
#include "store/sqlite/sql_lists.hpp"
#include "store/sqlite/sqlite_admin_log.hpp"
#include "store/sqlite/sqlite_sessions.hpp"
#include "store/sqlite/write_transaction.hpp"

#include <algorithm>

namespace gatehouse::store::sqlite {
namespace {

// Column order of auth_user as Django leaves it; read_user() depends on it.
#define USER_COLUMNS                                                                              \
    R"("id", "password", "last_login", "is_superuser", "username", "last_name", "email", "is_staff", )" \
    R"("is_active", "date_joined", "first_name")"

constexpr std::string_view select_by_id = "SELECT " USER_COLUMNS R"( FROM "auth_user" WHERE "id" = ?1)";
constexpr std::string_view select_by_username =
    "SELECT " USER_COLUMNS R"( FROM "auth_user" WHERE "username" = ?1)";
constexpr std::string_view select_all = "SELECT " USER_COLUMNS R"( FROM "auth_user" ORDER BY "id")";

// The admin's changelist query: ?1 JSON list of contains_patterns() (every term must match
// one of UserAdmin.search_fields), ?2 is_staff, ?3 is_superuser, ?4 is_active, ?5 group id,
// each NULL for no filter. Fixed text whatever the query, so the statement cache keeps one
// statement per ORDER BY (see ordered_page_sql()).
#define USER_QUERY_FROM                                                                              \
    R"( FROM "auth_user" u WHERE NOT EXISTS (SELECT 1 FROM json_each(?1) t WHERE NOT ()"              \
    R"(u."username" LIKE t."value" ESCAPE '\' OR u."first_name" LIKE t."value" ESCAPE '\' OR )"       \
    R"(u."last_name" LIKE t."value" ESCAPE '\' OR u."email" LIKE t."value" ESCAPE '\')))"            \
    R"( AND (?2 IS NULL OR u."is_staff" = ?2) AND (?3 IS NULL OR u."is_superuser" = ?3))"             \
    R"( AND (?4 IS NULL OR u."is_active" = ?4))"                                                      \
    R"( AND (?5 IS NULL OR u."id" IN (SELECT "user_id" FROM "auth_user_groups" WHERE "group_id" = ?5)))"

constexpr std::string_view select_matching = "SELECT " USER_COLUMNS USER_QUERY_FROM;
constexpr std::string_view count_matching = "SELECT COUNT(*)" USER_QUERY_FROM;

#undef USER_QUERY_FROM
#undef USER_COLUMNS

constexpr std::string_view insert_user_sql =
    R"(INSERT INTO "auth_user" ("password", "last_login", "is_superuser", "username", "last_name",
       "email", "is_staff", "is_active", "date_joined", "first_name")
       VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))";
constexpr std::string_view update_user_sql =
    R"(UPDATE "auth_user" SET "password" = ?2, "last_login" = ?3, "is_superuser" = ?4,
       "username" = ?5, "last_name" = ?6, "email" = ?7, "is_staff" = ?8, "is_active" = ?9,
       "date_joined" = ?10, "first_name" = ?11 WHERE "id" = ?1)";
// The admin's change form never carries the hash: a password changed meanwhile (by the user,
// or on the password form) must survive the save. ?2 stays unused so the numbering matches.
constexpr std::string_view update_user_but_password_sql =
    R"(UPDATE "auth_user" SET "last_login" = ?3, "is_superuser" = ?4,
       "username" = ?5, "last_name" = ?6, "email" = ?7, "is_staff" = ?8, "is_active" = ?9,
       "date_joined" = ?10, "first_name" = ?11 WHERE "id" = ?1)";
constexpr std::string_view set_password_sql = R"(UPDATE "auth_user" SET "password" = ?2 WHERE "id" = ?1)";

User read_user(const Query& q) {
    User user;
    user.id = q.int64(0);
    user.password = q.text(1);
    user.last_login = q.optional_timestamp(2);
    user.is_superuser = q.boolean(3);
    user.username = q.text(4);
    user.last_name = q.text(5);
    user.email = q.text(6);
    user.is_staff = q.boolean(7);
    user.is_active = q.boolean(8);
    user.date_joined = q.timestamp(9);
    user.first_name = q.text(10);
    return user;
}

std::optional<User> find_one(ConnectionPool& pool, std::string_view sql, auto key) {
    auto connection = pool.acquire();
    Query q(connection->prepare(sql));
    q.bind(1, key);
    if (!q.step()) return std::nullopt;
    return read_user(q);
}

// A page of the changelist, in the order it asks for.
std::string ordered_page_sql(UserQuery::OrderBy order_by, bool descending) {
    return std::string(select_matching) + changelist_order_by(order_by, descending) + " LIMIT ?6 OFFSET ?7";
}

void bind_user_query(Query& q, const UserQuery& query, const std::string& patterns) {
    q.bind(1, patterns).bind(2, query.is_staff).bind(3, query.is_superuser).bind(4, query.is_active);
    q.bind(5, query.group_id);
}

UserId insert_user(Connection& connection, const NewUser& user) {
    Query q(connection.prepare(insert_user_sql));
    q.bind(1, user.password).bind(2, user.is_superuser).bind(3, user.username).bind(4, user.last_name);
    q.bind(5, user.email).bind(6, user.is_staff).bind(7, user.is_active).bind(8, now());
    q.bind(9, user.first_name);
    q.run();
    return connection.last_insert_rowid();
}

// True when the row exists.
bool update_user(Connection& connection, const User& user, bool with_password) {
    Query q(connection.prepare(with_password ? update_user_sql : update_user_but_password_sql));
    q.bind(1, user.id).bind(3, user.last_login).bind(4, user.is_superuser);
    q.bind(5, user.username).bind(6, user.last_name).bind(7, user.email).bind(8, user.is_staff);
    q.bind(9, user.is_active).bind(10, user.date_joined).bind(11, user.first_name);
    if (with_password) q.bind(2, user.password);
    q.run();
    return connection.changes() > 0;
}

bool set_password_in(Connection& connection, UserId id, std::string_view encoded) {
    Query q(connection.prepare(set_password_sql));
    q.bind(1, id).bind(2, encoded).run();
    return connection.changes() > 0;
}

// Deletes the user as Django's Collector for User does: CASCADE to the m2m links and
// LogEntry.user, SET_NULL on OutstandingToken.user (the schema declares neither, so we do
// it), and also ends the user's admin sessions. True if the user was there.
bool remove_user(Connection& connection, UserId id) {
    static constexpr std::string_view steps[] = {
        R"(DELETE FROM "auth_user_groups" WHERE "user_id" = ?1)",
        R"(DELETE FROM "auth_user_user_permissions" WHERE "user_id" = ?1)",
        R"(DELETE FROM "django_admin_log" WHERE "user_id" = ?1)",
        R"(UPDATE "token_blacklist_outstandingtoken" SET "user_id" = NULL WHERE "user_id" = ?1)",
        R"(DELETE FROM "auth_user" WHERE "id" = ?1)",
    };
    for (auto sql : steps) {
        Query q(connection.prepare(sql));
        q.bind(1, id).run();
    }
    const bool removed = connection.changes() > 0;  // of the last step, the user row
    delete_user_sessions(connection, id);
    return removed;
}

}  // namespace

std::optional<User> SqliteUsers::find_by_id(UserId id) { return find_one(pool_, select_by_id, id); }

std::optional<User> SqliteUsers::find_by_username(std::string_view username) {
    return find_one(pool_, select_by_username, username);
}

std::vector<User> SqliteUsers::list_ordered_by_id() {
    auto connection = pool_.acquire();
    Query q(connection->prepare(select_all));
    std::vector<User> users;
    while (q.step()) users.push_back(read_user(q));
    return users;
}

std::int64_t SqliteUsers::count() {
    auto connection = pool_.acquire();
    Query q(connection->prepare(R"(SELECT COUNT(*) FROM "auth_user")"));
    q.step();
    return q.int64(0);
}

UserId SqliteUsers::create(const NewUser& user) {
    WriteTransaction tx(pool_);
    const UserId id = insert_user(tx.connection(), user);
    tx.commit();
    return id;
}

void SqliteUsers::update(const User& user) {
    WriteTransaction tx(pool_);
    update_user(tx.connection(), user, /*with_password=*/true);
    tx.commit();
}

void SqliteUsers::set_password(UserId id, std::string_view encoded) {
    WriteTransaction tx(pool_);
    set_password_in(tx.connection(), id, encoded);
    tx.commit();
}

void SqliteUsers::set_last_login(UserId id, Timestamp when) {
    WriteTransaction tx(pool_);
    {
        Query q(tx.connection().prepare(R"(UPDATE "auth_user" SET "last_login" = ?2 WHERE "id" = ?1)"));
        q.bind(1, id).bind(2, when).run();
    }
    tx.commit();
}

bool SqliteUsers::remove(UserId id) {
    WriteTransaction tx(pool_);
    const bool removed = remove_user(tx.connection(), id);
    tx.commit();
    return removed;
}

std::vector<std::string> SqliteUsers::permissions(UserId id) {
    auto connection = pool_.acquire();
    Query q(connection->prepare(
        R"(SELECT DISTINCT ct."app_label" || '.' || p."codename" AS name
           FROM "auth_permission" p JOIN "django_content_type" ct ON ct."id" = p."content_type_id"
           WHERE p."id" IN (SELECT "permission_id" FROM "auth_user_user_permissions" WHERE "user_id" = ?1)
              OR p."id" IN (SELECT gp."permission_id" FROM "auth_group_permissions" gp
                            JOIN "auth_user_groups" ug ON ug."group_id" = gp."group_id"
                            WHERE ug."user_id" = ?1)
           ORDER BY name)"));
    q.bind(1, id);
    std::vector<std::string> names;
    while (q.step()) names.push_back(q.text(0));
    return names;
}

bool SqliteUsers::has_permission(UserId id, std::string_view name) {
    const auto parts = split_permission_name(name);
    if (!parts) return false;
    auto connection = pool_.acquire();
    Query q(connection->prepare(
        R"(SELECT EXISTS (SELECT 1
           FROM "auth_permission" p JOIN "django_content_type" ct ON ct."id" = p."content_type_id"
           WHERE ct."app_label" = ?2 AND p."codename" = ?3
             AND (p."id" IN (SELECT "permission_id" FROM "auth_user_user_permissions" WHERE "user_id" = ?1)
                  OR p."id" IN (SELECT gp."permission_id" FROM "auth_group_permissions" gp
                                JOIN "auth_user_groups" ug ON ug."group_id" = gp."group_id"
                                WHERE ug."user_id" = ?1))))"));
    q.bind(1, id).bind(2, parts->app_label).bind(3, parts->codename);
    q.step();
    return q.boolean(0);
}

bool SqliteUsers::grant_permission(UserId id, std::string_view name) {
    WriteTransaction tx(pool_);
    auto& connection = tx.connection();
    const auto permission_id = find_permission_id(connection, name);
    if (!permission_id) return false;
    {
        Query q(connection.prepare(
            R"(INSERT INTO "auth_user_user_permissions" ("user_id", "permission_id") VALUES (?1, ?2)
               ON CONFLICT DO NOTHING)"));
        q.bind(1, id).bind(2, *permission_id).run();
    }
    tx.commit();  // a missing user fails the deferred foreign key here
    return true;
}

bool SqliteUsers::revoke_permission(UserId id, std::string_view name) {
    WriteTransaction tx(pool_);
    auto& connection = tx.connection();
    const auto permission_id = find_permission_id(connection, name);
    if (!permission_id) return false;
    {
        Query q(connection.prepare(
            R"(DELETE FROM "auth_user_user_permissions" WHERE "user_id" = ?1 AND "permission_id" = ?2)"));
        q.bind(1, id).bind(2, *permission_id).run();
    }
    tx.commit();
    return true;
}

UserPage SqliteUsers::search(const UserQuery& query) {
    const std::string patterns = contains_patterns(query.terms);
    auto connection = pool_.acquire();
    UserPage page;
    {
        Query q(connection->prepare(ordered_page_sql(query.order_by, query.descending)));
        bind_user_query(q, query, patterns);
        q.bind(6, query.limit).bind(7, std::max<std::int64_t>(query.offset, 0));  // a negative LIMIT is none
        while (q.step()) page.users.push_back(read_user(q));
    }
    Query q(connection->prepare(count_matching));
    bind_user_query(q, query, patterns);
    q.step();
    page.matching = q.int64(0);
    return page;
}

UserRelations SqliteUsers::relations(UserId id) {
    auto connection = pool_.acquire();
    return {linked_ids(*connection, user_groups, id), linked_ids(*connection, user_permissions, id)};
}

UserId SqliteUsers::create_logged(const NewUser& user, const LogEntryInput& log) {
    WriteTransaction tx(pool_);
    auto& connection = tx.connection();
    const UserId id = insert_user(connection, user);
    LogEntryInput entry = log;
    entry.object_id = std::to_string(id);
    insert_log_entry(connection, entry);
    tx.commit();
    return id;
}

void SqliteUsers::update_logged(const User& user, const std::optional<UserRelations>& relations,
                                const std::optional<LogEntryInput>& log) {
    WriteTransaction tx(pool_);
    auto& connection = tx.connection();
    if (!update_user(connection, user, /*with_password=*/false)) return;  // gone: nothing to log
    if (relations) {
        replace_links(connection, user_groups, user.id, relations->group_ids);
        replace_links(connection, user_permissions, user.id, relations->permission_ids);
    }
    if (log) insert_log_entry(connection, *log);
    tx.commit();
}

void SqliteUsers::set_password_logged(UserId id, std::string_view encoded, const LogEntryInput& log) {
    WriteTransaction tx(pool_);
    auto& connection = tx.connection();
    if (!set_password_in(connection, id, encoded)) return;  // gone: nothing to log
    insert_log_entry(connection, log);
    tx.commit();
}

std::int64_t SqliteUsers::remove_logged(const std::vector<UserId>& ids, const std::vector<LogEntryInput>& logs) {
    // Logs first, as Django's delete views: an entry written by a user deleted here goes with him.
    WriteTransaction tx(pool_);
    auto& connection = tx.connection();
    for (const auto& log : logs) insert_log_entry(connection, log);
    std::int64_t removed = 0;
    for (auto id : ids) removed += remove_user(connection, id) ? 1 : 0;
    tx.commit();
    return removed;
}

UserDeletionSummary SqliteUsers::deletion_summary(const std::vector<UserId>& ids) {
    auto connection = pool_.acquire();
    Query q(connection->prepare(
        R"(SELECT (SELECT COUNT(*) FROM "auth_user" WHERE "id" IN (SELECT "value" FROM json_each(?1))),
                  (SELECT COUNT(*) FROM "auth_user_groups" WHERE "user_id" IN (SELECT "value" FROM json_each(?1))),
                  (SELECT COUNT(*) FROM "auth_user_user_permissions"
                   WHERE "user_id" IN (SELECT "value" FROM json_each(?1))),
                  (SELECT COUNT(*) FROM "django_admin_log" WHERE "user_id" IN (SELECT "value" FROM json_each(?1))))"));
    q.bind(1, json_list(ids));
    q.step();
    return {q.int64(0), q.int64(1), q.int64(2), q.int64(3)};
}

}  // namespace gatehouse::store::sqlite
