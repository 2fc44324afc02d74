#include "store/postgres/postgres_users.hpp"

#include "store/changelist_order.hpp"
#include "store/postgres/link_tables.hpp"
#include "store/postgres/permission_lookup.hpp"
#include "store/postgres/postgres_admin_log.hpp"
#include "store/postgres/postgres_sessions.hpp"
#include "store/postgres/sql_values.hpp"

#include <algorithm>

namespace gatehouse::store::postgres {
namespace {

// Named, in the order read_user() reads them (on PostgreSQL Django's ALTERs leave first_name
// where auth.0001 put it, unlike SQLite's rebuilds, so nothing may rely on the table's order).
#define USER_COLUMNS                                                                                      \
    R"(u."id", u."password", u."last_login", u."is_superuser", u."username", u."last_name", u."email", )" \
    R"(u."is_staff", u."is_active", u."date_joined", u."first_name")"

constexpr std::string_view select_by_id = "SELECT " USER_COLUMNS R"( FROM "auth_user" u WHERE u."id" = $1::bigint)";
constexpr std::string_view select_by_username =
    "SELECT " USER_COLUMNS R"( FROM "auth_user" u WHERE u."username" = $1)";
constexpr std::string_view select_all = "SELECT " USER_COLUMNS R"( FROM "auth_user" u ORDER BY u."id")";

// The admin's changelist query: $1 text[] of contains_patterns() (every term must match one of
// UserAdmin.search_fields, as Django's icontains: UPPER(column) LIKE UPPER(pattern)), $2
// is_staff, $3 is_superuser, $4 is_active, $5 group id, each NULL for no filter. Fixed text
// whatever the query, so each connection prepares one statement per ORDER BY.
#define USER_QUERY_FROM                                                                                  \
    R"( FROM "auth_user" u WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[]) AS t(p) WHERE NOT ()"      \
    R"(UPPER(u."username"::text) LIKE UPPER(t.p) ESCAPE '\' OR UPPER(u."first_name"::text) LIKE UPPER(t.p) ESCAPE '\' OR )" \
    R"(UPPER(u."last_name"::text) LIKE UPPER(t.p) ESCAPE '\' OR UPPER(u."email"::text) LIKE UPPER(t.p) ESCAPE '\')))" \
    R"( AND ($2::boolean IS NULL OR u."is_staff" = $2::boolean))"                                         \
    R"( AND ($3::boolean IS NULL OR u."is_superuser" = $3::boolean))"                                     \
    R"( AND ($4::boolean IS NULL OR u."is_active" = $4::boolean))"                                        \
    R"( AND ($5::bigint IS NULL OR u."id" IN (SELECT "user_id" FROM "auth_user_groups" WHERE "group_id" = $5::bigint)))"

constexpr std::string_view select_matching = "SELECT " USER_COLUMNS USER_QUERY_FROM;
constexpr std::string_view count_matching = "SELECT COUNT(*)" USER_QUERY_FROM;

#undef USER_QUERY_FROM
#undef USER_COLUMNS

constexpr std::string_view insert_user_sql =
    R"(INSERT INTO "auth_user" ("password", "last_login", "is_superuser", "username", "last_name",
       "email", "is_staff", "is_active", "date_joined", "first_name")
       VALUES ($1, NULL, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING "id")";
constexpr std::string_view update_user_sql =
    R"(UPDATE "auth_user" SET "last_login" = $2, "is_superuser" = $3,
       "username" = $4, "last_name" = $5, "email" = $6, "is_staff" = $7, "is_active" = $8,
       "date_joined" = $9, "first_name" = $10, "password" = $11 WHERE "id" = $1::bigint)";
// The admin's change form never carries the hash: a password changed meanwhile (by the user,
// or on the password form) must survive the save.
constexpr std::string_view update_user_but_password_sql =
    R"(UPDATE "auth_user" SET "last_login" = $2, "is_superuser" = $3,
       "username" = $4, "last_name" = $5, "email" = $6, "is_staff" = $7, "is_active" = $8,
       "date_joined" = $9, "first_name" = $10 WHERE "id" = $1::bigint)";
