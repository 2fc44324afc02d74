#include "store/postgres/link_tables.hpp"

#include "store/postgres/sql_values.hpp"

namespace gatehouse::store::postgres {

// The inserts number new rows in ascending target order and skip links already there, so
// ids are not spent on them; ON CONFLICT covers a concurrent transaction adding the same link.
const LinkTable user_groups{
    R"(SELECT "group_id" FROM "auth_user_groups" WHERE "user_id" = $1::bigint ORDER BY "group_id")",
    R"(DELETE FROM "auth_user_groups" WHERE "user_id" = $1::bigint AND NOT ("group_id" = ANY ($2::bigint[])))",
    R"(INSERT INTO "auth_user_groups" ("user_id", "group_id")
       SELECT $1::bigint, t.id FROM (SELECT DISTINCT unnest($2::bigint[]) AS id) t
       WHERE NOT EXISTS (SELECT 1 FROM "auth_user_groups" WHERE "user_id" = $1::bigint AND "group_id" = t.id)
       ORDER BY t.id ON CONFLICT DO NOTHING)",
};

const LinkTable user_permissions{
    R"(SELECT "permission_id" FROM "auth_user_user_permissions" WHERE "user_id" = $1::bigint ORDER BY "permission_id")",
    R"(DELETE FROM "auth_user_user_permissions" WHERE "user_id" = $1::bigint
       AND NOT ("permission_id" = ANY ($2::bigint[])))",
    R"(INSERT INTO "auth_user_user_permissions" ("user_id", "permission_id")
       SELECT $1::bigint, t.id FROM (SELECT DISTINCT unnest($2::bigint[]) AS id) t
       WHERE NOT EXISTS (SELECT 1 FROM "auth_user_user_permissions" WHERE "user_id" = $1::bigint AND "permission_id" = t.id)
       ORDER BY t.id ON CONFLICT DO NOTHING)",
};

const LinkTable group_permissions{
    R"(SELECT "permission_id" FROM "auth_group_permissions" WHERE "group_id" = $1::bigint ORDER BY "permission_id")",
    R"(DELETE FROM "auth_group_permissions" WHERE "group_id" = $1::bigint
       AND NOT ("permission_id" = ANY ($2::bigint[])))",
    R"(INSERT INTO "auth_group_permissions" ("group_id", "permission_id")
       SELECT $1::bigint, t.id FROM (SELECT DISTINCT unnest($2::bigint[]) AS id) t
       WHERE NOT EXISTS (SELECT 1 FROM "auth_group_permissions" WHERE "group_id" = $1::bigint AND "permission_id" = t.id)
       ORDER BY t.id ON CONFLICT DO NOTHING)",
};

std::vector<std::int64_t> linked_ids(Connection& connection, const LinkTable& table, std::int64_t owner) {
    const auto result = connection.query(table.select, owner);
    std::vector<std::int64_t> ids;
    ids.reserve(static_cast<std::size_t>(result.rows()));
    for (int i = 0; i < result.rows(); ++i) ids.push_back(result.row(i).int64(0));
    return ids;
}

void add_links(Connection& connection, const LinkTable& table, std::int64_t owner,
               const std::vector<std::int64_t>& targets) {
    if (!targets.empty()) connection.query(table.insert, owner, int_array(targets));
}

void replace_links(Connection& connection, const LinkTable& table, std::int64_t owner,
                   const std::vector<std::int64_t>& targets) {
    const std::string wanted = int_array(targets);
    connection.query(table.delete_others, owner, wanted);
    if (!targets.empty()) connection.query(table.insert, owner, wanted);
}

}  // namespace gatehouse::store::postgres
