#include "admin/assets.hpp"

namespace gatehouse::admin {

std::optional<std::string_view> find_asset(std::string_view name) {
    for (const Asset& asset : embedded_assets()) {
        if (asset.name == name) return asset.content;
    }
    return std::nullopt;
}

}  // namespace gatehouse::admin
