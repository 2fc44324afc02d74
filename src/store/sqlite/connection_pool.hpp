#pragma once
// A fixed set of connections to one database, lent to one thread at a time. Reads run
// concurrently on different connections (WAL); writes additionally take write_mutex(), so
// in-process writers queue on a mutex instead of in SQLite's busy handler, which polls in
// millisecond sleeps.
#include "store/sqlite/connection.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace gatehouse::store::sqlite {

class ConnectionPool {
public:
    class Lease {
    public:
        Lease(ConnectionPool& pool, Connection* connection) : pool_(&pool), connection_(connection) {}
        Lease(Lease&& other) noexcept
            : pool_(other.pool_), connection_(std::exchange(other.connection_, nullptr)) {}
        Lease& operator=(Lease&&) = delete;
        ~Lease() {
            if (connection_) pool_->release(connection_);
        }
        Connection& operator*() const { return *connection_; }
        Connection* operator->() const { return connection_; }

    private:
        ConnectionPool* pool_;
        Connection* connection_;
    };

    // Opens every connection now, so a bad path or option fails at startup. An in-memory
    // database gets one connection: each connection to ":memory:" would be a database of its own.
    ConnectionPool(std::string path, const StoreOptions& options);

    // Waits while every connection is lent out.
    Lease acquire();
    std::mutex& write_mutex() { return write_mutex_; }
    const std::string& path() const { return path_; }
    std::size_t size() const { return connections_.size(); }

private:
    void release(Connection* connection);

    std::string path_;
    std::vector<std::unique_ptr<Connection>> connections_;
    std::vector<Connection*> idle_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::mutex write_mutex_;
};

}  // namespace gatehouse::store::sqlite
