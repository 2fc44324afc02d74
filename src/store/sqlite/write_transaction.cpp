#include "store/sqlite/write_transaction.hpp"

#include "store/store.hpp"

#include <sqlite3.h>

namespace gatehouse::store::sqlite {

WriteTransaction::WriteTransaction(ConnectionPool& pool, Mode mode)
    : lease_(pool.acquire()), write_lock_(pool.write_mutex()), mode_(mode) {
    // The pragma is a no-op inside a transaction, so it goes first.
    if (mode_ == Mode::schema_change) lease_->exec("PRAGMA foreign_keys = OFF");
    try {
        lease_->exec("BEGIN IMMEDIATE");
    } catch (...) {
        if (mode_ == Mode::schema_change) lease_->exec("PRAGMA foreign_keys = ON");
        throw;
    }
    open_ = true;
}

WriteTransaction::~WriteTransaction() {
    // SQLite may already have rolled back by itself (e.g. SQLITE_FULL); ROLLBACK only if not.
    if (open_ && !sqlite3_get_autocommit(lease_->handle())) {
        sqlite3_exec(lease_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    if (mode_ == Mode::schema_change) {
        sqlite3_exec(lease_->handle(), "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
    }
}

void WriteTransaction::commit() {
    if (mode_ == Mode::schema_change) {
        Query violations(lease_->prepare("PRAGMA foreign_key_check"));
        if (violations.step()) {
            throw StoreError("migration would leave a broken foreign key in table \"" +
                             violations.text(0) + "\"");
        }
    }
    // Deferred foreign keys are checked here; on failure the transaction stays open and the
    // destructor rolls it back.
    lease_->exec("COMMIT");
    open_ = false;
}

}  // namespace gatehouse::store::sqlite
