#include "store/sqlite/connection.hpp"

#include "store/sqlite/sqlite_error.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>

namespace gatehouse::store::sqlite {
namespace {

std::string synchronous_pragma(std::string level) {
    std::transform(level.begin(), level.end(), level.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (level != "NORMAL" && level != "FULL" && level != "EXTRA" && level != "OFF") {
        throw StoreError("unknown SQLite synchronous setting \"" + level +
                         "\" (expected normal, full, extra or off)");
    }
    return "PRAGMA synchronous = " + level;
}

}  // namespace

Connection::Connection(const std::string& path, const StoreOptions& options) {
    // NOMUTEX: the pool hands a connection to one thread at a time, so SQLite's own
    // per-connection mutex would only cost time.
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw StoreError("cannot open SQLite database \"" + path + "\": " + message);
    }
    try {
        sqlite3_extended_result_codes(db_, 1);
        // Other processes (a Django beside us, a CLI command) still wait rather than fail.
        check(db_, sqlite3_busy_timeout(db_, options.busy_timeout_ms), "setting busy_timeout");
        // WAL lets readers run while one writer commits; it is a property of the file, so
        // this also converts a database Django created in rollback-journal mode.
        if (path != ":memory:") exec("PRAGMA journal_mode = WAL");
        // Django turns these on for every SQLite connection; the schema's FKs rely on it.
        exec("PRAGMA foreign_keys = ON");
        exec(synchronous_pragma(options.sqlite_synchronous));
        if (path != ":memory:" && options.background_checkpoints) exec("PRAGMA wal_autocheckpoint = 0");
    } catch (...) {
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw;
    }
}

Connection::~Connection() {
    statements_.clear();  // finalize before close
    sqlite3_close_v2(db_);
}

Statement& Connection::prepare(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return *it->second;
    auto statement = std::make_unique<Statement>(db_, sql);
    auto& ref = *statement;
    statements_.emplace(std::string(sql), std::move(statement));
    return ref;
}

void Connection::exec(std::string_view sql) {
    const std::string text(sql);
    char* error = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        sqlite3_free(error);
        throw_sqlite_error(db_, rc);
    }
}

std::int64_t Connection::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

int Connection::changes() const { return sqlite3_changes(db_); }

}  // namespace gatehouse::store::sqlite
