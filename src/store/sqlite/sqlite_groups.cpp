#include "store/sqlite/sqlite_groups.hpp"

#include "store/sqlite/link_tables.hpp"
#include "store/sqlite/permission_lookup.hpp"
#include "store/sqlite/sql_lists.hpp"
#include "store/sqlite/sqlite_admin_log.hpp"
#include "store/sqlite/write_transaction.hpp"

#include <algorithm>

namespace gatehouse::store::sqlite {
namespace {

// ?1 JSON list of contains_patterns(): every term must be a substring of the name
// (GroupAdmin.search_fields).
#define GROUP_QUERY_FROM                                                                           \
    R"( FROM "auth_group" g WHERE NOT EXISTS (SELECT 1 FROM json_each(?1) t )"                     \
    R"(WHERE NOT g."name" LIKE t."value" ESCAPE '\'))"

constexpr std::string_view select_page_ascending =
    R"(SELECT g."id", g."name")" GROUP_QUERY_FROM R"( ORDER BY g."name" ASC LIMIT ?2 OFFSET ?3)";
constexpr std::string_view select_page_descending =
    R"(SELECT g."id", g."name")" GROUP_QUERY_FROM R"( ORDER BY g."name" DESC LIMIT ?2 OFFSET ?3)";
constexpr std::string_view count_matching_sql = "SELECT COUNT(*)" GROUP_QUERY_FROM;

#undef GROUP_QUERY_FROM

std::vector<Group> read_groups(Query& q) {
    std::vector<Group> groups;
    while (q.step()) groups.push_back({q.int64(0), q.text(1)});
    return groups;
}

std::int64_t insert_group(Connection& connection, std::string_view name) {
    Query q(connection.prepare(R"(INSERT INTO "auth_group" ("name") VALUES (?1))"));
    q.bind(1, name).run();
    return connection.last_insert_rowid();
}

// Django's Collector cascades to both m2m tables; the schema does not. True if the group was there.
bool remove_group(Connection& connection, std::int64_t group_id) {
    static constexpr std::string_view steps[] = {
        R"(DELETE FROM "auth_group_permissions" WHERE "group_id" = ?1)",
        R"(DELETE FROM "auth_user_groups" WHERE "group_id" = ?1)",
        R"(DELETE FROM "auth_group" WHERE "id" = ?1)",
    };
    for (auto sql : steps) {
        Query q(connection.prepare(sql));
        q.bind(1, group_id).run();
    }
    return connection.changes() > 0;  // of the last step, the group row
}

}  // namespace

std::int64_t SqliteGroups::create(std::string_view name) {
    WriteTransaction tx(pool_);
    const auto id = insert_group(tx.connection(), name);
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
    WriteTransaction tx(pool_);
    const bool removed = remove_group(tx.connection(), group_id);
    tx.commit();
    return removed;
}

std::optional<Group> SqliteGroups::find(std::int64_t group_id) {
    auto connection = pool_.acquire();
    Query q(connection->prepare(R"(SELECT "id", "name" FROM "auth_group" WHERE "id" = ?1)"));
    q.bind(1, group_id);
    if (!q.step()) return std::nullopt;
    return Group{q.int64(0), q.text(1)};
}

std::vector<Group> SqliteGroups::search(const std::vector<std::string>& terms, bool descending, std::int64_t offset,
                                        std::int64_t limit) {
    auto connection = pool_.acquire();
    Query q(connection->prepare(descending ? select_page_descending : select_page_ascending));
    q.bind(1, contains_patterns(terms)).bind(2, limit).bind(3, std::max<std::int64_t>(offset, 0));
    return read_groups(q);  // names are unique: no tie to break
}

std::int64_t SqliteGroups::count_matching(const std::vector<std::string>& terms) {
    auto connection = pool_.acquire();
    Query q(connection->prepare(count_matching_sql));
    q.bind(1, contains_patterns(terms));
    q.step();
    return q.int64(0);
}

std::vector<Group> SqliteGroups::all_ordered_by_name() {
    auto connection = pool_.acquire();
    Query q(connection->prepare(R"(SELECT "id", "name" FROM "auth_group" ORDER BY "name")"));
    return read_groups(q);
}

std::vector<std::int64_t> SqliteGroups::permission_ids(std::int64_t group_id) {
    auto connection = pool_.acquire();
    return linked_ids(*connection, group_permissions, group_id);
}

std::int64_t SqliteGroups::create_logged(std::string_view name, const std::vector<std::int64_t>& permission_ids,
                                         const LogEntryInput& log) {
    WriteTransaction tx(pool_);
    auto& connection = tx.connection();
    const auto id = insert_group(connection, name);
    replace_links(connection, group_permissions, id, permission_ids);
    LogEntryInput entry = log;
    entry.object_id = std::to_string(id);
    insert_log_entry(connection, entry);
    tx.commit();
    return id;
}

void SqliteGroups::update_logged(const Group& group, const std::vector<std::int64_t>& permission_ids,
                                 const std::optional<LogEntryInput>& log) {
    WriteTransaction tx(pool_);
    auto& connection = tx.connection();
    {
        Query q(connection.prepare(R"(UPDATE "auth_group" SET "name" = ?2 WHERE "id" = ?1)"));
        q.bind(1, group.id).bind(2, group.name).run();
    }
    if (connection.changes() == 0) return;  // gone: nothing to log
    replace_links(connection, group_permissions, group.id, permission_ids);
    if (log) insert_log_entry(connection, *log);
    tx.commit();
}

std::int64_t SqliteGroups::remove_logged(const std::vector<std::int64_t>& ids, const std::vector<LogEntryInput>& logs) {
    WriteTransaction tx(pool_);
    auto& connection = tx.connection();
    for (const auto& log : logs) insert_log_entry(connection, log);
    std::int64_t removed = 0;
    for (auto id : ids) removed += remove_group(connection, id) ? 1 : 0;
    tx.commit();
    return removed;
}

GroupDeletionSummary SqliteGroups::deletion_summary(const std::vector<std::int64_t>& ids) {
    auto connection = pool_.acquire();
    Query q(connection->prepare(
        R"(SELECT (SELECT COUNT(*) FROM "auth_group" WHERE "id" IN (SELECT "value" FROM json_each(?1))),
                  (SELECT COUNT(*) FROM "auth_user_groups" WHERE "group_id" IN (SELECT "value" FROM json_each(?1))),
                  (SELECT COUNT(*) FROM "auth_group_permissions"
                   WHERE "group_id" IN (SELECT "value" FROM json_each(?1))))"));
    q.bind(1, json_list(ids));
    q.step();
    return {q.int64(0), q.int64(1), q.int64(2)};
}

}  // namespace gatehouse::store::sqlite
