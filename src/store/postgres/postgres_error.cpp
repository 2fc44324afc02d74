#include "store/postgres/postgres_error.hpp"

#include <libpq-fe.h>

namespace gatehouse::store::postgres {
namespace {

std::string trimmed(std::string message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return message;
}

}  // namespace

std::string sqlstate(const pg_result* result) {
    const char* code = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    return code ? code : "";
}

void throw_postgres_error(pg_conn* connection, const pg_result* result, std::string_view context, bool committing) {
    const std::string code = sqlstate(result);
    std::string message;
    if (const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr) {
        message = primary;
        if (const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL)) message += std::string(" (") + detail + ")";
    } else {
        message = trimmed(PQerrorMessage(connection));
    }
    if (message.empty()) message = "unknown PostgreSQL error";
    if (!context.empty()) message = std::string(context) + ": " + message;

    // A broken connection shows as CONNECTION_BAD once libpq has seen the socket close; the
    // server's own "terminating connection" messages (57P01..57P03) and class 08 say the same.
    const bool lost = PQstatus(connection) == CONNECTION_BAD || code.starts_with("08") || code == "57P01" ||
                      code == "57P02" || code == "57P03";
    if (lost) {
        throw ConnectionLost("lost the connection to PostgreSQL" +
                                 std::string(committing ? " during COMMIT (the transaction may or may not have been saved)" : "") +
                                 ": " + message,
                             committing);
    }
    if (code == "23505") throw DuplicateError(message);
    if (code == "57014") throw StoreError("PostgreSQL statement timed out or was cancelled: " + message);
    throw StoreError(message + (code.empty() ? "" : " [SQLSTATE " + code + "]"));
}

}  // namespace gatehouse::store::postgres
