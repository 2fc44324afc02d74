#pragma once
// Moves SQLite's WAL checkpoints off the request path. By default the connection whose
// commit crosses the 1000-page mark copies the WAL into the database file and fsyncs it,
// inside that request: a refresh would now and then take tens of milliseconds. The store's
// own connections turn automatic checkpoints off and this thread checkpoints (PASSIVE: it
// never blocks readers or the writer) every interval instead. The interval is a trade: after
// each completed checkpoint the next commit syncs the WAL header (synchronous=NORMAL does
// that once per WAL restart), so checkpointing every 250 ms put four fsyncs a second on the
// request path and the refresh p99 at 34 ms; once a second keeps that below the 99th
// percentile while the WAL stays under a few tens of megabytes at full refresh load.
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
