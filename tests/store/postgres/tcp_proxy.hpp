#pragma once
// A TCP forwarder between a local port and the test PostgreSQL server, which a test can stop
// (closing every connection through it, and refusing new ones) and start again on the same
// port: a database restart or a network outage, without touching the real server.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace gatehouse::store::testing {

class TcpProxy {
public:
    TcpProxy(std::string target_host, std::uint16_t target_port)
        : target_host_(std::move(target_host)), target_port_(target_port) {
        start();
    }
    ~TcpProxy() { stop(); }
    TcpProxy(const TcpProxy&) = delete;
    TcpProxy& operator=(const TcpProxy&) = delete;

    std::uint16_t port() const { return port_; }

    void start() {
        listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
        const int on = 1;
        ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(port_);  // 0 the first time: any free port
        if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            ::listen(listener_, 64) != 0) {
            ::close(listener_);
            throw std::runtime_error("proxy cannot listen");
        }
        socklen_t length = sizeof address;
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
        port_ = ntohs(address.sin_port);
        stopping_ = false;
        acceptor_ = std::thread([this] { accept_loop(); });
    }

    // Closes the listener and every forwarded connection, as a stopped server would.
    void stop() {
        if (!acceptor_.joinable()) return;
        stopping_ = true;
        acceptor_.join();
        ::close(listener_);
        std::vector<std::thread> pipes;
        {
            std::lock_guard lock(mutex_);
            pipes.swap(pipes_);
        }
        for (auto& pipe : pipes) pipe.join();
    }

private:
    void accept_loop() {
        while (!stopping_) {
            pollfd ready{listener_, POLLIN, 0};
            if (::poll(&ready, 1, 20) <= 0) continue;
            const int client = ::accept(listener_, nullptr, nullptr);
            if (client < 0) continue;
            const int server = connect_target();
            if (server < 0) {
                ::close(client);
                continue;
            }
            std::lock_guard lock(mutex_);
            pipes_.emplace_back([this, client, server] { forward(client, server); });
        }
    }

    int connect_target() const {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(target_port_);
        ::inet_pton(AF_INET, target_host_.c_str(), &address.sin_addr);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            ::close(fd);
            return -1;
        }
        return fd;
    }

    void forward(int client, int server) {
        char buffer[16384];
        pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
        while (!stopping_) {
            if (::poll(fds, 2, 20) <= 0) continue;
            bool closed = false;
            for (int i = 0; i < 2 && !closed; ++i) {
                if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
                if (n <= 0 || !write_all(fds[1 - i].fd, buffer, static_cast<std::size_t>(n))) closed = true;
            }
            if (closed) break;
        }
        ::close(client);
        ::close(server);
    }

    static bool write_all(int fd, const char* data, std::size_t size) {
        while (size > 0) {
            const ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);  // no SIGPIPE from a closed peer
            if (n <= 0) return false;
            data += n;
            size -= static_cast<std::size_t>(n);
        }
        return true;
    }

    std::string target_host_;
    std::uint16_t target_port_;
    std::uint16_t port_ = 0;
    int listener_ = -1;
    std::atomic<bool> stopping_ = false;
    std::thread acceptor_;
    std::mutex mutex_;
    std::vector<std::thread> pipes_;
};

}  // namespace gatehouse::store::testing
