#pragma once
// A prepared statement owned by a Connection's cache, and Query, the scoped use of one: it
// binds, steps, reads columns, and leaves the statement reset for the next caller.
#include "store/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace gatehouse::store::sqlite {

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    sqlite3_stmt* handle() const { return stmt_; }
    sqlite3* db() const { return db_; }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class Query {
public:
    explicit Query(Statement& statement) : statement_(statement) {}
    ~Query();
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;

    // Parameters are 1-based, as in SQL's ?1.
    Query& bind(int index, std::int64_t value);
    Query& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Query& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
    Query& bind(int index, std::string_view value);  // copied: the caller's buffer may go
    Query& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Query& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Query& bind(int index, Timestamp value);  // as Django's text
    Query& bind_null(int index);
    template <class T>
    Query& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }

    // True while there is a row to read; throws StoreError (DuplicateError) on failure.
    bool step();
    // Runs a statement that returns no rows.
    void run();

    bool is_null(int column) const;
    std::int64_t int64(int column) const;
    bool boolean(int column) const { return int64(column) != 0; }
    std::string text(int column) const;
    std::optional<std::string> optional_text(int column) const;
    Timestamp timestamp(int column) const;  // throws StoreError on text Django would not write
    std::optional<Timestamp> optional_timestamp(int column) const;

private:
    Statement& statement_;
};

}  // namespace gatehouse::store::sqlite
