#pragma once
// Resolving Django's "app_label.codename" permission names to auth_permission ids.
#include "store/postgres/connection.hpp"

#include <cstdint>
#include <optional>
#include <string_view>

namespace gatehouse::store::postgres {

// Splits at the first dot, as Django's "%s.%s" % (app_label, codename) is read back.
// Nullopt when there is no dot.
struct PermissionName {
    std::string_view app_label;
    std::string_view codename;
};
std::optional<PermissionName> split_permission_name(std::string_view app_label_dot_codename);

// The permission's id (the lowest, should two models of one app share a codename), or nullopt.
std::optional<std::int64_t> find_permission_id(Connection& connection, std::string_view app_label_dot_codename);

}  // namespace gatehouse::store::postgres
