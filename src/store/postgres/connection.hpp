#pragma once
// One libpq connection, set up as gatehouse needs it (UTC, ISO dates, timeouts so that nothing
// waits forever), with its prepared statements: each SQL text is prepared once per connection,
// under a name of its own, the first time it runs. Used by one thread at a time (the pool sees
// to that).
#include "store/postgres/statement.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

struct pg_conn;

namespace gatehouse::store::postgres {

struct ConnectionSettings {
    // postgres://user:password@host:port/database?param=value, as libpq reads it; its
    // parameters (connect_timeout, sslmode, application_name, ...) win over the defaults here.
    std::string url;
    std::chrono::seconds connect_timeout{5};
    // Server side: no statement runs, and no transaction idles, longer than this.
    std::chrono::milliseconds statement_timeout{15000};
    std::chrono::milliseconds idle_in_transaction_timeout{60000};
    // Client side: a server that stops answering on the network (no RST, no FIN) is given up
    // after this, rather than waited for as long as TCP would.
    std::chrono::milliseconds tcp_user_timeout{15000};
    // After a failed attempt to connect, calls fail at once with the same message for this
    // long instead of each waiting for its own attempt (up to connect_timeout).
    std::chrono::milliseconds reconnect_backoff{1000};
    // How long a caller waits for a connection while all of them are lent out.
    std::chrono::milliseconds acquire_timeout{15000};
};

// `url` with its password (user:password@, or ?password=) replaced by ***.
std::string mask_password(std::string_view url);

class Connection {
public:
    // Throws StoreError when the server cannot be reached or refuses us.
    explicit Connection(const ConnectionSettings& settings);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs `sql` ($1, $2, ... for parameters) as a prepared statement, preparing it first if
    // this connection has not yet. Throws StoreError (DuplicateError, ConnectionLost).
    Result execute(std::string_view sql, const Params& params = {});
    template <class... Args>
    Result query(std::string_view sql, const Args&... args) {
        Params params;
        (params.add(args), ...);
        return execute(sql, params);
    }
    // Runs one or more statements without parameters or preparing (DDL, BEGIN, COMMIT).
    // `committing`: a loss of the connection now leaves the outcome unknown.
    void exec(std::string_view sql, bool committing = false);

    // The connection is known to be gone.
    bool broken() const;
    // Connected, outside any transaction, and nothing unasked is waiting on the socket (which
    // is how a server that restarted or ended our backend says goodbye).
    bool looks_usable() const;
    int backend_pid() const;
    std::size_t prepared_statements() const { return statements_.size(); }

private:
    const std::string& prepared(std::string_view sql);
    // throw_postgres_error(), remembering a lost connection as broken even while libpq still
    // calls it CONNECTION_OK (the server's goodbye read, its closing of the socket not yet).
    [[noreturn]] void fail(const pg_result* result, std::string_view context, bool committing = false);

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    pg_conn* connection_ = nullptr;
    std::unordered_map<std::string, std::string, Hash, std::equal_to<>> statements_;  // SQL -> name
    std::uint64_t next_statement_ = 0;
    bool lost_ = false;
};

}  // namespace gatehouse::store::postgres
