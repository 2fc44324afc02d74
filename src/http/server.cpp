#include "http/server.hpp"

#include "http/wire_format.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <iostream>
#include <list>
#include <mutex>
#include <optional>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace gatehouse::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

void lower_thread_priority(int nice_increment) {
    // On Linux, PRIO_PROCESS with a thread id applies to that thread alone.
    auto tid = static_cast<id_t>(::syscall(SYS_gettid));
    ::setpriority(PRIO_PROCESS, tid, ::getpriority(PRIO_PROCESS, tid) + nice_increment);
}

namespace {

class Session;
// Each connection's I/O objects name their strand's type, so no operation goes through
// Asio's type-erased any_io_executor.
using Strand = asio::strand<asio::io_context::executor_type>;
using ConnectionSocket = tcp::socket::rebind_executor<Strand>::other;
using ConnectionTimer = asio::steady_timer::rebind_executor<Strand>::other;
using RequestParser = beast::http::request_parser<beast::http::string_body>;

// What every connection shares: the router, the worker pool, and the stop flag.
struct Shared {
    Shared(const Router& router_in, asio::thread_pool& workers_in, ServerLimits limits_in)
        : router(router_in), workers(workers_in), limits(limits_in) {}
    const Router& router;
    asio::thread_pool& workers;
    const ServerLimits limits;
    std::atomic<bool> stopping{false};
    std::mutex sessions_mutex;
    std::list<std::weak_ptr<Session>> sessions;
};

Response error_response(Status status, std::string_view detail) {
    Response response = detail_response(status, detail);
    response.keep_alive(false);
    return response;
}

// Requests Beast parses but that must not be served. A transfer coding that does not end in
// chunked leaves the body's length unknown (RFC 9112 6.3: answer 400 and close), and a repeated
// Authorization or Host field lets a proxy in front and gatehouse disagree about who is asking
// and for which site: Beast's operator[] would quietly take the first one.
std::optional<std::string_view> request_problem(const RequestParser& parser) {
    const Request& request = parser.get();
    if (request.count(beast::http::field::transfer_encoding) != 0 && !parser.chunked()) {
        return "Unsupported Transfer-Encoding.";
    }
    if (request.count(beast::http::field::authorization) > 1) return "More than one Authorization header.";
    if (request.count(beast::http::field::host) > 1) return "More than one Host header.";
    return std::nullopt;
}

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(ConnectionSocket&& socket, Shared& shared)
        : socket_(std::move(socket)),
          shared_(shared),
          deadline_timer_(socket_.get_executor()),
          deadline_(std::chrono::steady_clock::now() + shared.limits.read_timeout) {
        beast::error_code ec;
        auto remote = socket_.remote_endpoint(ec);
        if (!ec) peer_ = remote.address().to_string();
    }

    void start() {
        {
            std::lock_guard lock(shared_.sessions_mutex);
            shared_.sessions.push_back(weak_from_this());
            registration_ = std::prev(shared_.sessions.end());
        }
        asio::dispatch(socket_.get_executor(), [self = shared_from_this()] {
            self->watch_deadline();
            self->do_read();
        });
    }

    ~Session() {
        std::lock_guard lock(shared_.sessions_mutex);
        shared_.sessions.erase(registration_);
    }

