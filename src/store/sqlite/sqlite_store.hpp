#pragma once
#include "store/store.hpp"

#include <memory>
#include <string>

namespace gatehouse::store::sqlite {

// The SQLite backend on the file at `path` (or ":memory:"). Does not migrate.
std::unique_ptr<Store> open_sqlite_store(const std::string& path, const StoreOptions& options);

}  // namespace gatehouse::store::sqlite
