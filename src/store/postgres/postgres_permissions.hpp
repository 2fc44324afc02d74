#pragma once
#include "store/postgres/connection_pool.hpp"
#include "store/store.hpp"

namespace gatehouse::store::postgres {

class PostgresPermissions final : public PermissionRepository {
public:
    explicit PostgresPermissions(ConnectionPool& pool) : pool_(pool) {}
    std::vector<Permission> all() override;

private:
    ConnectionPool& pool_;
};

}  // namespace gatehouse::store::postgres
