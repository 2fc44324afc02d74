#include "cli/context.hpp"

#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace gatehouse::cli {

Context open_context(const CommonOptions& options, bool need_key, bool create_key) {
    Context context;
    context.env = config::load_environment(options.env_file);
    if (options.database_url) context.env["GATEHOUSE_DATABASE_URL"] = *options.database_url;
    if (options.listen) context.env["GATEHOUSE_LISTEN"] = *options.listen;
    context.settings = config::parse_settings(context.env);
    if (need_key) context.key_note = config::resolve_secret_key(context.settings, context.env, create_key);
    store::StoreOptions store_options;
    store_options.sqlite_synchronous = context.settings.sqlite_synchronous;
    store_options.pool_size = static_cast<int>(context.settings.io_threads + context.settings.hash_threads + 2);
    context.store = store::open_store(context.settings.database_url, store_options);
    return context;
}

void log_system_action(Context& context, const store::LogEntryInput& entry) {
    if (!context.settings.system_user_id) return;
    try {
        if (!context.store->users().find_by_id(*context.settings.system_user_id)) return;
        store::LogEntryInput attributed = entry;
        attributed.user_id = *context.settings.system_user_id;
        context.store->admin_log().log(attributed);
    } catch (const std::exception& error) {
        report_error(std::string("could not write the admin log: ") + error.what());
    }
}

void report_error(const std::string& message) { std::cerr << "gatehouse: " << message << std::endl; }

std::string read_line(const std::string& prompt) {
    std::cout << prompt << std::flush;
    std::string line;
    if (!std::getline(std::cin, line)) throw std::runtime_error("no input (end of file)");
    return line;
}

std::string read_password(const std::string& prompt) {
    if (!::isatty(STDIN_FILENO)) return read_line(prompt);
    termios saved{};
    ::tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::string line;
    std::cout << prompt << std::flush;
    bool ok = static_cast<bool>(std::getline(std::cin, line));
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cout << std::endl;
    if (!ok) throw std::runtime_error("no input (end of file)");
    return line;
}

}  // namespace gatehouse::cli
