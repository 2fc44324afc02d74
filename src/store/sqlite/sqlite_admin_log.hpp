#pragma once
#include "store/sqlite/connection_pool.hpp"
#include "store/store.hpp"

#include <utility>

namespace gatehouse::store::sqlite {

// django_admin_log.
class SqliteAdminLog final : public AdminLogRepository {
public:
    explicit SqliteAdminLog(ConnectionPool& pool) : pool_(pool) {}
    std::int64_t log(const LogEntryInput& entry) override;
    std::vector<LogEntry> recent_for_user(UserId user_id, int limit) override;
    std::vector<LogEntry> for_object(std::string_view app_label, std::string_view model,
                                     std::string_view object_id) override;
    std::vector<LogEntry> list(std::int64_t offset, std::int64_t limit) override;
    std::int64_t count() override;
    std::optional<std::pair<std::string, std::string>> content_type(std::int64_t content_type_id) override;

private:
    ConnectionPool& pool_;
};

// Writes one django_admin_log row inside the caller's write transaction, so a change and its
// log entry commit together; returns the row's id. A model without a content type row gets
// content_type_id NULL, which the column allows.
std::int64_t insert_log_entry(Connection& connection, const LogEntryInput& entry);

// The first `max_chars` code points of UTF-8 text (Django truncates object_repr in characters).
std::string_view truncate_utf8(std::string_view text, std::size_t max_chars);

}  // namespace gatehouse::store::sqlite
