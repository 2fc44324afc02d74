// The server's scheduling, end to end over loopback: with its I/O threads sharing one
// io_context, a handler that holds one thread does not hold up connections that arrive
// meanwhile (with a context per thread, every other new connection would wait on the held
// thread), and a stop still waits for the held request to be answered.
#include "http/server.hpp"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>

namespace gatehouse::http {
namespace {

// A blocking HTTP/1.1 exchange with a receive timeout; returns "" if nothing complete came.
std::string exchange(std::uint16_t port, const std::string& path, std::chrono::milliseconds timeout) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{static_cast<time_t>(timeout.count() / 1000), static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string response;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
        const std::string request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
            char buffer[4096];
            ssize_t n;
            while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0) response.append(buffer, static_cast<std::size_t>(n));
        }
    }
    ::close(fd);
    return response;
}

bool is_ok_with(const std::string& response, const std::string& body) {
    return response.rfind("HTTP/1.1 200 OK\r\n", 0) == 0 && response.ends_with("\r\n\r\n" + body);
}

auth::AuthenticationResult nobody(const Request&) { return {}; }

class HeldHandler : public ::testing::Test {
protected:
    HeldHandler() : router_(nobody, "/api/") {
        router_.add({"/held/", {Verb::get}, Access::public_route, Execution::io_thread, [this](RequestContext&) {
                         entered_.set_value();
                         release_.wait();
                         return json_response(Status::ok, "held");
                     }});
        router_.add({"/quick/", {Verb::get}, Access::public_route, Execution::io_thread,
                     [](RequestContext&) { return json_response(Status::ok, "quick"); }});
    }
    ~HeldHandler() override {
        if (serving_.joinable()) {
            server_->stop();
            serving_.join();
        }
    }

    void start(unsigned io_threads) {
        server_.emplace(router_, "127.0.0.1", 0, io_threads, 1);
        serving_ = std::thread([this] { server_->run(false); });
    }

    Router router_;
    std::promise<void> entered_;
    std::promise<void> release_promise_;
    std::shared_future<void> release_ = release_promise_.get_future().share();
    std::optional<Server> server_;
    std::thread serving_;
};

TEST_F(HeldHandler, NewConnectionsAreServedWhileOneIoThreadIsHeld) {
    start(2);
    const auto port = server_->port();
    auto held = std::async(std::launch::async, [port] { return exchange(port, "/held/", std::chrono::seconds(10)); });
    entered_.get_future().wait();
    // One I/O thread is inside /held/ now. Every new connection must still be answered.
    for (int i = 0; i < 8; ++i) {
        EXPECT_TRUE(is_ok_with(exchange(port, "/quick/", std::chrono::seconds(2)), "\"quick\"")) << "connection " << i;
    }
    release_promise_.set_value();
    EXPECT_TRUE(is_ok_with(held.get(), "\"held\""));
}

TEST_F(HeldHandler, StopWaitsForTheRequestInFlight) {
    start(2);
    const auto port = server_->port();
    auto held = std::async(std::launch::async, [port] { return exchange(port, "/held/", std::chrono::seconds(10)); });
    entered_.get_future().wait();
    server_->stop();
    // The listener closes at once; the held request still gets its answer, then run() returns.
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(exchange(port, "/quick/", std::chrono::milliseconds(500)), "");
    release_promise_.set_value();
    const std::string response = held.get();
    EXPECT_TRUE(is_ok_with(response, "\"held\""));
    serving_.join();
}

}  // namespace
}  // namespace gatehouse::http
