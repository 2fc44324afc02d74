#include "store/sqlite/sqlite_groups.hpp"

#include "store/sqlite/permission_lookup.hpp"
#include "store/sqlite/write_transaction.hpp"

namespace gatehouse::store::sqlite {

std::int64_t SqliteGroups::create(std::string_view name) {
    WriteTransaction tx(pool_);
    auto& connection = tx.connection();
    {
        Query q(connection.prepare(R"(INSERT INTO "auth_group" ("name") VALUES (?1))"));
        q.bind(1, name).run();
    }
    const auto id = connection.last_insert_rowid();
    tx.commit();
    return id;
}

std::optional<std::int64_t> SqliteGroups::find_by_name(std::string_view name) {
    auto connection = pool_.acquire();
    Query q(connection->prepare(R"(SELECT "id" FROM "auth_group" WHERE "name" = ?1)"));
    q.bind(1, name);
    if (!q.step()) return std::nullopt;
    return q.int64(0);
}

bool SqliteGroups::grant_permission(std::int64_t group_id, std::string_view name) {
    WriteTransaction tx(pool_);
    auto& connection = tx.connection();
    const auto permission_id = find_permission_id(connection, name);
    if (!permission_id) return false;
    {
        Query q(connection.prepare(
            R"(INSERT INTO "auth_group_permissions" ("group_id", "permission_id") VALUES (?1, ?2)
               ON CONFLICT DO NOTHING)"));
        q.bind(1, group_id).bind(2, *permission_id).run();
    }
    tx.commit();
    return true;
}

void SqliteGroups::add_member(UserId user_id, std::int64_t group_id) {
    WriteTransaction tx(pool_);
    {
        Query q(tx.connection().prepare(
            R"(INSERT INTO "auth_user_groups" ("user_id", "group_id") VALUES (?1, ?2) ON CONFLICT DO NOTHING)"));
        q.bind(1, user_id).bind(2, group_id).run();
    }
    tx.commit();
}

void SqliteGroups::remove_member(UserId user_id, std::int64_t group_id) {
    WriteTransaction tx(pool_);
    {
        Query q(tx.connection().prepare(
            R"(DELETE FROM "auth_user_groups" WHERE "user_id" = ?1 AND "group_id" = ?2)"));
        q.bind(1, user_id).bind(2, group_id).run();
    }
    tx.commit();
}

bool SqliteGroups::remove(std::int64_t group_id) {
    // Django's Collector cascades to both m2m tables; the schema does not.
    static constexpr std::string_view steps[] = {
        R"(DELETE FROM "auth_group_permissions" WHERE "group_id" = ?1)",
        R"(DELETE FROM "auth_user_groups" WHERE "group_id" = ?1)",
        R"(DELETE FROM "auth_group" WHERE "id" = ?1)",
    };
    WriteTransaction tx(pool_);
    auto& connection = tx.connection();
    for (auto sql : steps) {
        Query q(connection.prepare(sql));
        q.bind(1, group_id).run();
    }
    const bool removed = connection.changes() > 0;
    tx.commit();
    return removed;
}

}  // namespace gatehouse::store::sqlite
