#include "store/postgres/postgres_groups.hpp"

#include "store/postgres/link_tables.hpp"
#include "store/postgres/permission_lookup.hpp"
#include "store/postgres/postgres_admin_log.hpp"
#include "store/postgres/sql_values.hpp"

#include <algorithm>

namespace gatehouse::store::postgres {
namespace {

// $1 text[] of contains_patterns(): every term must be in the name, case aside
// (GroupAdmin.search_fields, Django's icontains).
#define GROUP_QUERY_FROM                                                                     \
    R"( FROM "auth_group" g WHERE NOT EXISTS (SELECT 1 FROM unnest($1::text[]) AS t(p) )"    \
    R"(WHERE NOT UPPER(g."name"::text) LIKE UPPER(t.p) ESCAPE '\'))"

constexpr std::string_view select_page_ascending =
    R"(SELECT g."id", g."name")" GROUP_QUERY_FROM R"( ORDER BY g."name" ASC LIMIT $2::bigint OFFSET $3::bigint)";
constexpr std::string_view select_page_descending =
    R"(SELECT g."id", g."name")" GROUP_QUERY_FROM R"( ORDER BY g."name" DESC LIMIT $2::bigint OFFSET $3::bigint)";
constexpr std::string_view count_matching_sql = "SELECT COUNT(*)" GROUP_QUERY_FROM;

#undef GROUP_QUERY_FROM

std::vector<Group> read_groups(const Result& result) {
    std::vector<Group> groups;
    groups.reserve(static_cast<std::size_t>(result.rows()));
    for (int i = 0; i < result.rows(); ++i) groups.push_back({result.row(i).int64(0), result.row(i).text(1)});
    return groups;
}

std::int64_t insert_group(Connection& connection, std::string_view name) {
    return connection.query(R"(INSERT INTO "auth_group" ("name") VALUES ($1) RETURNING "id")", name).row(0).int64(0);
}

// Django's Collector cascades to both m2m tables; the schema does not. True if the group was there.
bool remove_group(Connection& connection, std::int64_t group_id) {
    connection.query(R"(DELETE FROM "auth_group_permissions" WHERE "group_id" = $1::bigint)", group_id);
    connection.query(R"(DELETE FROM "auth_user_groups" WHERE "group_id" = $1::bigint)", group_id);
    return connection.query(R"(DELETE FROM "auth_group" WHERE "id" = $1::bigint)", group_id).affected() > 0;
}

}  // namespace

std::int64_t PostgresGroups::create(std::string_view name) {
    return pool_.transaction([&](Transaction& tx) {
        const auto id = insert_group(tx.connection(), name);
        tx.commit();
        return id;
    });
}

std::optional<std::int64_t> PostgresGroups::find_by_name(std::string_view name) {
    if (!storable_text(name)) return std::nullopt;
    return pool_.run([&](Connection& connection) -> std::optional<std::int64_t> {
        const auto result = connection.query(R"(SELECT "id" FROM "auth_group" WHERE "name" = $1)", name);
        if (result.empty()) return std::nullopt;
        return result.row(0).int64(0);
    });
}

bool PostgresGroups::grant_permission(std::int64_t group_id, std::string_view name) {
    return pool_.transaction([&](Transaction& tx) {
        const auto permission_id = find_permission_id(tx.connection(), name);
        if (!permission_id) return false;
        add_links(tx.connection(), group_permissions, group_id, {*permission_id});
        tx.commit();
        return true;
    });
}

void PostgresGroups::add_member(UserId user_id, std::int64_t group_id) {
    pool_.transaction([&](Transaction& tx) {
        tx.connection().query(
            R"(INSERT INTO "auth_user_groups" ("user_id", "group_id")
               SELECT $1::bigint, $2::bigint WHERE NOT EXISTS
                 (SELECT 1 FROM "auth_user_groups" WHERE "user_id" = $1::bigint AND "group_id" = $2::bigint)
               ON CONFLICT DO NOTHING)",
            user_id, group_id);
        tx.commit();  // a missing user or group fails the deferred foreign key here
    });
}

void PostgresGroups::remove_member(UserId user_id, std::int64_t group_id) {
    pool_.transaction([&](Transaction& tx) {
        tx.connection().query(
            R"(DELETE FROM "auth_user_groups" WHERE "user_id" = $1::bigint AND "group_id" = $2::bigint)", user_id,
            group_id);
        tx.commit();
    });
}