constexpr std::string_view set_password_sql = R"(UPDATE "auth_user" SET "password" = $2 WHERE "id" = $1::bigint)";

User read_user(const Row& row) {
    User user;
    user.id = row.int64(0);
    user.password = row.text(1);
    user.last_login = row.optional_timestamp(2);
    user.is_superuser = row.boolean(3);
    user.username = row.text(4);
    user.last_name = row.text(5);
    user.email = row.text(6);
    user.is_staff = row.boolean(7);
    user.is_active = row.boolean(8);
    user.date_joined = row.timestamp(9);
    user.first_name = row.text(10);
    return user;
}

std::vector<User> read_users(const Result& result) {
    std::vector<User> users;
    users.reserve(static_cast<std::size_t>(result.rows()));
    for (int i = 0; i < result.rows(); ++i) users.push_back(read_user(result.row(i)));
    return users;
}

// A page of the changelist, in the order it asks for.
std::string ordered_page_sql(UserQuery::OrderBy order_by, bool descending) {
    return std::string(select_matching) + changelist_order_by(order_by, descending) + " LIMIT $6::bigint OFFSET $7::bigint";
}

Params user_query_params(const UserQuery& query) {
    Params params;
    params.add(contains_patterns(query.terms)).add(query.is_staff).add(query.is_superuser).add(query.is_active);
    params.add(query.group_id);
    return params;
}

UserId insert_user(Connection& connection, const NewUser& user) {
    return connection
        .query(insert_user_sql, user.password, user.is_superuser, user.username, user.last_name, user.email,
               user.is_staff, user.is_active, now(), user.first_name)
        .row(0)
        .int64(0);
}

// True when the row exists.
bool update_user(Connection& connection, const User& user, bool with_password) {
    Params params;
    params.add(user.id).add(user.last_login).add(user.is_superuser).add(user.username).add(user.last_name);
    params.add(user.email).add(user.is_staff).add(user.is_active).add(user.date_joined).add(user.first_name);
    if (with_password) params.add(user.password);
    return connection.execute(with_password ? update_user_sql : update_user_but_password_sql, params).affected() > 0;
}

bool set_password_in(Connection& connection, UserId id, std::string_view encoded) {
    return connection.query(set_password_sql, id, encoded).affected() > 0;
}

// Deletes the user as Django's Collector for User does: CASCADE to the m2m links and
// LogEntry.user, SET_NULL on OutstandingToken.user (the schema declares neither: Django's
// foreign keys are plain deferred constraints, so we do it), and also ends the user's admin
// sessions. True if the user was there.
bool remove_user(Connection& connection, UserId id) {
    static constexpr std::string_view steps[] = {
        R"(DELETE FROM "auth_user_groups" WHERE "user_id" = $1::bigint)",
        R"(DELETE FROM "auth_user_user_permissions" WHERE "user_id" = $1::bigint)",
        R"(DELETE FROM "django_admin_log" WHERE "user_id" = $1::bigint)",
        R"(UPDATE "token_blacklist_outstandingtoken" SET "user_id" = NULL WHERE "user_id" = $1::bigint)",
    };
    for (auto sql : steps) connection.query(sql, id);
    const bool removed = connection.query(R"(DELETE FROM "auth_user" WHERE "id" = $1::bigint)", id).affected() > 0;
    delete_user_sessions(connection, id);
    return removed;
}

}  // namespace

std::optional<User> PostgresUsers::find_by_id(UserId id) {
    return pool_.run([&](Connection& connection) -> std::optional<User> {
        const auto result = connection.query(select_by_id, id);
        if (result.empty()) return std::nullopt;
        return read_user(result.row(0));
    });
}

std::optional<User> PostgresUsers::find_by_username(std::string_view username) {
    if (!storable_text(username)) return std::nullopt;  // no stored username is like it
    return pool_.run([&](Connection& connection) -> std::optional<User> {
        const auto result = connection.query(select_by_username, username);
        if (result.empty()) return std::nullopt;
        return read_user(result.row(0));
    });
}

