#pragma once
// LIKE patterns that match text literally, on SQLite and PostgreSQL alike.
#include <string>
#include <string_view>

namespace gatehouse::store {

// `text` with \, % and _ escaped by a backslash, for LIKE ... ESCAPE '\'.
std::string like_escape(std::string_view text);

}  // namespace gatehouse::store
