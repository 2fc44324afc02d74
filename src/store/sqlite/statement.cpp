#include "store/sqlite/statement.hpp"

#include "store/sqlite/sqlite_error.hpp"
#include "store/store.hpp"

#include <sqlite3.h>

namespace gatehouse::store::sqlite {

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    // PERSISTENT: these live as long as the connection, so SQLite may allocate accordingly.
    const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
    if (rc != SQLITE_OK) throw_sqlite_error(db, rc, "preparing " + std::string(sql.substr(0, 80)));
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Query::~Query() {
    sqlite3_reset(statement_.handle());
    sqlite3_clear_bindings(statement_.handle());
}

Query& Query::bind(int index, std::int64_t value) {
    check(statement_.db(), sqlite3_bind_int64(statement_.handle(), index, value));
    return *this;
}

Query& Query::bind(int index, std::string_view value) {
    check(statement_.db(), sqlite3_bind_text64(statement_.handle(), index, value.data(), value.size(),
                                               SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
}

Query& Query::bind(int index, Timestamp value) { return bind(index, to_sqlite_text(value)); }

Query& Query::bind_null(int index) {
    check(statement_.db(), sqlite3_bind_null(statement_.handle(), index));
    return *this;
}

bool Query::step() {
    const int rc = sqlite3_step(statement_.handle());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw_sqlite_error(statement_.db(), rc);
}

void Query::run() {
    while (step()) {
    }
}

bool Query::is_null(int column) const {
    return sqlite3_column_type(statement_.handle(), column) == SQLITE_NULL;
}

std::int64_t Query::int64(int column) const { return sqlite3_column_int64(statement_.handle(), column); }

std::string Query::text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_.handle(), column));
    if (!data) return {};
    return std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement_.handle(), column)));
}

std::optional<std::string> Query::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}

Timestamp Query::timestamp(int column) const {
    const std::string value = text(column);
    if (auto parsed = from_sqlite_text(value)) return *parsed;
    throw StoreError("unreadable datetime in the database: \"" + value + "\"");
}

std::optional<Timestamp> Query::optional_timestamp(int column) const {
    if (is_null(column)) return std::nullopt;
    return timestamp(column);
}

}  // namespace gatehouse::store::sqlite
