#pragma once
// Moves SQLite's WAL checkpoints off the request path. By default the connection whose
// commit crosses the 1000-page mark copies the WAL into the database file and fsyncs it,
// inside that request: a refresh would now and then take tens of milliseconds. The store's
// own connections turn automatic checkpoints off and this thread checkpoints (PASSIVE: it
// never blocks readers or the writer) every interval instead.
#include "store/sqlite/connection.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace gatehouse::store::sqlite {

class WalCheckpointer {
public:
    WalCheckpointer(const std::string& path, const StoreOptions& options,
                    std::chrono::milliseconds interval = std::chrono::milliseconds(250));
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
