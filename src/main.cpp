// gatehouse: a Django-compatible JWT authentication server. The command line mirrors
// Django's manage.py; `gatehouse <command> --help` explains each command.
#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "config/settings.hpp"
#include "store/store.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace {

constexpr const char* configuration_help = R"(Configuration comes from the environment and an optional .env file:
  GATEHOUSE_SECRET_KEY              JWT signing key, >= 32 bytes (default: generated into <db>.secret_key)
  GATEHOUSE_DATABASE_URL            sqlite:///gatehouse.sqlite3 (default) or sqlite:////absolute/path
  GATEHOUSE_LISTEN                  127.0.0.1:8000
  GATEHOUSE_ACCESS_TOKEN_LIFETIME   3600 (seconds, or 60m, 1h, 1d)
  GATEHOUSE_REFRESH_TOKEN_LIFETIME  86400
  GATEHOUSE_ROTATE_REFRESH_TOKENS   true
  GATEHOUSE_BLACKLIST_AFTER_ROTATION true
  GATEHOUSE_JWT_ALGORITHM           HS256 (or HS384, HS512)
  GATEHOUSE_PBKDF2_ITERATIONS       1200000 (Django 6.0's) for new hashes
  GATEHOUSE_SQLITE_SYNCHRONOUS      normal (survives a crash) or full (also a power loss)
  GATEHOUSE_IO_THREADS, GATEHOUSE_HASH_THREADS   one per core
  GATEHOUSE_REQUEST_TIMEOUT         30 (seconds to receive a request or send a response)
  GATEHOUSE_SUPERUSER_USERNAME, _EMAIL, _PASSWORD   for createsuperuser --noinput
  SYSTEM_USER_ID                    the user system-made records belong to)";

int run_guarded(const std::function<int()>& command) {
    try {
        return command();
    } catch (const gatehouse::config::SettingsError& error) {
        gatehouse::cli::report_error(std::string("configuration: ") + error.what());
    } catch (const gatehouse::store::StoreError& error) {
        gatehouse::cli::report_error(std::string("database: ") + error.what());
    } catch (const std::exception& error) {
        gatehouse::cli::report_error(error.what());
    }
    return 1;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"gatehouse: JWT authentication and user management, wire-compatible with Django + SimpleJWT"};
    app.footer(configuration_help);
    app.require_subcommand(1);
    gatehouse::cli::CommonOptions common;
    app.add_option("--env-file", common.env_file, "read settings from this file too (default .env)");
    app.add_option("--database", common.database_url, "overrides GATEHOUSE_DATABASE_URL");

    auto* serve = app.add_subcommand("serve", "serve the API on GATEHOUSE_LISTEN until SIGTERM or SIGINT");
    serve->add_option("--listen", common.listen, "host:port, overrides GATEHOUSE_LISTEN");
    auto* migrate = app.add_subcommand("migrate", "create or update Django's tables (a no-op on a migrated database)");
    auto* check = app.add_subcommand(
        "check", "print the effective configuration (secrets masked) and check the database and SYSTEM_USER_ID");
    auto* flush = app.add_subcommand("flushexpiredtokens", "delete expired outstanding refresh tokens (run it from cron)");

    gatehouse::cli::CreateSuperuserOptions superuser;
    auto* create = app.add_subcommand("createsuperuser", "create a superuser, interactively or with --noinput");
    create->add_flag("--noinput,--no-input", superuser.no_input,
                     "take the username, email and password from flags and GATEHOUSE_SUPERUSER_* instead of asking");
    create->add_option("--username", superuser.username, "the username (GATEHOUSE_SUPERUSER_USERNAME)");
    create->add_option("--email", superuser.email, "the email address (GATEHOUSE_SUPERUSER_EMAIL)");
    create->add_flag("--skip-existing", superuser.skip_existing, "succeed without changes when the user exists");

    std::string username;
    auto* change = app.add_subcommand("changepassword", "set a user's password, asking for it twice");
    change->add_option("username", username, "the user whose password changes")->required();

    CLI11_PARSE(app, argc, argv);

    using namespace gatehouse::cli;
    if (*serve) return run_guarded([&] { return gatehouse::cli::serve(common); });
    if (*migrate) return run_guarded([&] { return gatehouse::cli::migrate(common); });
    if (*check) return run_guarded([&] { return gatehouse::cli::check(common); });
    if (*flush) return run_guarded([&] { return flush_expired_tokens(common); });
    if (*create) return run_guarded([&] { return create_superuser(common, superuser); });
    if (*change) return run_guarded([&] { return change_password(common, username); });
    return 1;
}
