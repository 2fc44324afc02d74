#pragma once
// Renders the admin's mustache templates (src/admin/templates/, compiled in). Views build
// their data as JSON values; {{name}} escapes HTML, as kainjow's mustache does by default,
// so only {{{name}}} inserts markup, and the templates use it only for markup we render.
#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace gatehouse::admin {

// Renders templates/<name>.mustache with `data`. Throws std::logic_error when the template
// is missing or does not parse (a programming error, caught by the template tests).
std::string render_template(std::string_view name, const boost::json::object& data);

// Renders a page: templates/<name>.mustache inside templates/layout.mustache, which reads
// the layout keys (title, body_class, user, csrf_token, breadcrumbs, messages) from `data`.
std::string render_page(std::string_view name, boost::json::object data);

}  // namespace gatehouse::admin