std::vector<User> PostgresUsers::list_ordered_by_id() {
    return pool_.run([](Connection& connection) { return read_users(connection.query(select_all)); });
}

std::int64_t PostgresUsers::count() {
    return pool_.run([](Connection& connection) {
        return connection.query(R"(SELECT COUNT(*) FROM "auth_user")").row(0).int64(0);
    });
}

UserId PostgresUsers::create(const NewUser& user) {
    return pool_.transaction([&](Transaction& tx) {
        const UserId id = insert_user(tx.connection(), user);
        tx.commit();
        return id;
    });
}

void PostgresUsers::update(const User& user) {
    pool_.transaction([&](Transaction& tx) {
        update_user(tx.connection(), user, /*with_password=*/true);
        tx.commit();
    });
}

void PostgresUsers::set_password(UserId id, std::string_view encoded) {
    pool_.transaction([&](Transaction& tx) {
        set_password_in(tx.connection(), id, encoded);
        tx.commit();
    });
}

void PostgresUsers::set_last_login(UserId id, Timestamp when) {
    pool_.transaction([&](Transaction& tx) {
        tx.connection().query(R"(UPDATE "auth_user" SET "last_login" = $2 WHERE "id" = $1::bigint)", id, when);
        tx.commit();
    });
}

bool PostgresUsers::remove(UserId id) {
    return pool_.transaction([&](Transaction& tx) {
        const bool removed = remove_user(tx.connection(), id);
        tx.commit();
        return removed;
    });
}

std::vector<std::string> PostgresUsers::permissions(UserId id) {
    // COLLATE "C": sorted by bytes, as callers binary-search it, whatever the database's collation.
    return pool_.run([&](Connection& connection) {
        const auto result = connection.query(
            R"(SELECT DISTINCT (ct."app_label" || '.' || p."codename") COLLATE "C" AS name
               FROM "auth_permission" p JOIN "django_content_type" ct ON ct."id" = p."content_type_id"
               WHERE p."id" IN (SELECT "permission_id" FROM "auth_user_user_permissions" WHERE "user_id" = $1::bigint)
                  OR p."id" IN (SELECT gp."permission_id" FROM "auth_group_permissions" gp
                                JOIN "auth_user_groups" ug ON ug."group_id" = gp."group_id"
                                WHERE ug."user_id" = $1::bigint)
               ORDER BY name)",
            id);
        std::vector<std::string> names;
        names.reserve(static_cast<std::size_t>(result.rows()));
        for (int i = 0; i < result.rows(); ++i) names.push_back(result.row(i).text(0));
        return names;
    });
}

bool PostgresUsers::has_permission(UserId id, std::string_view name) {
    const auto parts = split_permission_name(name);
    if (!parts) return false;
    return pool_.run([&](Connection& connection) {
        return connection
            .query(R"(SELECT EXISTS (SELECT 1
                      FROM "auth_permission" p JOIN "django_content_type" ct ON ct."id" = p."content_type_id"
                      WHERE ct."app_label" = $2 AND p."codename" = $3
                        AND (p."id" IN (SELECT "permission_id" FROM "auth_user_user_permissions" WHERE "user_id" = $1::bigint)
                             OR p."id" IN (SELECT gp."permission_id" FROM "auth_group_permissions" gp
                                           JOIN "auth_user_groups" ug ON ug."group_id" = gp."group_id"
                                           WHERE ug."user_id" = $1::bigint))))",
                   id, parts->app_label, parts->codename)
            .row(0)
            .boolean(0);
    });
}

bool PostgresUsers::grant_permission(UserId id, std::string_view name) {
    return pool_.transaction([&](Transaction& tx) {
        const auto permission_id = find_permission_id(tx.connection(), name);
        if (!permission_id) return false;
        add_links(tx.connection(), user_permissions, id, {*permission_id});
        tx.commit();  // a missing user fails the deferred foreign key here
        return true;
    });
}

