#pragma once
// The one place SQLite result codes become StoreError / DuplicateError.
#include <string_view>

struct sqlite3;

namespace gatehouse::store::sqlite {

// Throws DuplicateError for unique and primary-key violations, StoreError otherwise, with
// SQLite's own message (and `context`, when given, in front of it).
[[noreturn]] void throw_sqlite_error(sqlite3* db, int rc, std::string_view context = {});

// Throws unless rc is SQLITE_OK.
void check(sqlite3* db, int rc, std::string_view context = {});

}  // namespace gatehouse::store::sqlite