    // From any thread: ends the connection now if it is waiting for a request; a busy one
    // ends after its response, since `stopping` is set.
    void close_if_idle() {
        asio::dispatch(socket_.get_executor(), [self = shared_from_this()] {
            if (!self->busy_) self->close();
        });
    }

private:
    // One timer per connection enforces the read and write deadlines. Moving a deadline is
    // a plain assignment; the timer wakes at the old one, sees the new one and sleeps on, so
    // a request costs no timer operation (a timed stream would arm and cancel one for every
    // read and every write).
    void watch_deadline() {
        deadline_timer_.expires_at(deadline_);
        deadline_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (ec || self->closed_) return;
            if (std::chrono::steady_clock::now() >= self->deadline_) return self->close();
            self->watch_deadline();
        });
    }

    void extend_deadline(std::chrono::seconds allowance) { deadline_ = std::chrono::steady_clock::now() + allowance; }

    void do_read() {
        if (shared_.stopping) return close();
        busy_ = false;
        parser_.emplace();
        parser_->header_limit(ServerLimits::header_limit);
        parser_->body_limit(ServerLimits::body_limit);
        extend_deadline(shared_.limits.read_timeout);
        beast::http::async_read(socket_, buffer_, *parser_,
                                [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        if (ec == beast::http::error::end_of_stream || ec == asio::error::operation_aborted || ec == asio::error::connection_reset || ec == asio::error::eof) {
            return close();
        }
        if (ec == beast::http::error::body_limit) {
            return write(error_response(Status::payload_too_large,
                                        "Request body is larger than " + std::to_string(ServerLimits::body_limit) + " bytes."),
                         false);
        }
        if (ec == beast::http::error::header_limit) {
            return write(error_response(Status::request_header_fields_too_large, "Request headers are too large."), false);
        }
        if (ec) {
            if (buffer_.size() == 0 && !parser_->got_some()) return close();
            return write(error_response(Status::bad_request, "Malformed HTTP request."), false);
        }
        if (auto problem = request_problem(*parser_)) {
            return write(error_response(Status::bad_request, *problem), false);
        }
        busy_ = true;
        request_ = parser_->release();
        const bool keep_alive = request_.keep_alive();
        const Router::Match match = shared_.router.route(request_);
        if (shared_.router.execution_for(request_, match) == Execution::worker_pool) {
            asio::post(shared_.workers, [self = shared_from_this(), keep_alive, match,
                                         guard = asio::make_work_guard(socket_.get_executor())]() mutable {
                // Hashing threads yield to the I/O threads, so authenticated requests stay
                // fast while logins run.
                static thread_local bool lowered = (lower_thread_priority(10), true);
                (void)lowered;
                Response response = self->shared_.router.handle(self->request_, match, self->peer_);
                asio::post(self->socket_.get_executor(),
                           [self, keep_alive, response = std::move(response), guard = std::move(guard)]() mutable {
                               self->write(std::move(response), keep_alive);
                           });
            });
            return;
        }
        write(shared_.router.handle(request_, match, peer_), keep_alive);
    }

    void write(Response response, bool keep_alive) {
        busy_ = true;
        keep_alive = keep_alive && !shared_.stopping;
        response.version(request_.version() == 10 ? 10 : 11);
        response.keep_alive(keep_alive);
        wire_.clear();
        append_wire_format(wire_, response);
        extend_deadline(shared_.limits.write_timeout);
        asio::async_write(socket_, asio::buffer(wire_),
                          [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                              if (ec || !keep_alive) return self->close();
                              self->do_read();
                          });
    }

    void close() {
        busy_ = false;
        if (closed_) return;
        closed_ = true;
        beast::error_code ignored;
        socket_.shutdown(ConnectionSocket::shutdown_both, ignored);
        socket_.close(ignored);
        deadline_timer_.cancel();
    }

    ConnectionSocket socket_;
    std::string peer_;  // the client's address, for the admin's login throttle
    Shared& shared_;
    ConnectionTimer deadline_timer_;
    std::chrono::steady_clock::time_point deadline_;
    bool closed_ = false;
    beast::flat_buffer buffer_;
    std::optional<RequestParser> parser_;
    Request request_;
    std::string wire_;  // the response being written; its capacity is reused by the next
    bool busy_ = false;
    std::list<std::weak_ptr<Session>>::iterator registration_;
};

}  // namespace

