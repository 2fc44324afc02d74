#pragma once
#include "store/postgres/connection_pool.hpp"
#include "store/store.hpp"

namespace gatehouse::store::postgres {

// auth_user, its group and permission links, and (on deletion) its admin sessions.
class PostgresUsers final : public UserRepository {
public:
    explicit PostgresUsers(ConnectionPool& pool) : pool_(pool) {}
    std::optional<User> find_by_id(UserId id) override;
    std::optional<User> find_by_username(std::string_view username) override;
    std::vector<User> list_ordered_by_id() override;
    std::int64_t count() override;
    UserId create(const NewUser& user) override;
    void update(const User& user) override;
    void set_password(UserId id, std::string_view encoded) override;
    void set_last_login(UserId id, Timestamp when) override;
    bool remove(UserId id) override;
    std::vector<std::string> permissions(UserId id) override;
    bool has_permission(UserId id, std::string_view app_label_dot_codename) override;
    bool grant_permission(UserId id, std::string_view app_label_dot_codename) override;
    bool revoke_permission(UserId id, std::string_view app_label_dot_codename) override;

    UserPage search(const UserQuery& query) override;
    UserRelations relations(UserId id) override;
    UserId create_logged(const NewUser& user, const LogEntryInput& log) override;
    // For a user no longer there, update_logged and set_password_logged write nothing, log included.
    void update_logged(const User& user, const std::optional<UserRelations>& relations,
                       const std::optional<LogEntryInput>& log) override;
    void set_password_logged(UserId id, std::string_view encoded, const LogEntryInput& log) override;
    std::int64_t remove_logged(const std::vector<UserId>& ids, const std::vector<LogEntryInput>& logs) override;
    UserDeletionSummary deletion_summary(const std::vector<UserId>& ids) override;

private:
    ConnectionPool& pool_;
};

}  // namespace gatehouse::store::postgres