bool PostgresGroups::remove(std::int64_t group_id) {
    return pool_.transaction([&](Transaction& tx) {
        const bool removed = remove_group(tx.connection(), group_id);
        tx.commit();
        return removed;
    });
}

std::optional<Group> PostgresGroups::find(std::int64_t group_id) {
    return pool_.run([&](Connection& connection) -> std::optional<Group> {
        const auto result =
            connection.query(R"(SELECT "id", "name" FROM "auth_group" WHERE "id" = $1::bigint)", group_id);
        if (result.empty()) return std::nullopt;
        return Group{result.row(0).int64(0), result.row(0).text(1)};
    });
}

std::vector<Group> PostgresGroups::search(const std::vector<std::string>& terms, bool descending, std::int64_t offset,
                                          std::int64_t limit) {
    if (!all_storable(terms)) return {};
    return pool_.run([&](Connection& connection) {
        Params params;
        params.add(contains_patterns(terms));
        if (limit < 0) {
            params.add_null();  // LIMIT NULL: no limit
        } else {
            params.add(limit);
        }
        params.add(std::max<std::int64_t>(offset, 0));
        // Names are unique: no tie to break.
        return read_groups(connection.execute(descending ? select_page_descending : select_page_ascending, params));
    });
}

std::int64_t PostgresGroups::count_matching(const std::vector<std::string>& terms) {
    if (!all_storable(terms)) return 0;
    return pool_.run([&](Connection& connection) {
        return connection.query(count_matching_sql, contains_patterns(terms)).row(0).int64(0);
    });
}

std::vector<Group> PostgresGroups::all_ordered_by_name() {
    return pool_.run([](Connection& connection) {
        return read_groups(connection.query(R"(SELECT "id", "name" FROM "auth_group" ORDER BY "name")"));
    });
}

std::vector<std::int64_t> PostgresGroups::permission_ids(std::int64_t group_id) {
    return pool_.run([&](Connection& connection) { return linked_ids(connection, group_permissions, group_id); });
}

std::int64_t PostgresGroups::create_logged(std::string_view name, const std::vector<std::int64_t>& permission_ids,
                                           const LogEntryInput& log) {
    return pool_.transaction([&](Transaction& tx) {
        auto& connection = tx.connection();
        const auto id = insert_group(connection, name);
        replace_links(connection, group_permissions, id, permission_ids);
        LogEntryInput entry = log;
        entry.object_id = std::to_string(id);
        insert_log_entry(connection, entry);
        tx.commit();
        return id;
    });
}

void PostgresGroups::update_logged(const Group& group, const std::vector<std::int64_t>& permission_ids,
                                   const std::optional<LogEntryInput>& log) {
    pool_.transaction([&](Transaction& tx) {
        auto& connection = tx.connection();
        const auto renamed = connection.query(R"(UPDATE "auth_group" SET "name" = $2 WHERE "id" = $1::bigint)",
                                              group.id, group.name);
        if (renamed.affected() == 0) return;  // gone: nothing to log
        replace_links(connection, group_permissions, group.id, permission_ids);
        if (log) insert_log_entry(connection, *log);
        tx.commit();
    });
}

std::int64_t PostgresGroups::remove_logged(const std::vector<std::int64_t>& ids,
                                           const std::vector<LogEntryInput>& logs) {
    return pool_.transaction([&](Transaction& tx) {
        auto& connection = tx.connection();
        for (const auto& log : logs) insert_log_entry(connection, log);
        std::int64_t removed = 0;
        for (auto id : ids) removed += remove_group(connection, id) ? 1 : 0;
        tx.commit();
        return removed;
    });
}

GroupDeletionSummary PostgresGroups::deletion_summary(const std::vector<std::int64_t>& ids) {
    const std::string list = int_array(ids);
    return pool_.run([&](Connection& connection) {
        const auto result = connection.query(
            R"(SELECT (SELECT COUNT(*) FROM "auth_group" WHERE "id" = ANY ($1::bigint[])),
                      (SELECT COUNT(*) FROM "auth_user_groups" WHERE "group_id" = ANY ($1::bigint[])),
                      (SELECT COUNT(*) FROM "auth_group_permissions" WHERE "group_id" = ANY ($1::bigint[])))",
            list);
        const auto row = result.row(0);
        return GroupDeletionSummary{row.int64(0), row.int64(1), row.int64(2)};
    });
}

}  // namespace gatehouse::store::postgres