// One io_context run by every I/O thread: whichever thread is free serves whichever
// connection is ready. With a context per thread, a connection waits whenever its own thread
// is off the CPU, even while another I/O thread idles; on a machine shared with other work
// that wait is the latency tail. Each connection runs on a strand of its own, so its handlers
// (read, write, deadline, a worker's reply) never run at once; the acceptor, its retry timer
// and the signal set share another.
class Server::Impl {
public:
    Impl(const Router& router, std::string host, std::uint16_t port, unsigned io_threads, unsigned worker_threads,
         ServerLimits limits)
        : io_threads_(std::max(1u, io_threads)),
          context_(static_cast<int>(io_threads_)),
          keep_running_(asio::make_work_guard(context_)),
          workers_(worker_threads),
          shared_(router, workers_, limits),
          acceptor_strand_(asio::make_strand(context_)),
          acceptor_(acceptor_strand_),
          accept_retry_(acceptor_strand_),
          signals_(acceptor_strand_) {
        tcp::endpoint endpoint(asio::ip::make_address(host), port);
        acceptor_.open(endpoint.protocol());
        acceptor_.set_option(asio::socket_base::reuse_address(true));
        acceptor_.bind(endpoint);
        acceptor_.listen(asio::socket_base::max_listen_connections);
    }

    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

    void run(bool handle_signals) {
        asio::dispatch(acceptor_strand_, [this, handle_signals] {
            if (handle_signals) {
                signals_.add(SIGINT);
                signals_.add(SIGTERM);
                signals_.async_wait([this](beast::error_code ec, int) {
                    if (!ec) stop();
                });
            }
            do_accept();
        });
        std::vector<std::thread> threads;
        for (unsigned i = 1; i < io_threads_; ++i) threads.emplace_back([this] { context_.run(); });
        context_.run();
        for (auto& thread : threads) thread.join();
        workers_.join();
    }

    void stop() {
        asio::post(acceptor_strand_, [this] {
            if (shared_.stopping.exchange(true)) return;
            beast::error_code ignored;
            acceptor_.close(ignored);
            accept_retry_.cancel();
            signals_.cancel(ignored);
            std::vector<std::shared_ptr<Session>> live;
            {
                std::lock_guard lock(shared_.sessions_mutex);
                for (auto& weak : shared_.sessions) {
                    if (auto session = weak.lock()) live.push_back(std::move(session));
                }
            }
            for (auto& session : live) session->close_if_idle();
            // run() now returns once the last connection is done.
            keep_running_.reset();
        });
    }

private:
    // Runs on the acceptor's strand.
    void do_accept() {
        acceptor_.async_accept(asio::make_strand(context_), [this](beast::error_code ec, ConnectionSocket socket) {
            if (shared_.stopping) return;
            if (!ec) {
                accept_failing_ = false;
                beast::error_code ignored;
                socket.set_option(tcp::no_delay(true), ignored);
                std::make_shared<Session>(std::move(socket), shared_)->start();
            } else if (ec == asio::error::no_descriptors || ec == asio::error::no_buffer_space) {
                // Out of descriptors or buffers, an immediate retry fails at once: it would spin
                // a core and flood the log while the waiting clients queue in the backlog anyway.
                // Wait for connections to close, and say so once per episode.
                if (!accept_failing_) std::cerr << "gatehouse: accept failed: " << ec.message() << std::endl;
                accept_failing_ = true;
                accept_retry_.expires_after(std::chrono::milliseconds(100));
                accept_retry_.async_wait([this](beast::error_code wait_ec) {
                    if (!wait_ec && !shared_.stopping) do_accept();
                });
                return;
            }
            do_accept();
        });
    }

    unsigned io_threads_;
    asio::io_context context_;
    asio::executor_work_guard<asio::io_context::executor_type> keep_running_;
    asio::thread_pool workers_;
    Shared shared_;
    Strand acceptor_strand_;
    tcp::acceptor acceptor_;
    asio::steady_timer accept_retry_;
    bool accept_failing_ = false;
    asio::signal_set signals_;
};

Server::Server(const Router& router, std::string host, std::uint16_t port, unsigned io_threads, unsigned worker_threads,
               ServerLimits limits)
    : impl_(std::make_unique<Impl>(router, std::move(host), port, io_threads, worker_threads, limits)) {}
Server::~Server() = default;
std::uint16_t Server::port() const { return impl_->port(); }
void Server::run(bool handle_signals) { impl_->run(handle_signals); }
void Server::stop() { impl_->stop(); }

}  // namespace gatehouse::http
