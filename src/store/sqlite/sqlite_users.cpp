#include "store/sqlite/sqlite_users.hpp"

#include "store/sqlite/permission_lookup.hpp"
#include "store/sqlite/write_transaction.hpp"

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

#undef USER_COLUMNS

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
    auto& connection = tx.connection();
    {
        Query q(connection.prepare(
            R"(INSERT INTO "auth_user" ("password", "last_login", "is_superuser", "username", "last_name",
               "email", "is_staff", "is_active", "date_joined", "first_name")
               VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))"));
        q.bind(1, user.password).bind(2, user.is_superuser).bind(3, user.username).bind(4, user.last_name);
        q.bind(5, user.email).bind(6, user.is_staff).bind(7, user.is_active).bind(8, now());
        q.bind(9, user.first_name);
        q.run();
    }
    const UserId id = connection.last_insert_rowid();
    tx.commit();
    return id;
}

void SqliteUsers::update(const User& user) {
    WriteTransaction tx(pool_);
    {
        Query q(tx.connection().prepare(
            R"(UPDATE "auth_user" SET "password" = ?2, "last_login" = ?3, "is_superuser" = ?4,
               "username" = ?5, "last_name" = ?6, "email" = ?7, "is_staff" = ?8, "is_active" = ?9,
               "date_joined" = ?10, "first_name" = ?11 WHERE "id" = ?1)"));
        q.bind(1, user.id).bind(2, user.password).bind(3, user.last_login).bind(4, user.is_superuser);
        q.bind(5, user.username).bind(6, user.last_name).bind(7, user.email).bind(8, user.is_staff);
        q.bind(9, user.is_active).bind(10, user.date_joined).bind(11, user.first_name);
        q.run();
    }
    tx.commit();
}

void SqliteUsers::set_password(UserId id, std::string_view encoded) {
    WriteTransaction tx(pool_);
    {
        Query q(tx.connection().prepare(R"(UPDATE "auth_user" SET "password" = ?2 WHERE "id" = ?1)"));
        q.bind(1, id).bind(2, encoded).run();
    }
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
    // Django's Collector for User: CASCADE to the m2m links and LogEntry.user, SET_NULL on
    // OutstandingToken.user. The schema declares neither, so we do it.
    static constexpr std::string_view steps[] = {
        R"(DELETE FROM "auth_user_groups" WHERE "user_id" = ?1)",
        R"(DELETE FROM "auth_user_user_permissions" WHERE "user_id" = ?1)",
        R"(DELETE FROM "django_admin_log" WHERE "user_id" = ?1)",
        R"(UPDATE "token_blacklist_outstandingtoken" SET "user_id" = NULL WHERE "user_id" = ?1)",
        R"(DELETE FROM "auth_user" WHERE "id" = ?1)",
    };
    WriteTransaction tx(pool_);
    auto& connection = tx.connection();
    for (auto sql : steps) {
        Query q(connection.prepare(sql));
        q.bind(1, id).run();
    }
    const bool removed = connection.changes() > 0;  // of the last step, the user row
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

}  // namespace gatehouse::store::sqlite
