// Microbenchmarks of the request path without the network: what one authenticated GET, one
// rejection and their parts cost on this machine's CPU. The side-by-side comparison with
// Django is bench/compare.sh; this says where the server's own time goes.
//   build/gatehouse_bench --benchmark_min_time=1
#include "api/app_state.hpp"
#include "api/routes.hpp"
#include "store/store.hpp"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <unistd.h>

namespace gatehouse {
namespace {

// One migrated SQLite store with one user, and the router the server would use.
struct Fixture {
    Fixture() {
        dir = std::filesystem::temp_directory_path() / ("gatehouse-bench-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        config::Settings settings = config::parse_settings({});
        settings.secret_key = std::string(48, 'k');
        settings.database_url = "sqlite:///" + (dir / "db.sqlite3").string();
        auto store = store::open_store(settings.database_url);
        store->migrate();
        store::NewUser user;
        user.username = "bench";
        user.password = "!unusable";
        user_id = store->users().create(user);
        app = std::make_unique<api::AppState>(settings, std::move(store));
        router = std::make_unique<http::Router>(api::make_router(*app));
        access = app->tokens.issue(auth::TokenType::access, user_id, api::unix_now()).token;
    }
    ~Fixture() {
        router.reset();
        app.reset();
        std::filesystem::remove_all(dir);
    }

    std::filesystem::path dir;
    store::UserId user_id = 0;
    std::unique_ptr<api::AppState> app;
    std::unique_ptr<http::Router> router;
    std::string access;
};

Fixture& fixture() {
    static Fixture instance;
    return instance;
}

http::Request get_me(const std::string& authorization) {
    http::Request request{http::Verb::get, "/api/users/me/", 11};
    request.set(http::beast_http::field::host, "127.0.0.1");
    if (!authorization.empty()) request.set(http::beast_http::field::authorization, authorization);
    return request;
}

void AuthenticatedGetMe(benchmark::State& state) {
    auto& f = fixture();
    const http::Request request = get_me("Bearer " + f.access);
    for (auto _ : state) benchmark::DoNotOptimize(f.router->handle(request));
}
BENCHMARK(AuthenticatedGetMe);

void RejectedBadSignature(benchmark::State& state) {
    auto& f = fixture();
    std::string forged = f.access;
    forged.back() = forged.back() == 'A' ? 'B' : 'A';
    const http::Request request = get_me("Bearer " + forged);
    for (auto _ : state) benchmark::DoNotOptimize(f.router->handle(request));
}
BENCHMARK(RejectedBadSignature);

void RejectedAnonymous(benchmark::State& state) {
    auto& f = fixture();
    const http::Request request = get_me("");
    for (auto _ : state) benchmark::DoNotOptimize(f.router->handle(request));
}
BENCHMARK(RejectedAnonymous);

void ValidateAccessToken(benchmark::State& state) {
    auto& f = fixture();
    const auto now = api::unix_now();
    for (auto _ : state) benchmark::DoNotOptimize(f.app->tokens.validate(f.access, auth::TokenType::access, now));
}
BENCHMARK(ValidateAccessToken);

void FindUserById(benchmark::State& state) {
    auto& f = fixture();
    for (auto _ : state) benchmark::DoNotOptimize(f.app->store->users().find_by_id(f.user_id));
}
BENCHMARK(FindUserById);

}  // namespace
}  // namespace gatehouse

BENCHMARK_MAIN();
