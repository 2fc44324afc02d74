#include "store/sqlite/sql_lists.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

namespace gatehouse::store::sqlite {

std::string json_list(const std::vector<std::int64_t>& values) {
    boost::json::array array;
    array.reserve(values.size());
    for (auto value : values) array.emplace_back(value);
    return boost::json::serialize(array);
}

std::string contains_patterns(const std::vector<std::string>& terms) {
    boost::json::array array;
    array.reserve(terms.size());
    for (const auto& term : terms) array.emplace_back("%" + like_escape(term) + "%");
    return boost::json::serialize(array);
}

}  // namespace gatehouse::store::sqlite
