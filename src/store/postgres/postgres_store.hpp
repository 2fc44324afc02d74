#pragma once
#include "store/store.hpp"

#include <memory>
#include <string>

namespace gatehouse::store::postgres {

// The PostgreSQL backend on the database a postgres:// or postgresql:// URL names, with a pool
// of up to options.pool_size connections. Connects at the first call, not here (so a server
// that is down is an error of that call, not of startup); throws StoreError now only for a
// URL libpq cannot read. Does not migrate.
std::unique_ptr<Store> open_postgres_store(const std::string& url, const StoreOptions& options);

}  // namespace gatehouse::store::postgres
