#pragma once
// The query string of a changelist (search, filters, ordering, page), read once and
// re-written with one parameter changed for each link the page shows.
#include "admin/form_data.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace gatehouse::admin {

class ChangelistQuery {
public:
    // Keeps only the parameters in `known`; others are dropped from the links.
    ChangelistQuery(const FormData& query, std::initializer_list<std::string_view> known);

    std::string get(std::string_view name) const;
    bool has(std::string_view name) const { return values_.count(std::string(name)) != 0; }
    // "?a=1&b=2" with `name` set to `value` (nullopt: removed); "?" when empty.
    std::string with(std::string_view name, std::optional<std::string> value) const;
    std::string with(std::initializer_list<std::pair<std::string_view, std::optional<std::string>>> changes) const;
    std::string current() const { return with({}); }

private:
    std::map<std::string, std::string> values_;
};

}  // namespace gatehouse::admin
