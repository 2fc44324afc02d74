#pragma once
// BEGIN on construction; ROLLBACK on destruction unless commit() succeeded, so an exception
// anywhere leaves nothing half-written.
//
// READ COMMITTED is enough for every unit of work here, rotation included: where two
// transactions could both decide to write (blacklisting one token, recording one jti, adding
// one link), a unique index decides, and INSERT ... ON CONFLICT DO NOTHING waits for the other
// transaction and then reports whether this one wrote. Nothing needs a retry loop, as
// SERIALIZABLE would.
#include "store/postgres/connection.hpp"

namespace gatehouse::store::postgres {

class Transaction {
public:
    explicit Transaction(Connection& connection);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Connection& connection() { return connection_; }
    // Deferred foreign keys are checked here; on failure the destructor rolls back.
    void commit();

private:
    Connection& connection_;
    bool open_ = false;
};

}  // namespace gatehouse::store::postgres
