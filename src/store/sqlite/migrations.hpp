#pragma once
// Brings a database up to Django 3.2's schema for gatehouse's apps, exactly as `manage.py
// migrate` would, in one transaction.
#include "store/sqlite/connection_pool.hpp"
#include "store/store.hpp"

#include <string>
#include <vector>

namespace gatehouse::store::sqlite {

// Applies every migration django_migrations does not record, records it, then adds the
// content types and default permissions Django's post_migrate would. All or nothing.
MigrationReport apply_migrations(ConnectionPool& pool);

// "app.name" of the migrations not recorded yet, in the order they would be applied.
std::vector<std::string> pending_migrations(Connection& connection);

}  // namespace gatehouse::store::sqlite
