#pragma once
// The ORDER BY of the admin's user changelist, the same text on SQLite and PostgreSQL.
#include "store/types.hpp"

#include <string>

namespace gatehouse::store {

// " ORDER BY <column> ASC|DESC", then -pk as Django adds it for a total order (unless the
// column is the pk), for auth_user aliased as u. Twelve texts in all, so the backends'
// statement caches stay bounded.
std::string changelist_order_by(UserQuery::OrderBy order_by, bool descending);

}  // namespace gatehouse::store
