// Database URLs in the form dj-database-url reads them, which is what Django users know.
#include "store/postgres/postgres_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"

namespace gatehouse::store {

std::unique_ptr<Store> open_store(std::string_view url, const StoreOptions& options) {
    constexpr std::string_view sqlite_scheme = "sqlite://";
    if (url.starts_with(sqlite_scheme)) {
        std::string_view rest = url.substr(sqlite_scheme.size());
        // sqlite://:memory: and sqlite:///:memory: both name a private in-memory database.
        if (rest == ":memory:" || rest == "/:memory:") return sqlite::open_sqlite_store(":memory:", options);
        // What follows "sqlite://" is an empty host and then the path: "/relative" or "//absolute".
        if (!rest.starts_with('/') || rest.size() < 2) {
            throw StoreError("SQLite database URL needs a path: sqlite:///relative/path or "
                             "sqlite:////absolute/path (got \"" + std::string(url) + "\")");
        }
        return sqlite::open_sqlite_store(std::string(rest.substr(1)), options);
    }
    // postgres://user:password@host:port/database?sslmode=..., as libpq reads it (both schemes).
    if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
        return postgres::open_postgres_store(std::string(url), options);
    }
    const auto colon = url.find(':');
    throw StoreError("unsupported database URL scheme \"" +
                     std::string(colon == std::string_view::npos ? url : url.substr(0, colon)) +
                     "\" (expected sqlite:// or postgres://)");
}

}  // namespace gatehouse::store
