#include "store/postgres/postgres_admin_log.hpp"

#include "store/postgres/sql_values.hpp"

#include <algorithm>

namespace gatehouse::store::postgres {
namespace {

constexpr std::size_t object_repr_max_chars = 200;  // LogEntry.object_repr max_length

#define LOG_COLUMNS                                                                               \
    R"(l."id", l."action_time", l."user_id", l."content_type_id", l."object_id", l."object_repr", )" \
    R"(l."action_flag", l."change_message")"

constexpr std::string_view select_recent_for_user =
    "SELECT " LOG_COLUMNS R"( FROM "django_admin_log" l WHERE l."user_id" = $1::bigint
       ORDER BY l."action_time" DESC, l."id" DESC LIMIT $2::bigint)";
constexpr std::string_view select_for_object =
    "SELECT " LOG_COLUMNS R"( FROM "django_admin_log" l
       JOIN "django_content_type" ct ON ct."id" = l."content_type_id"
       WHERE ct."app_label" = $1 AND ct."model" = $2 AND l."object_id" = $3
       ORDER BY l."action_time", l."id")";
constexpr std::string_view select_page =
    "SELECT " LOG_COLUMNS R"( FROM "django_admin_log" l
       ORDER BY l."action_time" DESC, l."id" DESC LIMIT $1::bigint OFFSET $2::bigint)";

#undef LOG_COLUMNS

LogEntry read_entry(const Row& row) {
    LogEntry entry;
    entry.id = row.int64(0);
    entry.action_time = row.timestamp(1);
    entry.user_id = row.int64(2);
    entry.content_type_id = row.optional_int64(3);
    entry.object_id = row.optional_text(4);
    entry.object_repr = row.text(5);
    entry.action = static_cast<AdminAction>(row.int64(6));
    entry.change_message = row.text(7);
    return entry;
}

std::vector<LogEntry> read_entries(const Result& result) {
    std::vector<LogEntry> entries;
    entries.reserve(static_cast<std::size_t>(result.rows()));
    for (int i = 0; i < result.rows(); ++i) entries.push_back(read_entry(result.row(i)));
    return entries;
}

}  // namespace

std::int64_t insert_log_entry(Connection& connection, const LogEntryInput& entry) {
    const auto result = connection.query(
        R"(INSERT INTO "django_admin_log" ("action_time", "object_id", "object_repr", "change_message",
           "content_type_id", "user_id", "action_flag")
           VALUES ($1, $2, $3, $4,
                   (SELECT "id" FROM "django_content_type" WHERE "app_label" = $5 AND "model" = $6),
                   $7, $8)
           RETURNING "id")",
        now(), entry.object_id, truncate_utf8(entry.object_repr, object_repr_max_chars), entry.change_message,
        entry.app_label, entry.model, entry.user_id, static_cast<int>(entry.action));
    return result.row(0).int64(0);
}

std::int64_t PostgresAdminLog::log(const LogEntryInput& entry) {
    return pool_.transaction([&](Transaction& tx) {
        const auto id = insert_log_entry(tx.connection(), entry);
        tx.commit();
        return id;
    });
}

std::vector<LogEntry> PostgresAdminLog::recent_for_user(UserId user_id, int limit) {
    return pool_.run([&](Connection& connection) {
        return read_entries(connection.query(select_recent_for_user, user_id, std::max(limit, 0)));
    });
}

std::vector<LogEntry> PostgresAdminLog::for_object(std::string_view app_label, std::string_view model,
                                                   std::string_view object_id) {
    if (!storable_text(app_label) || !storable_text(model) || !storable_text(object_id)) return {};
    return pool_.run([&](Connection& connection) {
        return read_entries(connection.query(select_for_object, app_label, model, object_id));
    });
}

std::vector<LogEntry> PostgresAdminLog::list(std::int64_t offset, std::int64_t limit) {
    return pool_.run([&](Connection& connection) {
        Params params;
        if (limit < 0) {
            params.add_null();  // LIMIT NULL: no limit
        } else {
            params.add(limit);
        }
        params.add(std::max<std::int64_t>(offset, 0));
        return read_entries(connection.execute(select_page, params));
    });
}

std::int64_t PostgresAdminLog::count() {
    return pool_.run([](Connection& connection) {
        return connection.query(R"(SELECT COUNT(*) FROM "django_admin_log")").row(0).int64(0);
    });
}

std::optional<std::pair<std::string, std::string>> PostgresAdminLog::content_type(std::int64_t content_type_id) {
    return pool_.run([&](Connection& connection) -> std::optional<std::pair<std::string, std::string>> {
        const auto result = connection.query(
            R"(SELECT "app_label", "model" FROM "django_content_type" WHERE "id" = $1::bigint)", content_type_id);
        if (result.empty()) return std::nullopt;
        return std::pair{result.row(0).text(0), result.row(0).text(1)};
    });
}

}  // namespace gatehouse::store::postgres
