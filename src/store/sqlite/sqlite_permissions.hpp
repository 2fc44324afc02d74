#pragma once
#include "store/sqlite/connection_pool.hpp"
#include "store/store.hpp"

namespace gatehouse::store::sqlite {

// auth_permission with its django_content_type.
class SqlitePermissions final : public PermissionRepository {
public:
    explicit SqlitePermissions(ConnectionPool& pool) : pool_(pool) {}
    std::vector<Permission> all() override;

private:
    ConnectionPool& pool_;
};

}  // namespace gatehouse::store::sqlite
