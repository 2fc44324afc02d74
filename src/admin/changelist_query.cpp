#include "admin/changelist_query.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

namespace gatehouse::admin {

ChangelistQuery::ChangelistQuery(const FormData& query, std::initializer_list<std::string_view> known) {
    for (std::string_view name : known) {
        if (query.has(name)) values_[std::string(name)] = query.get(name);
    }
}

std::string ChangelistQuery::get(std::string_view name) const {
    auto found = values_.find(std::string(name));
    return found == values_.end() ? std::string() : found->second;
}

std::string ChangelistQuery::with(std::string_view name, std::optional<std::string> value) const {
    return with({{name, std::move(value)}});
}

std::string ChangelistQuery::with(std::initializer_list<std::pair<std::string_view, std::optional<std::string>>> changes) const {
    std::map<std::string, std::string> values = values_;
    for (const auto& [name, value] : changes) {
        if (value) values[std::string(name)] = *value;
        else values.erase(std::string(name));
    }
    std::string out = "?";
    for (const auto& [name, value] : values) {
        if (out.size() > 1) out += '&';
        out += boost::urls::encode(name, boost::urls::unreserved_chars) + "=" +
               boost::urls::encode(value, boost::urls::unreserved_chars);
    }
    return out;
}

}  // namespace gatehouse::admin
