#pragma once
// Pieces the admin's forms and lists share: the options of the permission and group
// pickers, Django's labels and date format, and field checks Django's forms make.
#include "store/store.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gatehouse::admin {

// Django 3.2's str(Permission): "auth | user | Can view user".
std::string permission_label(const store::Permission& permission);

// Picker options: [{value, label, selected}] in Django's order.
boost::json::array permission_options(const std::vector<store::Permission>& all, const std::vector<std::int64_t>& selected);
boost::json::array group_options(const std::vector<store::Group>& all, const std::vector<std::int64_t>& selected);

// Django's DATETIME_FORMAT "N j, Y, P" in UTC: "Nov. 26, 2026, 7:30 p.m.".
std::string format_datetime(store::Timestamp when);

// Django's EmailValidator message, or nullopt for a blank or acceptable address.
std::optional<std::string> email_error(std::string_view email);

// Django's typographic quotes around a name: “bob”.
std::string quoted(std::string_view name);

// Strips surrounding whitespace, as Django's CharField does.
std::string stripped(std::string_view text);

// {"field": ["message", ...]} with a "has_errors" flag set by the caller when non-empty.
void add_error(boost::json::object& errors, std::string_view field, std::string message);

}  // namespace gatehouse::admin
