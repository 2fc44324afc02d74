#pragma once
// application/x-www-form-urlencoded (and query strings) as browsers write them: pairs
// split on '&' and the first '=', '+' for space, %XX escapes. Written out here rather
// than with Boost.URL 1.81's params_view, whose decoded values came back with stray
// bytes for some inputs (seen as "/admin/" read as "/admin/\xef\xbf\xbdJV").
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gatehouse::http {

using UrlencodedPairs = std::vector<std::pair<std::string, std::string>>;

// Every pair in order (repeated names kept); nullopt when a '%' is not followed by two hex
// digits. Empty segments ("a=1&&b=2") are skipped; a name without '=' has an empty value.
std::optional<UrlencodedPairs> parse_urlencoded(std::string_view text);

}  // namespace gatehouse::http