bool PostgresUsers::revoke_permission(UserId id, std::string_view name) {
    return pool_.transaction([&](Transaction& tx) {
        auto& connection = tx.connection();
        const auto permission_id = find_permission_id(connection, name);
        if (!permission_id) return false;
        connection.query(
            R"(DELETE FROM "auth_user_user_permissions" WHERE "user_id" = $1::bigint AND "permission_id" = $2::bigint)",
            id, *permission_id);
        tx.commit();
        return true;
    });
}

UserPage PostgresUsers::search(const UserQuery& query) {
    // A term PostgreSQL could not even hold is in no user's fields.
    if (!all_storable(query.terms)) return {};
    const Params filters = user_query_params(query);
    return pool_.run([&](Connection& connection) {
        UserPage page;
        Params params = filters;
        if (query.limit < 0) {
            params.add_null();  // LIMIT NULL: no limit
        } else {
            params.add(query.limit);
        }
        params.add(std::max<std::int64_t>(query.offset, 0));
        page.users = read_users(connection.execute(ordered_page_sql(query.order_by, query.descending), params));
        page.matching = connection.execute(count_matching, filters).row(0).int64(0);
        return page;
    });
}

UserRelations PostgresUsers::relations(UserId id) {
    return pool_.run([&](Connection& connection) {
        return UserRelations{linked_ids(connection, user_groups, id), linked_ids(connection, user_permissions, id)};
    });
}

UserId PostgresUsers::create_logged(const NewUser& user, const LogEntryInput& log) {
    return pool_.transaction([&](Transaction& tx) {
        auto& connection = tx.connection();
        const UserId id = insert_user(connection, user);
        LogEntryInput entry = log;
        entry.object_id = std::to_string(id);
        insert_log_entry(connection, entry);
        tx.commit();
        return id;
    });
}

void PostgresUsers::update_logged(const User& user, const std::optional<UserRelations>& relations,
                                  const std::optional<LogEntryInput>& log) {
    pool_.transaction([&](Transaction& tx) {
        auto& connection = tx.connection();
        if (!update_user(connection, user, /*with_password=*/false)) return;  // gone: nothing to log
        if (relations) {
            replace_links(connection, user_groups, user.id, relations->group_ids);
            replace_links(connection, user_permissions, user.id, relations->permission_ids);
        }
        if (log) insert_log_entry(connection, *log);
        tx.commit();
    });
}

void PostgresUsers::set_password_logged(UserId id, std::string_view encoded, const LogEntryInput& log) {
    pool_.transaction([&](Transaction& tx) {
        auto& connection = tx.connection();
        if (!set_password_in(connection, id, encoded)) return;  // gone: nothing to log
        insert_log_entry(connection, log);
        tx.commit();
    });
}

std::int64_t PostgresUsers::remove_logged(const std::vector<UserId>& ids, const std::vector<LogEntryInput>& logs) {
    // Logs first, as Django's delete views: an entry written by a user deleted here goes with him.
    return pool_.transaction([&](Transaction& tx) {
        auto& connection = tx.connection();
        for (const auto& log : logs) insert_log_entry(connection, log);
        std::int64_t removed = 0;
        for (auto id : ids) removed += remove_user(connection, id) ? 1 : 0;
        tx.commit();
        return removed;
    });
}

UserDeletionSummary PostgresUsers::deletion_summary(const std::vector<UserId>& ids) {
    const std::string list = int_array(ids);
    return pool_.run([&](Connection& connection) {
        const auto result = connection
                             .query(R"(SELECT (SELECT COUNT(*) FROM "auth_user" WHERE "id" = ANY ($1::bigint[])),
                                      (SELECT COUNT(*) FROM "auth_user_groups" WHERE "user_id" = ANY ($1::bigint[])),
                                      (SELECT COUNT(*) FROM "auth_user_user_permissions" WHERE "user_id" = ANY ($1::bigint[])),
                                      (SELECT COUNT(*) FROM "django_admin_log" WHERE "user_id" = ANY ($1::bigint[])))",
                                    list);
        const auto r = result.row(0);
        return UserDeletionSummary{r.int64(0), r.int64(1), r.int64(2), r.int64(3)};
    });
}

}  // namespace gatehouse::store::postgres
