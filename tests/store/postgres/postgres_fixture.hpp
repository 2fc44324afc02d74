#pragma once
// PostgreSQL tests run against the server GATEHOUSE_TEST_POSTGRES_URL names (e.g.
// postgres://postgres@127.0.0.1:54329/postgres, a role allowed to create databases) and are
// skipped without it. Each test gets a database of its own, gh_test_<random>, created from
// template0 with the C collation (so orderings are byte orders, as on SQLite) and dropped
// afterwards; raw libpq access lets tests look at what the store wrote.
#include "store/store.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace gatehouse::store::testing {

inline std::optional<std::string> test_server_url() {
    const char* url = std::getenv("GATEHOUSE_TEST_POSTGRES_URL");
    if (!url || !*url) return std::nullopt;
    return std::string(url);
}

#define GATEHOUSE_REQUIRE_POSTGRES()                                                             \
    do {                                                                                         \
        if (!::gatehouse::store::testing::test_server_url()) {                                   \
            GTEST_SKIP() << "set GATEHOUSE_TEST_POSTGRES_URL to run the PostgreSQL tests";        \
        }                                                                                        \
    } while (0)

// `url` naming database `name` instead (the path replaced, any ?query kept).
inline std::string with_database(const std::string& url, const std::string& name) {
    const auto scheme = url.find("://");
    const std::size_t authority = scheme == std::string::npos ? 0 : scheme + 3;
    const auto query = url.find('?', authority);
    const auto path = url.find('/', authority);
    const auto host_end = std::min(path, query);
    std::string result = url.substr(0, host_end == std::string::npos ? url.size() : host_end) + "/" + name;
    if (query != std::string::npos) result += url.substr(query);
    return result;
}

// A plain libpq session for looking at and changing a database behind the store's back.
class RawSession {
public:
    explicit RawSession(const std::string& url) : connection_(PQconnectdb(url.c_str())) {
        if (PQstatus(connection_) != CONNECTION_OK) {
            std::string message = PQerrorMessage(connection_);
            PQfinish(connection_);
            throw std::runtime_error("cannot connect to " + url + ": " + message);
        }
        execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'");
    }
    ~RawSession() { PQfinish(connection_); }
    RawSession(const RawSession&) = delete;
    RawSession& operator=(const RawSession&) = delete;

    // Every row of `sql`, columns joined by '|', NULL as "NULL".
    std::vector<std::string> rows(const std::string& sql) {
        PGresult* result = PQexec(connection_, sql.c_str());
        check(result, sql);
        std::vector<std::string> rows;
        for (int r = 0; r < PQntuples(result); ++r) {
            std::string row;
            for (int c = 0; c < PQnfields(result); ++c) {
                if (c) row += '|';
                row += PQgetisnull(result, r, c) ? "NULL" : PQgetvalue(result, r, c);
            }
            rows.push_back(row);
        }
        PQclear(result);
        return rows;
    }

    void execute(const std::string& sql) { PQclear(check(PQexec(connection_, sql.c_str()), sql)); }

    int backend_pid() const { return PQbackendPID(connection_); }

private:
    PGresult* check(PGresult* result, const std::string& sql) {
        const auto status = PQresultStatus(result);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
            std::string message = PQresultErrorMessage(result);
            PQclear(result);
            throw std::runtime_error(message + " in: " + sql);
        }
        return result;
    }

    PGconn* connection_;
};

// A fresh database on the test server, dropped (with whatever is still connected) at the end.
class TempPostgresDatabase {
public:
    TempPostgresDatabase() : server_(*test_server_url()) {
        std::random_device random;
        static constexpr char hex[] = "0123456789abcdef";
        name_ = "gh_test_";
        for (int i = 0; i < 16; ++i) name_ += hex[random() % 16];
        RawSession(server_).execute("CREATE DATABASE \"" + name_ +
                                    "\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
    }
    ~TempPostgresDatabase() {
        try {
            RawSession(server_).execute("DROP DATABASE IF EXISTS \"" + name_ + "\" WITH (FORCE)");
        } catch (const std::exception& e) {
            ADD_FAILURE() << "could not drop " << name_ << ": " << e.what();
        }
    }
    TempPostgresDatabase(const TempPostgresDatabase&) = delete;
    TempPostgresDatabase& operator=(const TempPostgresDatabase&) = delete;

    const std::string& name() const { return name_; }
    std::string url() const { return with_database(server_, name_); }
    std::vector<std::string> rows(const std::string& sql) const { return RawSession(url()).rows(sql); }
    void execute(const std::string& sql) const { RawSession(url()).execute(sql); }

private:
    std::string server_;
    std::string name_;
};

// What must be identical between a database Django migrated and one gatehouse did: columns
// (positions, types, nullability; an identity column and a serial one both count as "auto"),
// constraints, indexes, sequences, and the rows migrate writes.
inline std::vector<std::string> postgres_schema_dump(const std::string& url) {
    RawSession session(url);
    std::vector<std::string> dump;
    auto add = [&](const std::string& title, const std::string& sql) {
        dump.push_back("-- " + title);
        for (auto& row : session.rows(sql)) dump.push_back(row);
    };
    add("columns", R"(
        SELECT c.relname, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
               CASE WHEN a.attidentity = 'd' OR pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%' THEN 'auto'
                    ELSE coalesce(pg_get_expr(d.adbin, d.adrelid), '') END
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY 1, 2)");
    add("constraints", R"(
        SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), condeferrable, condeferred
        FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY 1, 2)");
    add("indexes", "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1");
    add("sequences", R"(
        SELECT sequencename, data_type, start_value, increment_by, max_value
        FROM pg_sequences WHERE schemaname = current_schema() ORDER BY 1)");
    add("django_migrations", "SELECT id, app, name FROM django_migrations ORDER BY id");
    add("django_content_type", "SELECT id, app_label, model FROM django_content_type ORDER BY id");
    add("auth_permission", "SELECT id, content_type_id, codename, name FROM auth_permission ORDER BY id");
    return dump;
}

}  // namespace gatehouse::store::testing
