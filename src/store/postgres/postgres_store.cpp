#include "store/postgres/postgres_store.hpp"

#include "store/postgres/connection_pool.hpp"
#include "store/postgres/migrations.hpp"
#include "store/postgres/postgres_admin_log.hpp"
#include "store/postgres/postgres_groups.hpp"
#include "store/postgres/postgres_permissions.hpp"
#include "store/postgres/postgres_sessions.hpp"
#include "store/postgres/postgres_tokens.hpp"
#include "store/postgres/postgres_users.hpp"

namespace gatehouse::store::postgres {
namespace {

class PostgresStore final : public Store {
public:
    PostgresStore(const std::string& url, const StoreOptions& options)
        : pool_(ConnectionSettings{.url = url}, options.pool_size), users_(pool_), groups_(pool_), tokens_(pool_),
          admin_log_(pool_), permissions_(pool_), sessions_(pool_) {}

    UserRepository& users() override { return users_; }
    GroupRepository& groups() override { return groups_; }
    TokenRepository& tokens() override { return tokens_; }
    AdminLogRepository& admin_log() override { return admin_log_; }
    PermissionRepository& permissions() override { return permissions_; }
    SessionRepository& sessions() override { return sessions_; }

    MigrationReport migrate() override { return apply_migrations(pool_); }

    std::vector<std::string> pending_migrations() override {
        return pool_.run([](Connection& connection) { return postgres::pending_migrations(connection); });
    }

    std::string describe() const override {
        return "PostgreSQL database " + mask_password(pool_.settings().url) + " (up to " +
               std::to_string(pool_.size()) + " connections)";
    }

private:
    ConnectionPool pool_;
    PostgresUsers users_;
    PostgresGroups groups_;
    PostgresTokens tokens_;
    PostgresAdminLog admin_log_;
    PostgresPermissions permissions_;
    PostgresSessions sessions_;
};

}  // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& url, const StoreOptions& options) {
    return std::make_unique<PostgresStore>(url, options);
}

}  // namespace gatehouse::store::postgres
