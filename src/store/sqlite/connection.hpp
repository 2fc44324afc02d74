#pragma once
// One SQLite connection, set up as gatehouse needs it (WAL, foreign keys, busy timeout,
// synchronous level), with a cache of prepared statements keyed by their SQL text.
// Used by one thread at a time (the pool sees to that).
#include "store/sqlite/statement.hpp"
#include "store/store.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;

namespace gatehouse::store::sqlite {

class Connection {
public:
    // path ":memory:" opens a private in-memory database.
    Connection(const std::string& path, const StoreOptions& options);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // The cached statement for `sql`, prepared on first use.
    Statement& prepare(std::string_view sql);
    // Runs one or more statements without caching (DDL, PRAGMA, BEGIN/COMMIT).
    void exec(std::string_view sql);
    std::int64_t last_insert_rowid() const;
    int changes() const;  // rows the last INSERT/UPDATE/DELETE touched

    sqlite3* handle() const { return db_; }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, std::unique_ptr<Statement>, Hash, std::equal_to<>> statements_;
};

}  // namespace gatehouse::store::sqlite
