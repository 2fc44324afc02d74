#pragma once
#include "store/postgres/connection_pool.hpp"
#include "store/store.hpp"

namespace gatehouse::store::postgres {

// django_admin_log, as Django's LogEntry writes and orders it.
class PostgresAdminLog final : public AdminLogRepository {
public:
    explicit PostgresAdminLog(ConnectionPool& pool) : pool_(pool) {}
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

// Writes one entry inside the caller's transaction (object_repr truncated to Django's 200
// characters, content type NULL for a model without one). Returns its id. A missing user
// fails the deferred foreign key at commit.
std::int64_t insert_log_entry(Connection& connection, const LogEntryInput& entry);

}  // namespace gatehouse::store::postgres
