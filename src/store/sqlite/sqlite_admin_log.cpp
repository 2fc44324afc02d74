#include "store/sqlite/sqlite_admin_log.hpp"

#include "store/sqlite/write_transaction.hpp"

#include <algorithm>

namespace gatehouse::store::sqlite {
namespace {

constexpr std::size_t object_repr_max_chars = 200;  // LogEntry.object_repr max_length

#define LOG_COLUMNS                                                                               \
    R"(l."id", l."action_time", l."user_id", l."content_type_id", l."object_id", l."object_repr", )" \
    R"(l."action_flag", l."change_message")"

constexpr std::string_view select_recent_for_user =
    "SELECT " LOG_COLUMNS R"( FROM "django_admin_log" l WHERE l."user_id" = ?1
       ORDER BY l."action_time" DESC, l."id" DESC LIMIT ?2)";
constexpr std::string_view select_for_object =
    "SELECT " LOG_COLUMNS R"( FROM "django_admin_log" l
       JOIN "django_content_type" ct ON ct."id" = l."content_type_id"
       WHERE ct."app_label" = ?1 AND ct."model" = ?2 AND l."object_id" = ?3
       ORDER BY l."action_time", l."id")";
constexpr std::string_view select_page =
    "SELECT " LOG_COLUMNS R"( FROM "django_admin_log" l
       ORDER BY l."action_time" DESC, l."id" DESC LIMIT ?1 OFFSET ?2)";

#undef LOG_COLUMNS

LogEntry read_entry(const Query& q) {
    LogEntry entry;
    entry.id = q.int64(0);
    entry.action_time = q.timestamp(1);
    entry.user_id = q.int64(2);
    if (!q.is_null(3)) entry.content_type_id = q.int64(3);
    entry.object_id = q.optional_text(4);
    entry.object_repr = q.text(5);
    entry.action = static_cast<AdminAction>(q.int64(6));
    entry.change_message = q.text(7);
    return entry;
}

}  // namespace

std::string_view truncate_utf8(std::string_view text, std::size_t max_chars) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        // A character starts at every byte that is not a continuation byte (10xxxxxx).
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (chars == max_chars) return text.substr(0, i);
            ++chars;
        }
    }
    return text;
}

std::int64_t insert_log_entry(Connection& connection, const LogEntryInput& entry) {
    Query q(connection.prepare(
        R"(INSERT INTO "django_admin_log" ("action_time", "object_id", "object_repr", "change_message",
           "content_type_id", "user_id", "action_flag")
           VALUES (?1, ?2, ?3, ?4,
                   (SELECT "id" FROM "django_content_type" WHERE "app_label" = ?5 AND "model" = ?6),
                   ?7, ?8))"));
    q.bind(1, now()).bind(2, entry.object_id);
    q.bind(3, truncate_utf8(entry.object_repr, object_repr_max_chars)).bind(4, entry.change_message);
    q.bind(5, entry.app_label).bind(6, entry.model).bind(7, entry.user_id);
    q.bind(8, static_cast<int>(entry.action));
    q.run();
    return connection.last_insert_rowid();
}

std::int64_t SqliteAdminLog::log(const LogEntryInput& entry) {
    WriteTransaction tx(pool_);
    const auto id = insert_log_entry(tx.connection(), entry);
    tx.commit();
    return id;
}

std::vector<LogEntry> SqliteAdminLog::recent_for_user(UserId user_id, int limit) {
    auto connection = pool_.acquire();
    Query q(connection->prepare(select_recent_for_user));
    q.bind(1, user_id).bind(2, limit);
    std::vector<LogEntry> entries;
    while (q.step()) entries.push_back(read_entry(q));
    return entries;
}

std::vector<LogEntry> SqliteAdminLog::for_object(std::string_view app_label, std::string_view model,
                                                 std::string_view object_id) {
    auto connection = pool_.acquire();
    Query q(connection->prepare(select_for_object));
    q.bind(1, app_label).bind(2, model).bind(3, object_id);
    std::vector<LogEntry> entries;
    while (q.step()) entries.push_back(read_entry(q));
    return entries;
}

std::vector<LogEntry> SqliteAdminLog::list(std::int64_t offset, std::int64_t limit) {
    auto connection = pool_.acquire();
    Query q(connection->prepare(select_page));
    q.bind(1, limit).bind(2, std::max<std::int64_t>(offset, 0));  // a negative LIMIT is none
    std::vector<LogEntry> entries;
    while (q.step()) entries.push_back(read_entry(q));
    return entries;
}

std::int64_t SqliteAdminLog::count() {
    auto connection = pool_.acquire();
    Query q(connection->prepare(R"(SELECT COUNT(*) FROM "django_admin_log")"));
    q.step();
    return q.int64(0);
}

std::optional<std::pair<std::string, std::string>> SqliteAdminLog::content_type(std::int64_t content_type_id) {
    auto connection = pool_.acquire();
    Query q(connection->prepare(R"(SELECT "app_label", "model" FROM "django_content_type" WHERE "id" = ?1)"));
    q.bind(1, content_type_id);
    if (!q.step()) return std::nullopt;
    return std::pair{q.text(0), q.text(1)};
}

}  // namespace gatehouse::store::sqlite
