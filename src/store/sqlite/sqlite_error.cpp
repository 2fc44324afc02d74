#include "store/sqlite/sqlite_error.hpp"

#include "store/store.hpp"

#include <sqlite3.h>

#include <string>

namespace gatehouse::store::sqlite {

void throw_sqlite_error(sqlite3* db, int rc, std::string_view context) {
    // The connection's message can be stale when rc came from elsewhere (e.g. open failed).
    std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    if (!context.empty()) message = std::string(context) + ": " + message;
    const int extended = db ? sqlite3_extended_errcode(db) : rc;
    if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
        throw DuplicateError(message);
    }
    throw StoreError(message);
}

void check(sqlite3* db, int rc, std::string_view context) {
    if (rc != SQLITE_OK) throw_sqlite_error(db, rc, context);
}

}  // namespace gatehouse::store::sqlite
