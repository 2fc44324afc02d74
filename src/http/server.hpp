#pragma once
// The HTTP/1.1 server: Boost.Beast over Asio, one io_context shared by the I/O threads, a fixed
// read -> handle -> write cycle per request, keep-alive, bounded headers and bodies, a
// deadline on every read, and a graceful stop that finishes requests in flight.
#include "http/router.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace gatehouse::http {

struct ServerLimits {
    static constexpr std::size_t header_limit = 8 * 1024;
    static constexpr std::size_t body_limit = 64 * 1024;
    std::chrono::seconds read_timeout{30};   // a whole request, and idle keep-alive
    std::chrono::seconds write_timeout{30};  // a whole response
};

class Server {
public:
    Server(const Router& router, std::string host, std::uint16_t port, unsigned io_threads,
           unsigned worker_threads, ServerLimits limits = {});
    ~Server();

    // The port actually bound (useful with port 0).
    std::uint16_t port() const;

    // Serves until stop() is called (or SIGINT/SIGTERM when handle_signals), then returns
    // after every request in flight has been answered.
    void run(bool handle_signals);
    void stop();

private:
    class Impl;
    std::unique_ptr<Impl> impl_;
};

// Lowers the calling thread's scheduling priority (nice), for CPU-heavy workers that must
// not delay the I/O threads.
void lower_thread_priority(int nice_increment);

}  // namespace gatehouse::http
