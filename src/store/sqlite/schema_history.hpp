#pragma once
// Django's migration history for the apps gatehouse shares a database with, as the SQL that
// Django 3.2 runs for each migration on SQLite. Replaying it, rather than creating the final
// tables directly, is what makes a gatehouse database byte-identical in sqlite_master to one
// Django migrated, and lets a database Django left part-way be brought forward step by step.
#include <span>
#include <string_view>
#include <vector>

namespace gatehouse::store::sqlite {

struct DjangoMigration {
    std::string_view app;
    std::string_view name;
    std::vector<std::string_view> statements;  // may be empty: state-only migrations
};

// In the order Django applies them on an empty database (a valid order of its graph).
std::span<const DjangoMigration> django_migrations();

// The DDL Django's MigrationRecorder uses before the first migration.
extern const std::string_view django_migrations_table_ddl;

}  // namespace gatehouse::store::sqlite
