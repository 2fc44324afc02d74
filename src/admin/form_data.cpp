#include "admin/form_data.hpp"

#include "http/urlencoded.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace gatehouse::admin {

FormData FormData::parse(std::string_view urlencoded) {
    FormData form;
    if (auto pairs = http::parse_urlencoded(urlencoded)) form.fields_ = std::move(*pairs);
    return form;
}

bool FormData::has(std::string_view name) const {
    return std::any_of(fields_.begin(), fields_.end(), [&](const auto& field) { return field.first == name; });
}

std::string FormData::get(std::string_view name) const {
    for (auto it = fields_.rbegin(); it != fields_.rend(); ++it) {
        if (it->first == name) return it->second;
    }
    return {};
}

std::vector<std::string> FormData::get_all(std::string_view name) const {
    std::vector<std::string> values;
    for (const auto& [key, value] : fields_) {
        if (key == name) values.push_back(value);
    }
    return values;
}

std::vector<std::int64_t> FormData::get_ids(std::string_view name, bool* invalid) const {
    std::vector<std::int64_t> ids;
    for (const std::string& value : get_all(name)) {
        std::int64_t id = 0;
        auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), id);
        if (error != std::errc() || end != value.data() + value.size() || id < 0 || value.size() > 10) {
            if (invalid) *invalid = true;
            continue;
        }
        ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

}  // namespace gatehouse::admin
