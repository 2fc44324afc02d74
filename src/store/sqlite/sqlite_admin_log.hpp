#pragma once
#include "store/sqlite/connection_pool.hpp"
#include "store/store.hpp"

namespace gatehouse::store::sqlite {

// django_admin_log.
class SqliteAdminLog final : public AdminLogRepository {
public:
    explicit SqliteAdminLog(ConnectionPool& pool) : pool_(pool) {}
    std::int64_t log(const LogEntryInput& entry) override;
    std::vector<LogEntry> recent_for_user(UserId user_id, int limit) override;
    std::vector<LogEntry> for_object(std::string_view app_label, std::string_view model,
                                     std::string_view object_id) override;

private:
    ConnectionPool& pool_;
};

// The first `max_chars` code points of UTF-8 text (Django truncates object_repr in characters).
std::string_view truncate_utf8(std::string_view text, std::size_t max_chars);

}  // namespace gatehouse::store::sqlite
