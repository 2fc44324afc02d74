#include "store/postgres/connection_pool.hpp"

#include "store/postgres/postgres_fixture.hpp"
#include "store/postgres/tcp_proxy.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace gatehouse::store::postgres {
namespace {

using namespace std::chrono_literals;
using std::chrono::steady_clock;

class PgConnectionPool : public ::testing::Test {
protected:
    void SetUp() override {
        GATEHOUSE_REQUIRE_POSTGRES();
        db_ = std::make_unique<testing::TempPostgresDatabase>();
        settings_.url = db_->url();
    }

    // Ends every backend of the test database but the raw session's own, as a restart would.
    void terminate_backends() {
        testing::RawSession(db_->url())
            .execute("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity "
                     "WHERE pid <> pg_backend_pid() AND datname = current_database()");
    }

    std::unique_ptr<testing::TempPostgresDatabase> db_;
    ConnectionSettings settings_;
};

TEST_F(PgConnectionPool, OpensConnectionsLazilyUpToItsSize) {
    settings_.acquire_timeout = 200ms;
    ConnectionPool pool(settings_, 3);
    EXPECT_EQ(pool.open_connections(), 0);
    {
        auto a = pool.acquire();
        auto b = pool.acquire();
        auto c = pool.acquire();
        EXPECT_EQ(pool.open_connections(), 3);
        EXPECT_NE(a->backend_pid(), b->backend_pid());
        try {
            pool.acquire();
            FAIL() << "a fourth connection";
        } catch (const StoreError& e) {
            EXPECT_NE(std::string(e.what()).find("all 3 PostgreSQL connections stayed busy"), std::string::npos);
        }
    }
    EXPECT_EQ(pool.open_connections(), 3);
}

TEST_F(PgConnectionPool, ReusesIdleConnectionsAndTheirStatements) {
    ConnectionPool pool(settings_, 2);
    int first = 0;
    pool.run([&](Connection& c) {
        first = c.backend_pid();
        return c.query("SELECT 1");
    });
    pool.run([&](Connection& c) {
        EXPECT_EQ(c.backend_pid(), first);
        EXPECT_EQ(c.prepared_statements(), 1u);
        return c.query("SELECT 1");
    });
    EXPECT_EQ(pool.open_connections(), 1);
}

TEST_F(PgConnectionPool, AWaitingCallerGetsTheNextConnectionBack) {
    ConnectionPool pool(settings_, 1);
    auto held = std::make_unique<ConnectionPool::Lease>(pool.acquire());
    std::thread releaser([&] {
        std::this_thread::sleep_for(100ms);
        held.reset();
    });
    EXPECT_EQ(pool.run([](Connection& c) { return c.query("SELECT 7").row(0).int64(0); }), 7);
    releaser.join();
}

TEST_F(PgConnectionPool, ReconnectsAfterTheServerEndsEveryBackend) {
    ConnectionPool pool(settings_, 2);
    std::vector<int> before;
    {
        auto a = pool.acquire();
        auto b = pool.acquire();
        before = {a->backend_pid(), b->backend_pid()};
    }
    terminate_backends();
    const int after = pool.run([](Connection& c) {
        c.query("SELECT 1");
        return c.backend_pid();
    });
    EXPECT_NE(after, before[0]);
    EXPECT_NE(after, before[1]);
    EXPECT_EQ(pool.open_connections(), 1);
}

TEST_F(PgConnectionPool, RunsTheWorkAgainWhenTheConnectionDiesBeforeCommit) {
    ConnectionPool pool(settings_, 2);
    int calls = 0;
    const auto value = pool.transaction([&](Transaction& tx) {
        ++calls;
        tx.connection().exec("CREATE TABLE IF NOT EXISTS t (x int)");
        tx.connection().query("INSERT INTO t VALUES ($1)", calls);
        if (calls == 1) {
            testing::RawSession(db_->url())
                .execute("SELECT pg_terminate_backend(" + std::to_string(tx.connection().backend_pid()) + ", 5000)");
        }
        const auto result = tx.connection().query("SELECT x FROM t");  // fails the first time
        tx.commit();
        return result.row(0).int64(0);
    });
    EXPECT_EQ(calls, 2);
    EXPECT_EQ(value, 2);
    EXPECT_EQ(db_->rows("SELECT x FROM t"), std::vector<std::string>{"2"});  // the first attempt left nothing
}

TEST_F(PgConnectionPool, StoreKeepsWorkingAfterItsBackendsAreTerminated) {
    auto store = open_store(db_->url());
    store->migrate();
    NewUser user;
    user.username = "alice";
    store->users().create(user);
    terminate_backends();
    EXPECT_EQ(store->users().count(), 1);
    EXPECT_TRUE(store->users().find_by_username("alice").has_value());
    terminate_backends();
    user.username = "bob";
    EXPECT_NO_THROW(store->users().create(user));
    EXPECT_EQ(store->users().count(), 2);
}

TEST(PgConnectionPoolDown, EveryCallFailsAtOnceWithAClearError) {
    ConnectionSettings settings;
    settings.url = "postgres://gh:s3cret@127.0.0.1:1/auth";
    ConnectionPool pool(settings, 4);
    const auto start = steady_clock::now();
    for (int i = 0; i < 20; ++i) {
        try {
            pool.run([](Connection& c) { return c.query("SELECT 1"); });
            FAIL();
        } catch (const StoreError& e) {
            const std::string message = e.what();
            EXPECT_NE(message.find("cannot connect to PostgreSQL at postgres://gh:***@127.0.0.1:1/auth"),
                      std::string::npos)
                << message;
        }
    }
    EXPECT_LT(steady_clock::now() - start, 2s);
    EXPECT_EQ(pool.open_connections(), 0);
}

TEST(PgConnectionPoolDown, AnUnreadableUrlIsRefusedAtOnce) {
    ConnectionSettings settings;
    settings.url = "postgres://gh:s3cret@db/auth?no_such_parameter=1";
    try {
        ConnectionPool pool(settings, 1);
        FAIL();
    } catch (const StoreError& e) {
        EXPECT_EQ(std::string(e.what()).find("s3cret"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("no_such_parameter"), std::string::npos) << e.what();
    }
}

// The test server's IPv4 address and port, for the proxy; nullopt for a Unix socket.
std::optional<std::pair<std::string, std::uint16_t>> tcp_address(const std::string& url) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
    if (!options) {
        PQfreemem(error);
        return std::nullopt;
    }
    std::string host, port = "5432";
    for (auto* option = options; option->keyword; ++option) {
        if (!option->val) continue;
        if (std::string(option->keyword) == "host" || std::string(option->keyword) == "hostaddr") host = option->val;
        if (std::string(option->keyword) == "port" && *option->val) port = option->val;
    }
    PQconninfoFree(options);
    if (host == "localhost") host = "127.0.0.1";
    in_addr ignored{};
    if (host.empty() || ::inet_pton(AF_INET, host.c_str(), &ignored) != 1) return std::nullopt;
    return std::pair{host, static_cast<std::uint16_t>(std::stoi(port))};
}

// `url` with its host and port replaced.
std::string with_host_port(const std::string& url, const std::string& host, std::uint16_t port) {
    const auto authority = url.find("://") + 3;
    const auto end = url.find_first_of("/?", authority);
    std::string hostport = url.substr(authority, end == std::string::npos ? std::string::npos : end - authority);
    const auto at = hostport.rfind('@');
    const std::string user = at == std::string::npos ? "" : hostport.substr(0, at + 1);
    return url.substr(0, authority) + user + host + ":" + std::to_string(port) +
           (end == std::string::npos ? "" : url.substr(end));
}

TEST_F(PgConnectionPool, ServerDownIsAClearErrorAndBackUpIsServedAgain) {
    const auto target = tcp_address(db_->url());
    if (!target) GTEST_SKIP() << "the test server is not on IPv4 TCP";
    testing::TcpProxy proxy(target->first, target->second);
    auto store = open_store(with_host_port(db_->url(), "127.0.0.1", proxy.port()));
    store->migrate();
    NewUser user;
    user.username = "alice";
    store->users().create(user);

    proxy.stop();  // the server goes away, with every connection to it
    const auto start = steady_clock::now();
    for (int i = 0; i < 5; ++i) {
        try {
            store->users().count();
            FAIL() << "the database is down";
        } catch (const StoreError& e) {
            const std::string message = e.what();
            EXPECT_TRUE(message.find("cannot connect to PostgreSQL") != std::string::npos ||
                        message.find("lost the connection to PostgreSQL") != std::string::npos)
                << message;
        }
    }
    EXPECT_LT(steady_clock::now() - start, 3s);  // neither a hang nor a slow wait

    proxy.start();  // back, on the same address
    const auto deadline = steady_clock::now() + 10s;
    std::optional<std::int64_t> count;
    while (!count && steady_clock::now() < deadline) {
        try {
            count = store->users().count();
        } catch (const StoreError&) {
            std::this_thread::sleep_for(100ms);  // the reconnect backoff is one second
        }
    }
    ASSERT_TRUE(count.has_value()) << "never reconnected";
    EXPECT_EQ(*count, 1);
    user.username = "bob";
    EXPECT_NO_THROW(store->users().create(user));
}

}  // namespace
}  // namespace gatehouse::store::postgres
