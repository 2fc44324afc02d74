#include "store/sqlite/link_tables.hpp"

#include "store/sqlite/sql_lists.hpp"

#include <algorithm>

namespace gatehouse::store::sqlite {

const LinkTable user_groups{
    R"(SELECT "group_id" FROM "auth_user_groups" WHERE "user_id" = ?1 ORDER BY "group_id")",
    R"(DELETE FROM "auth_user_groups" WHERE "user_id" = ?1
       AND "group_id" NOT IN (SELECT "value" FROM json_each(?2)))",
    R"(INSERT INTO "auth_user_groups" ("user_id", "group_id") VALUES (?1, ?2) ON CONFLICT DO NOTHING)",
};

const LinkTable user_permissions{
    R"(SELECT "permission_id" FROM "auth_user_user_permissions" WHERE "user_id" = ?1 ORDER BY "permission_id")",
    R"(DELETE FROM "auth_user_user_permissions" WHERE "user_id" = ?1
       AND "permission_id" NOT IN (SELECT "value" FROM json_each(?2)))",
    R"(INSERT INTO "auth_user_user_permissions" ("user_id", "permission_id") VALUES (?1, ?2)
       ON CONFLICT DO NOTHING)",
};

const LinkTable group_permissions{
    R"(SELECT "permission_id" FROM "auth_group_permissions" WHERE "group_id" = ?1 ORDER BY "permission_id")",
    R"(DELETE FROM "auth_group_permissions" WHERE "group_id" = ?1
       AND "permission_id" NOT IN (SELECT "value" FROM json_each(?2)))",
    R"(INSERT INTO "auth_group_permissions" ("group_id", "permission_id") VALUES (?1, ?2)
       ON CONFLICT DO NOTHING)",
};

std::vector<std::int64_t> linked_ids(Connection& connection, const LinkTable& table, std::int64_t owner) {
    Query q(connection.prepare(table.select));
    q.bind(1, owner);
    std::vector<std::int64_t> ids;
    while (q.step()) ids.push_back(q.int64(0));
    return ids;
}

void replace_links(Connection& connection, const LinkTable& table, std::int64_t owner,
                   const std::vector<std::int64_t>& targets) {
    {
        Query q(connection.prepare(table.delete_others));
        q.bind(1, owner).bind(2, json_list(targets)).run();
    }
    // Ascending and once each, so the new rows are numbered predictably.
    std::vector<std::int64_t> sorted = targets;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    for (auto target : sorted) {
        Query q(connection.prepare(table.insert));
        q.bind(1, owner).bind(2, target).run();
    }
}

}  // namespace gatehouse::store::sqlite
