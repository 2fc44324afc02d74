#pragma once
// The one way gatehouse writes: a pooled connection, the process's write mutex, BEGIN
// IMMEDIATE; ROLLBACK on destruction unless commit() succeeded, so an exception anywhere
// leaves nothing half-written.
#include "store/sqlite/connection_pool.hpp"

#include <mutex>

namespace gatehouse::store::sqlite {

class WriteTransaction {
public:
    enum class Mode {
        data,
        // Django's table rebuilds (create new__t, copy, drop t, rename) need foreign keys off
        // while they run; commit() checks them all before committing instead.
        schema_change,
    };

    explicit WriteTransaction(ConnectionPool& pool, Mode mode = Mode::data);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;

    Connection& connection() { return *lease_; }
    void commit();

private:
    ConnectionPool::Lease lease_;
    std::unique_lock<std::mutex> write_lock_;
    Mode mode_;
    bool open_ = false;
};

}  // namespace gatehouse::store::sqlite
