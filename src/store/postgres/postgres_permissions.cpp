#include "store/postgres/postgres_permissions.hpp"

namespace gatehouse::store::postgres {

std::vector<Permission> PostgresPermissions::all() {
    // Permission.Meta.ordering, in the database's collation as Django's query would sort; the
    // id settles the (corrupt) case of a codename twice in a model.
    return pool_.run([](Connection& connection) {
        const auto result = connection.query(
            R"(SELECT p."id", ct."app_label", ct."model", p."codename", p."name"
               FROM "auth_permission" p JOIN "django_content_type" ct ON ct."id" = p."content_type_id"
               ORDER BY ct."app_label", ct."model", p."codename", p."id")");
        std::vector<Permission> permissions;
        permissions.reserve(static_cast<std::size_t>(result.rows()));
        for (int i = 0; i < result.rows(); ++i) {
            const auto row = result.row(i);
            permissions.push_back({row.int64(0), row.text(1), row.text(2), row.text(3), row.text(4)});
        }
        return permissions;
    });
}

}  // namespace gatehouse::store::postgres
