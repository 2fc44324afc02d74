#include "store/postgres/transaction.hpp"

namespace gatehouse::store::postgres {

Transaction::Transaction(Connection& connection) : connection_(connection) {
    connection_.exec("BEGIN ISOLATION LEVEL READ COMMITTED");
    open_ = true;
}

Transaction::~Transaction() {
    if (!open_ || connection_.broken()) return;
    try {
        connection_.exec("ROLLBACK");
    } catch (...) {
        // The pool will not reuse a connection left inside a transaction (looks_usable()).
    }
}

void Transaction::commit() {
    connection_.exec("COMMIT", /*committing=*/true);
    open_ = false;
}

}  // namespace gatehouse::store::postgres
