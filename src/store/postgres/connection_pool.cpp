#include "store/postgres/connection_pool.hpp"

#include <libpq-fe.h>

#include <algorithm>

namespace gatehouse::store::postgres {

ConnectionPool::ConnectionPool(ConnectionSettings settings, int size)
    : settings_(std::move(settings)), size_(std::max(1, size)) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(settings_.url.c_str(), &error);
    if (!options) {
        std::string message = error ? error : "out of memory";
        PQfreemem(error);
        while (!message.empty() && message.back() == '\n') message.pop_back();
        throw StoreError("unusable PostgreSQL URL " + mask_password(settings_.url) + ": " + message);
    }
    PQconninfoFree(options);
}

ConnectionPool::Lease ConnectionPool::acquire() {
    const auto deadline = std::chrono::steady_clock::now() + settings_.acquire_timeout;
    std::unique_lock lock(mutex_);
    for (;;) {
        while (!idle_.empty()) {
            std::unique_ptr<Connection> connection = std::move(idle_.back());
            idle_.pop_back();
            if (connection->looks_usable()) return Lease(*this, std::move(connection));
            --open_;
            lock.unlock();
            connection.reset();  // closing may touch the network: not under the lock
            lock.lock();
        }
        if (open_ < size_) {
            ++open_;
            lock.unlock();
            try {
                return Lease(*this, connect());
            } catch (...) {
                lock.lock();
                --open_;
                lock.unlock();
                available_.notify_one();
                throw;
            }
        }
        if (available_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() && open_ >= size_) {
            throw StoreError("all " + std::to_string(size_) + " PostgreSQL connections stayed busy for " +
                             std::to_string(settings_.acquire_timeout.count()) + " ms");
        }
    }
}

std::unique_ptr<Connection> ConnectionPool::connect() {
    {
        std::lock_guard lock(mutex_);
        if (std::chrono::steady_clock::now() < failing_until_) throw StoreError(last_failure_);
    }
    try {
        auto connection = std::make_unique<Connection>(settings_);
        std::lock_guard lock(mutex_);
        failing_until_ = {};
        return connection;
    } catch (const StoreError& error) {
        std::lock_guard lock(mutex_);
        failing_until_ = std::chrono::steady_clock::now() + settings_.reconnect_backoff;
        last_failure_ = error.what();
        throw;
    }
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) {
    {
        std::lock_guard lock(mutex_);
        if (!connection->broken()) {
            idle_.push_back(std::move(connection));
        } else {
            --open_;
        }
    }
    connection.reset();  // a broken one is closed outside the lock
    available_.notify_one();
}

void ConnectionPool::drop_idle() {
    std::vector<std::unique_ptr<Connection>> dropped;
    {
        std::lock_guard lock(mutex_);
        dropped.swap(idle_);
        open_ -= static_cast<int>(dropped.size());
    }
    available_.notify_all();
}

int ConnectionPool::open_connections() const {
    std::lock_guard lock(mutex_);
    return open_;
}

}  // namespace gatehouse::store::postgres
