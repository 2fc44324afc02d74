#include "store/sqlite/sqlite_store.hpp"

#include "store/sqlite/connection_pool.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_admin_log.hpp"
#include "store/sqlite/sqlite_groups.hpp"
#include "store/sqlite/sqlite_permissions.hpp"
#include "store/sqlite/sqlite_sessions.hpp"
#include "store/sqlite/sqlite_tokens.hpp"
#include "store/sqlite/sqlite_users.hpp"
#include "store/sqlite/wal_checkpointer.hpp"

namespace gatehouse::store::sqlite {
namespace {

class SqliteStore final : public Store {
public:
    SqliteStore(const std::string& path, const StoreOptions& options)
        : options_(options), pool_(path, options), users_(pool_), groups_(pool_), tokens_(pool_),
          admin_log_(pool_), permissions_(pool_), sessions_(pool_) {
        if (path != ":memory:" && options.background_checkpoints) {
            checkpointer_ = std::make_unique<WalCheckpointer>(path, options);
        }
    }

    UserRepository& users() override { return users_; }
    GroupRepository& groups() override { return groups_; }
    TokenRepository& tokens() override { return tokens_; }
    AdminLogRepository& admin_log() override { return admin_log_; }
    PermissionRepository& permissions() override { return permissions_; }
    SessionRepository& sessions() override { return sessions_; }

    MigrationReport migrate() override { return apply_migrations(pool_); }

    std::vector<std::string> pending_migrations() override {
        auto connection = pool_.acquire();
        return sqlite::pending_migrations(*connection);
    }

    std::string describe() const override {
        return "SQLite database " + pool_.path() + " (journal WAL, synchronous " +
               options_.sqlite_synchronous + ", " + std::to_string(pool_.size()) + " connections)";
    }

private:
    StoreOptions options_;
    ConnectionPool pool_;
    SqliteUsers users_;
    SqliteGroups groups_;
    SqliteTokens tokens_;
    SqliteAdminLog admin_log_;
    SqlitePermissions permissions_;
    SqliteSessions sessions_;
    std::unique_ptr<WalCheckpointer> checkpointer_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path, const StoreOptions& options) {
    return std::make_unique<SqliteStore>(path, options);
}

}  // namespace gatehouse::store::sqlite
