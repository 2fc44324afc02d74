#include "admin/admin_site.hpp"
#include "api/app_state.hpp"
#include "api/routes.hpp"
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "http/server.hpp"

#include <iostream>

namespace gatehouse::cli {

int serve(const CommonOptions& options) {
    Context context = open_context(options, true, true);
    auto pending = context.store->pending_migrations();
    if (!pending.empty()) {
        report_error("the database has " + std::to_string(pending.size()) +
                     " unapplied migration(s); run `gatehouse migrate` first");
        return 1;
    }
    if (auto id = context.settings.system_user_id; id && !context.store->users().find_by_id(*id)) {
        report_error("SYSTEM_USER_ID=" + std::to_string(*id) +
                     " names no user; create that user first or unset SYSTEM_USER_ID");
        return 1;
    }
    std::cerr << "gatehouse: " << context.key_note << "\n"
              << "gatehouse: database " << context.store->describe() << std::endl;

    api::AppState app(context.settings, std::move(context.store));
    http::Router router = api::make_router(app);
    admin::AdminSite admin_site(app);
    admin_site.add_routes(router);
    http::ServerLimits limits;
    limits.read_timeout = limits.write_timeout = std::chrono::seconds(app.settings.request_timeout_s);
    http::Server server(router, app.settings.listen_host, app.settings.listen_port, app.settings.io_threads,
                        app.settings.hash_threads, limits);
    std::cerr << "gatehouse: serving on http://" << app.settings.listen_host << ":" << server.port() << "/ ("
              << app.settings.io_threads << " I/O threads, " << app.settings.hash_threads
              << " hashing threads); SIGTERM or Ctrl-C stops" << std::endl;
    server.run(true);
    std::cerr << "gatehouse: stopped" << std::endl;
    return 0;
}

}  // namespace gatehouse::cli
