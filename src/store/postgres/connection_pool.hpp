#pragma once
// Up to `size` connections to one database, opened when first needed and lent to one thread
// at a time. A connection that broke is closed when it comes back; one that the server ended
// while it sat idle (a restart, pg_terminate_backend) is noticed before it is lent out. While
// the server is down every call fails with StoreError at once (see reconnect_backoff), and
// the first call after it is back opens a new connection.
#include "store/postgres/connection.hpp"
#include "store/postgres/postgres_error.hpp"
#include "store/postgres/transaction.hpp"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace gatehouse::store::postgres {

class ConnectionPool {
public:
    class Lease {
    public:
        Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection)
            : pool_(&pool), connection_(std::move(connection)) {}
        Lease(Lease&& other) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        ~Lease() {
            if (connection_) pool_->release(std::move(connection_));
        }
        Connection& operator*() const { return *connection_; }
        Connection* operator->() const { return connection_.get(); }

    private:
        ConnectionPool* pool_;
        std::unique_ptr<Connection> connection_;
    };

    // Connects to nothing yet: the first call does. Throws StoreError for a URL libpq cannot read.
    ConnectionPool(ConnectionSettings settings, int size);

    // An idle connection that still looks alive, else a new one while fewer than size() are
    // open, else waits for one to come back (at most acquire_timeout, then StoreError).
    Lease acquire();

    // Runs fn(Connection&). When the connection turns out to be lost before anything could
    // have been committed (the server restarted since it was opened), runs fn once more on a
    // new connection, so a restart costs no failed call.
    template <class Fn>
    auto run(Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
        for (int attempt = 1;; ++attempt) {
            Lease lease = acquire();
            try {
                return fn(*lease);
            } catch (const ConnectionLost& lost) {
                drop_idle();  // they most likely went the same way
                if (lost.outcome_unknown() || attempt > 1) throw;
            }
        }
    }

    // run() with fn(Transaction&) inside BEGIN ... ; fn commits, and returning without
    // committing rolls back.
    template <class Fn>
    auto transaction(Fn&& fn) -> decltype(fn(std::declval<Transaction&>())) {
        return run([&](Connection& connection) {
            Transaction tx(connection);
            return fn(tx);
        });
    }

    int size() const { return size_; }
    int open_connections() const;
    const ConnectionSettings& settings() const { return settings_; }

private:
    void release(std::unique_ptr<Connection> connection);
    void drop_idle();
    std::unique_ptr<Connection> connect();

    ConnectionSettings settings_;
    int size_;
    mutable std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<Connection>> idle_;
    int open_ = 0;  // idle and lent out, and being opened
    std::chrono::steady_clock::time_point failing_until_{};
    std::string last_failure_;
};

}  // namespace gatehouse::store::postgres
