#include "store/sqlite/migrations.hpp"

#include "store/django_models.hpp"
#include "store/sqlite/schema_history.hpp"
#include "store/sqlite/write_transaction.hpp"

#include <set>
#include <utility>

namespace gatehouse::store::sqlite {
namespace {

using AppliedSet = std::set<std::pair<std::string, std::string>, std::less<>>;

bool has_migrations_table(Connection& connection) {
    Query q(connection.prepare(
        R"(SELECT 1 FROM "sqlite_master" WHERE "type" = 'table' AND "name" = 'django_migrations')"));
    return q.step();
}

AppliedSet applied_migrations(Connection& connection) {
    AppliedSet applied;
    if (!has_migrations_table(connection)) return applied;
    Query q(connection.prepare(R"(SELECT "app", "name" FROM "django_migrations")"));
    while (q.step()) applied.emplace(q.text(0), q.text(1));
    return applied;
}

bool is_applied(const AppliedSet& applied, const DjangoMigration& migration) {
    return applied.contains(std::pair{std::string(migration.app), std::string(migration.name)});
}

std::string qualified(const DjangoMigration& migration) {
    return std::string(migration.app) + "." + std::string(migration.name);
}

// django.contrib.contenttypes.management.create_contenttypes and
// django.contrib.auth.management.create_permissions, for our models: only what is missing.
void create_content_types_and_permissions(Connection& connection) {
    for (const auto& model : django_models()) {
        Query q(connection.prepare(
            R"(INSERT INTO "django_content_type" ("app_label", "model") SELECT ?1, ?2
               WHERE NOT EXISTS (SELECT 1 FROM "django_content_type" WHERE "app_label" = ?1 AND "model" = ?2))"));
        q.bind(1, model.app_label).bind(2, model.model).run();
    }
    for (const auto& model : django_models()) {
        for (const auto& [codename, name] : default_permissions(model)) {
            Query q(connection.prepare(
                R"(INSERT INTO "auth_permission" ("name", "content_type_id", "codename")
                   SELECT ?1, ct."id", ?2 FROM "django_content_type" ct
                   WHERE ct."app_label" = ?3 AND ct."model" = ?4 AND NOT EXISTS
                     (SELECT 1 FROM "auth_permission" p WHERE p."content_type_id" = ct."id" AND p."codename" = ?2))"));
            q.bind(1, name).bind(2, codename).bind(3, model.app_label).bind(4, model.model).run();
        }
    }
}

}  // namespace

MigrationReport apply_migrations(ConnectionPool& pool) {
    WriteTransaction tx(pool, WriteTransaction::Mode::schema_change);
    auto& connection = tx.connection();
    if (!has_migrations_table(connection)) connection.exec(django_migrations_table_ddl);
    const AppliedSet applied = applied_migrations(connection);

    MigrationReport report;
    for (const auto& migration : django_migrations()) {
        if (is_applied(applied, migration)) continue;
        for (auto statement : migration.statements) {
            try {
                connection.exec(statement);
            } catch (const StoreError& e) {
                throw StoreError("migration " + qualified(migration) + " failed: " + e.what());
            }
        }
        Query record(connection.prepare(
            R"(INSERT INTO "django_migrations" ("app", "name", "applied") VALUES (?1, ?2, ?3))"));
        record.bind(1, migration.app).bind(2, migration.name).bind(3, now()).run();
        report.applied.push_back(qualified(migration));
    }
    create_content_types_and_permissions(connection);
    tx.commit();
    return report;
}

std::vector<std::string> pending_migrations(Connection& connection) {
    const AppliedSet applied = applied_migrations(connection);
    std::vector<std::string> pending;
    for (const auto& migration : django_migrations()) {
        if (!is_applied(applied, migration)) pending.push_back(qualified(migration));
    }
    return pending;
}

}  // namespace gatehouse::store::sqlite
