#pragma once
// Lists bound as one parameter: a JSON array that SQL unpacks with json_each(), so one cached
// statement serves a list of any length (the connection's statement cache is keyed by SQL
// text and never shrinks, so SQL built per list length would grow it without bound). And
// LIKE patterns that take the user's text literally, as Django's contains/icontains do.
#include "store/like_pattern.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gatehouse::store::sqlite {

// "[1,2,3]"
std::string json_list(const std::vector<std::int64_t>& values);


// A JSON array of "%<escaped term>%" patterns, one per term, for
//   NOT EXISTS (SELECT 1 FROM json_each(?) t WHERE NOT (<column> LIKE t."value" ESCAPE '\' OR ...))
// which holds when every term is a substring of some column. SQLite's LIKE ignores ASCII case
// only, as Django's icontains does on SQLite.
std::string contains_patterns(const std::vector<std::string>& terms);

}  // namespace gatehouse::store::sqlite
