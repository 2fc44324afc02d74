#include "store/postgres/migrations.hpp"

#include "store/django_models.hpp"
#include "store/postgres/schema_history.hpp"

#include <set>
#include <utility>

namespace gatehouse::store::postgres {
namespace {

using AppliedSet = std::set<std::pair<std::string, std::string>, std::less<>>;

bool has_migrations_table(Connection& connection) {
    // Visible on the search_path, as Django's introspection looks for it.
    return connection.query(R"(SELECT to_regclass('"django_migrations"') IS NOT NULL)").row(0).boolean(0);
}

AppliedSet applied_migrations(Connection& connection) {
    AppliedSet applied;
    if (!has_migrations_table(connection)) return applied;
    const auto result = connection.query(R"(SELECT "app", "name" FROM "django_migrations")");
    for (int i = 0; i < result.rows(); ++i) applied.emplace(result.row(i).text(0), result.row(i).text(1));
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
        connection.query(
            R"(INSERT INTO "django_content_type" ("app_label", "model") SELECT $1::varchar, $2::varchar
               WHERE NOT EXISTS (SELECT 1 FROM "django_content_type"
                                 WHERE "app_label" = $1::varchar AND "model" = $2::varchar))",
            model.app_label, model.model);
    }
    for (const auto& model : django_models()) {
        for (const auto& [codename, name] : default_permissions(model)) {
            connection.query(
                R"(INSERT INTO "auth_permission" ("name", "content_type_id", "codename")
                   SELECT $1::varchar, ct."id", $2::varchar FROM "django_content_type" ct
                   WHERE ct."app_label" = $3::varchar AND ct."model" = $4::varchar AND NOT EXISTS
                     (SELECT 1 FROM "auth_permission" p WHERE p."content_type_id" = ct."id" AND p."codename" = $2::varchar))",
                name, codename, model.app_label, model.model);
        }
    }
}

}  // namespace

MigrationReport apply_migrations(ConnectionPool& pool) {
    return pool.transaction([](Transaction& tx) {
        auto& connection = tx.connection();
        // A table rewrite on a large database may take a while, and so may waiting for another
        // node's migration: no statement timeout here, but no endless wait for locks either.
        connection.exec("SET LOCAL statement_timeout = 0; SET LOCAL lock_timeout = '300s'");
        connection.query("SELECT pg_advisory_xact_lock($1::bigint)", migration_lock_key);
        if (!has_migrations_table(connection)) connection.exec(django_migrations_table_ddl);
        const AppliedSet applied = applied_migrations(connection);

        MigrationReport report;
        for (const auto& migration : django_migrations()) {
            if (is_applied(applied, migration)) continue;
            for (auto statement : migration.statements) {
                try {
                    connection.exec(statement);
                } catch (const ConnectionLost&) {
                    throw;
                } catch (const StoreError& e) {
                    throw StoreError("migration " + qualified(migration) + " failed: " + e.what());
                }
            }
            connection.query(R"(INSERT INTO "django_migrations" ("app", "name", "applied") VALUES ($1, $2, $3))",
                             migration.app, migration.name, now());
            report.applied.push_back(qualified(migration));
        }
        create_content_types_and_permissions(connection);
        tx.commit();
        return report;
    });
}

std::vector<std::string> pending_migrations(Connection& connection) {
    const AppliedSet applied = applied_migrations(connection);
    std::vector<std::string> pending;
    for (const auto& migration : django_migrations()) {
        if (!is_applied(applied, migration)) pending.push_back(qualified(migration));
    }
    return pending;
}

}  // namespace gatehouse::store::postgres
