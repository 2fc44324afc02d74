#pragma once
// The admin's templates and static files, compiled into the binary (cmake/embed_assets.cmake).
#include <optional>
#include <string_view>
#include <vector>

namespace gatehouse::admin {

struct Asset {
    std::string_view name;     // path below src/admin/, e.g. "templates/login.mustache"
    std::string_view content;
};

const std::vector<Asset>& embedded_assets();

// The asset at `name`, or nullopt.
std::optional<std::string_view> find_asset(std::string_view name);

}  // namespace gatehouse::admin
