#pragma once
#include "store/postgres/connection_pool.hpp"
#include "store/store.hpp"

namespace gatehouse::store::postgres {

// auth_group and its links to permissions and members.
class PostgresGroups final : public GroupRepository {
public:
    explicit PostgresGroups(ConnectionPool& pool) : pool_(pool) {}
    std::int64_t create(std::string_view name) override;
    std::optional<std::int64_t> find_by_name(std::string_view name) override;
    bool grant_permission(std::int64_t group_id, std::string_view app_label_dot_codename) override;
    void add_member(UserId user_id, std::int64_t group_id) override;
    void remove_member(UserId user_id, std::int64_t group_id) override;
    bool remove(std::int64_t group_id) override;

    std::optional<Group> find(std::int64_t group_id) override;
    std::vector<Group> search(const std::vector<std::string>& terms, bool descending, std::int64_t offset,
                              std::int64_t limit) override;
    std::int64_t count_matching(const std::vector<std::string>& terms) override;
    std::vector<Group> all_ordered_by_name() override;
    std::vector<std::int64_t> permission_ids(std::int64_t group_id) override;
    // For a group no longer there, update_logged writes nothing, log included.
    std::int64_t create_logged(std::string_view name, const std::vector<std::int64_t>& permission_ids,
                               const LogEntryInput& log) override;
    void update_logged(const Group& group, const std::vector<std::int64_t>& permission_ids,
                       const std::optional<LogEntryInput>& log) override;
    std::int64_t remove_logged(const std::vector<std::int64_t>& ids, const std::vector<LogEntryInput>& logs) override;
    GroupDeletionSummary deletion_summary(const std::vector<std::int64_t>& ids) override;

private:
    ConnectionPool& pool_;
};

}  // namespace gatehouse::store::postgres
