#include "store/changelist_order.hpp"

#include <string_view>

namespace gatehouse::store {

std::string changelist_order_by(UserQuery::OrderBy order_by, bool descending) {
    using OrderBy = UserQuery::OrderBy;
    std::string_view column;
    switch (order_by) {
        case OrderBy::username: column = R"(u."username")"; break;
        case OrderBy::email: column = R"(u."email")"; break;
        case OrderBy::first_name: column = R"(u."first_name")"; break;
        case OrderBy::last_name: column = R"(u."last_name")"; break;
        case OrderBy::is_staff: column = R"(u."is_staff")"; break;
        case OrderBy::id: column = R"(u."id")"; break;
    }
    std::string sql = " ORDER BY ";
    sql += column;
    sql += descending ? " DESC" : " ASC";
    if (order_by != OrderBy::id) sql += R"(, u."id" DESC)";
    return sql;
}

}  // namespace gatehouse::store
