#include "store/postgres/permission_lookup.hpp"

#include "store/postgres/sql_values.hpp"

namespace gatehouse::store::postgres {

std::optional<PermissionName> split_permission_name(std::string_view name) {
    const auto dot = name.find('.');
    if (dot == std::string_view::npos || !storable_text(name)) return std::nullopt;
    return PermissionName{name.substr(0, dot), name.substr(dot + 1)};
}

std::optional<std::int64_t> find_permission_id(Connection& connection, std::string_view name) {
    const auto parts = split_permission_name(name);
    if (!parts) return std::nullopt;
    const auto result = connection.query(
        R"(SELECT p."id" FROM "auth_permission" p
           JOIN "django_content_type" ct ON ct."id" = p."content_type_id"
           WHERE ct."app_label" = $1 AND p."codename" = $2 ORDER BY p."id" LIMIT 1)",
        parts->app_label, parts->codename);
    if (result.empty()) return std::nullopt;
    return result.row(0).int64(0);
}

}  // namespace gatehouse::store::postgres
