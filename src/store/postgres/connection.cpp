#include "store/postgres/connection.hpp"

#include "store/postgres/postgres_error.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <vector>

namespace gatehouse::store::postgres {
namespace {

std::string trimmed(const char* text) {
    std::string message = text ? text : "";
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return message;
}

}  // namespace

std::string mask_password(std::string_view url) {
    std::string out(url);
    const auto scheme = out.find("://");
    const std::size_t authority = scheme == std::string::npos ? 0 : scheme + 3;
    const auto authority_end = out.find_first_of("/?", authority);
    const auto at = out.rfind('@', authority_end == std::string::npos ? std::string::npos : authority_end);
    if (at != std::string::npos && at >= authority) {
        const auto colon = out.find(':', authority);
        if (colon != std::string::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
    // ?password=... (or &password=...)
    for (std::size_t pos = out.find('?'); pos != std::string::npos; pos = out.find('&', pos + 1)) {
        constexpr std::string_view key = "password=";
        if (out.compare(pos + 1, key.size(), key) == 0) {
            const auto value = pos + 1 + key.size();
            const auto end = out.find('&', value);
            out.replace(value, (end == std::string::npos ? out.size() : end) - value, "***");
        }
    }
    return out;
}

Connection::Connection(const ConnectionSettings& settings) {
    const std::string connect_timeout = std::to_string(settings.connect_timeout.count());
    const std::string tcp_user_timeout = std::to_string(settings.tcp_user_timeout.count());
    // The URL comes last: what it says wins over these defaults.
    const std::vector<const char*> keywords = {
        "connect_timeout", "application_name", "client_encoding", "keepalives", "keepalives_idle",
        "keepalives_interval", "keepalives_count", "tcp_user_timeout", "dbname", nullptr};
    const std::vector<const char*> values = {
        connect_timeout.c_str(), "gatehouse", "UTF8", "1", "30", "10", "3", tcp_user_timeout.c_str(),
        settings.url.c_str(), nullptr};
    connection_ = PQconnectdbParams(keywords.data(), values.data(), /*expand_dbname=*/1);
    if (!connection_) throw StoreError("cannot connect to PostgreSQL: out of memory");
    if (PQstatus(connection_) != CONNECTION_OK) {
        std::string message = trimmed(PQerrorMessage(connection_));
        PQfinish(connection_);
        connection_ = nullptr;
        throw StoreError("cannot connect to PostgreSQL at " + mask_password(settings.url) + ": " + message);
    }
    try {
        // Timestamps are read as text, so the session's zone and style are fixed here whatever
        // the server's defaults; '\' in our LIKE patterns needs standard strings.
        exec("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET standard_conforming_strings = on; "
             "SET statement_timeout = " + std::to_string(settings.statement_timeout.count()) +
             "; SET idle_in_transaction_session_timeout = " +
             std::to_string(settings.idle_in_transaction_timeout.count()));
    } catch (...) {
        PQfinish(connection_);
        connection_ = nullptr;
        throw;
    }
}

Connection::~Connection() { PQfinish(connection_); }

const std::string& Connection::prepared(std::string_view sql) {
    if (auto it = statements_.find(sql); it != statements_.end()) return it->second;
    std::string name = "gatehouse_" + std::to_string(++next_statement_);
    const std::string text(sql);
    Result result(PQprepare(connection_, name.c_str(), text.c_str(), 0, nullptr));
    if (PQresultStatus(result.handle()) != PGRES_COMMAND_OK) {
        fail(result.handle(), "preparing " + text.substr(0, 80));
    }
    return statements_.emplace(text, std::move(name)).first->second;
}

Result Connection::execute(std::string_view sql, const Params& params) {
    const std::string& name = prepared(sql);
    const auto values = params.pointers();
    Result result(PQexecPrepared(connection_, name.c_str(), params.size(), values.data(), nullptr, nullptr, 0));
    const auto status = PQresultStatus(result.handle());
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
    // "cached plan must not change result type" (the table changed under the statement: a
    // migration elsewhere) or "prepared statement does not exist" (a pooler in between reset
    // the session): prepare it afresh next time.
    if (const auto code = sqlstate(result.handle()); code == "0A000" || code == "26000") {
        statements_.erase(statements_.find(sql));
    }
    fail(result.handle(), {});
}

void Connection::exec(std::string_view sql, bool committing) {
    const std::string text(sql);
    Result result(PQexec(connection_, text.c_str()));
    const auto status = PQresultStatus(result.handle());
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    fail(result.handle(), {}, committing);
}

void Connection::fail(const pg_result* result, std::string_view context, bool committing) {
    try {
        throw_postgres_error(connection_, result, context, committing);
    } catch (const ConnectionLost&) {
        lost_ = true;
        throw;
    }
}

bool Connection::broken() const { return lost_ || PQstatus(connection_) != CONNECTION_OK; }

bool Connection::looks_usable() const {
    if (broken() || PQtransactionStatus(connection_) != PQTRANS_IDLE) return false;
    // Between commands the server sends nothing unless it is ending the session (a restart,
    // pg_terminate_backend, idle_session_timeout): a readable socket means the end.
    pollfd socket{PQsocket(connection_), POLLIN, 0};
    return ::poll(&socket, 1, 0) == 0;
}

int Connection::backend_pid() const { return PQbackendPID(connection_); }

}  // namespace gatehouse::store::postgres
