#include "store/sqlite/sqlite_permissions.hpp"

namespace gatehouse::store::sqlite {

std::vector<Permission> SqlitePermissions::all() {
    // Permission.Meta.ordering; the id settles the (corrupt) case of a codename twice in a model.
    auto connection = pool_.acquire();
    Query q(connection->prepare(
        R"(SELECT p."id", ct."app_label", ct."model", p."codename", p."name"
           FROM "auth_permission" p JOIN "django_content_type" ct ON ct."id" = p."content_type_id"
           ORDER BY ct."app_label", ct."model", p."codename", p."id")"));
    std::vector<Permission> permissions;
    while (q.step()) permissions.push_back({q.int64(0), q.text(1), q.text(2), q.text(3), q.text(4)});
    return permissions;
}

}  // namespace gatehouse::store::sqlite
