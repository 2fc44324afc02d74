#pragma once
#include "store/sqlite/connection_pool.hpp"
#include "store/store.hpp"

namespace gatehouse::store::sqlite {

// auth_group, its permissions and its members.
class SqliteGroups final : public GroupRepository {
public:
    explicit SqliteGroups(ConnectionPool& pool) : pool_(pool) {}
    std::int64_t create(std::string_view name) override;
    std::optional<std::int64_t> find_by_name(std::string_view name) override;
    bool grant_permission(std::int64_t group_id, std::string_view app_label_dot_codename) override;
    void add_member(UserId user_id, std::int64_t group_id) override;
    void remove_member(UserId user_id, std::int64_t group_id) override;
    bool remove(std::int64_t group_id) override;

private:
    ConnectionPool& pool_;
};

}  // namespace gatehouse::store::sqlite
