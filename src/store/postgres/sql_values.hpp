#pragma once
// Values built for SQL parameters: lists bound as one array parameter ($1::bigint[],
// $1::text[]), so one prepared statement serves a list of any length; LIKE patterns that take
// the user's text literally, as Django's contains/icontains do; and the check for text
// PostgreSQL can hold at all.
#include "store/like_pattern.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gatehouse::store::postgres {

// "{1,2,3}"
std::string int_array(const std::vector<std::int64_t>& values);

// {"a","b \"c\""}: every element quoted, " and \ escaped. The elements must be storable_text().
std::string text_array(const std::vector<std::string>& values);


// A text array of "%<escaped term>%" patterns, one per term, for
//   NOT EXISTS (SELECT 1 FROM unnest($1::text[]) t(p) WHERE NOT (UPPER(col) LIKE UPPER(t.p) ESCAPE '\' OR ...))
// which holds when every term is a substring of some column, case aside: what Django's
// icontains compiles to on PostgreSQL.
std::string contains_patterns(const std::vector<std::string>& terms);

// Valid UTF-8 without NUL: what a text column of a UTF8 database can hold. Anything else can
// be neither stored nor found, so lookups answer "no such row" for it without asking.
bool storable_text(std::string_view text);
bool all_storable(const std::vector<std::string>& texts);

// At most `max_chars` characters (not bytes) of UTF-8 `text`.
std::string_view truncate_utf8(std::string_view text, std::size_t max_chars);

}  // namespace gatehouse::store::postgres
