#pragma once
// The one place libpq failures become StoreError / DuplicateError, and ConnectionLost, which
// tells the pool that the connection is gone and whether the work may be run again.
#include "store/store.hpp"

#include <string>
#include <string_view>

struct pg_conn;
struct pg_result;

namespace gatehouse::store::postgres {

// The connection broke: the server restarted or ended our backend, or the network failed.
// The pool drops the connection. `outcome_unknown` when it broke while COMMIT was on its way,
// so the work may or may not have been saved and must not be done again.
class ConnectionLost : public StoreError {
public:
    ConnectionLost(const std::string& message, bool outcome_unknown)
        : StoreError(message), outcome_unknown_(outcome_unknown) {}
    bool outcome_unknown() const { return outcome_unknown_; }

private:
    bool outcome_unknown_;
};

// Throws for a failed command: DuplicateError for unique violations (SQLSTATE 23505),
// ConnectionLost when the connection is no longer usable, StoreError otherwise, with
// PostgreSQL's own message (and `context`, when given, in front of it). `result` may be null
// (libpq could not even send the command).
[[noreturn]] void throw_postgres_error(pg_conn* connection, const pg_result* result, std::string_view context,
                                       bool committing = false);

// SQLSTATE of a failed result ("" when there is none).
std::string sqlstate(const pg_result* result);

}  // namespace gatehouse::store::postgres
