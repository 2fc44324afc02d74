#pragma once
// Parameters and results of one PostgreSQL command, in libpq's text format. Params collects
// $1, $2, ... in order; Result owns a PGresult and reads its rows.
//
// Timestamps travel as ISO text with an explicit "+00:00" and come back as PostgreSQL writes
// timestamptz in the UTC session every connection sets ("2024-01-31 12:34:56.5+00"): exact to
// the microsecond, as timestamptz itself.
#include "store/types.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct pg_result;

namespace gatehouse::store::postgres {

class Params {
public:
    Params& add(std::int64_t value);
    Params& add(int value) { return add(static_cast<std::int64_t>(value)); }
    Params& add(bool value);
    // Throws StoreError for text PostgreSQL cannot hold (a NUL character): libpq would cut it
    // there without a word, so "alice\0x" would silently mean "alice".
    Params& add(std::string_view value);
    Params& add(const std::string& value) { return add(std::string_view(value)); }
    Params& add(const char* value) { return add(std::string_view(value)); }
    Params& add(Timestamp value);
    Params& add_null();
    template <class T>
    Params& add(const std::optional<T>& value) {
        return value ? add(*value) : add_null();
    }

    int size() const { return static_cast<int>(values_.size()); }
    // Pointers for PQexecPrepared, valid while this object is unchanged.
    std::vector<const char*> pointers() const;

private:
    std::vector<std::optional<std::string>> values_;
};

class Row;

class Result {
public:
    explicit Result(pg_result* result) : result_(result) {}
    ~Result();
    Result(Result&& other) noexcept;
    Result& operator=(Result&& other) noexcept;
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;

    int rows() const;
    bool empty() const { return rows() == 0; }
    Row row(int index) const;
    // Rows an INSERT/UPDATE/DELETE touched.
    std::int64_t affected() const;

    // Row-and-column readers; Row wraps them.
    bool is_null(int row, int column) const;
    std::string_view view(int row, int column) const;

    pg_result* handle() const { return result_; }

private:
    pg_result* result_;
};

class Row {
public:
    Row(const Result& result, int index) : result_(result), index_(index) {}
    bool is_null(int column) const { return result_.is_null(index_, column); }
    std::int64_t int64(int column) const;  // throws StoreError on anything but an integer
    bool boolean(int column) const;        // PostgreSQL's 't' / 'f'
    std::string text(int column) const { return std::string(result_.view(index_, column)); }
    std::optional<std::string> optional_text(int column) const;
    Timestamp timestamp(int column) const;  // throws StoreError on text it cannot read
    std::optional<Timestamp> optional_timestamp(int column) const;
    std::optional<std::int64_t> optional_int64(int column) const;

private:
    const Result& result_;
    int index_;
};

inline Row Result::row(int index) const { return Row(*this, index); }

// Timestamps as sent to and read from PostgreSQL (see above).
std::string to_postgres_text(Timestamp when);
std::optional<Timestamp> from_postgres_text(std::string_view text);

}  // namespace gatehouse::store::postgres
