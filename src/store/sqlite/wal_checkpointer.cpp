#include "store/sqlite/wal_checkpointer.hpp"

#include <sqlite3.h>

namespace gatehouse::store::sqlite {

WalCheckpointer::WalCheckpointer(const std::string& path, const StoreOptions& options,
                                 std::chrono::milliseconds interval)
    : connection_(path, options), interval_(interval), thread_([this] { run(); }) {}

WalCheckpointer::~WalCheckpointer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void WalCheckpointer::run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
        lock.unlock();
        // A busy or locked database only means "try again next time".
        sqlite3_wal_checkpoint_v2(connection_.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        lock.lock();
    }
}

}  // namespace gatehouse::store::sqlite
