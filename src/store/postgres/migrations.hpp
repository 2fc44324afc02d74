#pragma once
// Brings a PostgreSQL database up to Django's schema for gatehouse's apps, as `manage.py
// migrate` would (Django 4.2's DDL, see schema_history.hpp), in one transaction: PostgreSQL's
// DDL is transactional, so a failure leaves nothing behind.
#include "store/postgres/connection_pool.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace gatehouse::store::postgres {

// Several gatehouse nodes may start at once: each migrates under this transaction-scoped
// advisory lock, so one applies the migrations and the others, once it has committed, find
// nothing left to do. (The bytes of "gatehous", to keep clear of other applications' keys.)
constexpr std::int64_t migration_lock_key = 0x6761746568'6f7573;

// Applies every migration django_migrations does not record, records it, then adds the
// content types and default permissions Django's post_migrate would. All or nothing.
MigrationReport apply_migrations(ConnectionPool& pool);

// "app.name" of the migrations not recorded yet, in the order they would be applied.
std::vector<std::string> pending_migrations(Connection& connection);

}  // namespace gatehouse::store::postgres
