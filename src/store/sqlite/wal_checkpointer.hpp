#pragma once
// Moves SQLite's WAL checkpoints off the request path. By default the connection whose
// commit crosses the 1000-page mark copies the WAL into the database file and fsyncs it,
// inside that request: a refresh would now and then take tens of milliseconds. The store's
// own connections turn automatic checkpoints off and this thread checkpoints (PASSIVE: it
// never blocks readers or the writer) every interval instead. Measured with the refresh
// benchmark (single server, two 8 s runs each): automatic checkpoints 3,121-3,232 req/s;
// background every 100 ms, 250 ms or 1 s, 4,236-5,164 req/s. The refresh p99 (11-65 ms) is
// set by the disk, not by the interval: each completed checkpoint costs the next commit a
// WAL-header sync, so the interval is a second, which bounds the WAL to a few tens of MB.
#include "store/sqlite/connection.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace gatehouse::store::sqlite {

class WalCheckpointer {
public:
    WalCheckpointer(const std::string& path, const StoreOptions& options,
                    std::chrono::milliseconds interval = std::chrono::milliseconds(1000));
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

private:
    void run();

    Connection connection_;
    std::chrono::milliseconds interval_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace gatehouse::store::sqlite
