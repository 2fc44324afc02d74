#include "store/sqlite/connection_pool.hpp"

#include <algorithm>

namespace gatehouse::store::sqlite {

ConnectionPool::ConnectionPool(std::string path, const StoreOptions& options) : path_(std::move(path)) {
    const int size = path_ == ":memory:" ? 1 : std::max(1, options.pool_size);
    connections_.reserve(static_cast<std::size_t>(size));
    for (int i = 0; i < size; ++i) {
        connections_.push_back(std::make_unique<Connection>(path_, options));
        idle_.push_back(connections_.back().get());
    }
}

ConnectionPool::Lease ConnectionPool::acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [this] { return !idle_.empty(); });
    Connection* connection = idle_.back();
    idle_.pop_back();
    return Lease(*this, connection);
}

void ConnectionPool::release(Connection* connection) {
    {
        std::lock_guard lock(mutex_);
        idle_.push_back(connection);
    }
    available_.notify_one();
}

}  // namespace gatehouse::store::sqlite
