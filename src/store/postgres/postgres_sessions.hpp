#pragma once
#include "store/postgres/connection_pool.hpp"
#include "store/store.hpp"

namespace gatehouse::store::postgres {

// The admin's sessions in django_session, in the SQLite backend's format exactly:
//   {"gatehouse_user_id":<id>,"auth_hash":"..."}
// always beginning with the user id, so a user's sessions are found by prefix; rows in any
// other format (Django's own sessions, if it shares the database) are left alone.
class PostgresSessions final : public SessionRepository {
public:
    explicit PostgresSessions(ConnectionPool& pool) : pool_(pool) {}
    void create(const Session& session) override;
    std::optional<Session> find(std::string_view key_hash, Timestamp now) override;
    void update(const Session& session) override;
    void remove(std::string_view key_hash) override;
    void remove_for_user(UserId user_id, std::string_view keep_key_hash = {}) override;
    // Every expired row, Django's too, as Django's clearsessions does.
    std::int64_t remove_expired(Timestamp now) override;

private:
    ConnectionPool& pool_;
};

// Deletes the user's sessions but `keep_key_hash` (empty: all) inside the caller's
// transaction, e.g. the one that deletes the user.
void delete_user_sessions(Connection& connection, UserId user_id, std::string_view keep_key_hash = {});

}  // namespace gatehouse::store::postgres
