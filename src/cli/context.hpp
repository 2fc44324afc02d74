#pragma once
// What every command starts from: the settings (environment, .env, flags) and the store.
#include "cli/commands.hpp"
#include "config/settings.hpp"
#include "store/store.hpp"

#include <memory>
#include <string>

namespace gatehouse::cli {

struct Context {
    config::Settings settings;
    config::Environment env;
    std::unique_ptr<store::Store> store;
    std::string key_note;  // where the signing key came from, for the log
};

// Throws config::SettingsError or store::StoreError with a message for the operator.
// `need_key`: resolve (and for `create_key`, create) the signing key.
Context open_context(const CommonOptions& options, bool need_key, bool create_key);

// Records a change made without a person in django_admin_log, as SYSTEM_USER_ID, when it is
// set and names an existing user; otherwise does nothing. Never throws.
void log_system_action(Context& context, const store::LogEntryInput& entry);

// Errors as "gatehouse: <message>" on stderr.
void report_error(const std::string& message);

// Reads a password from the terminal without echo (or a line from stdin when it is not a
// terminal, for scripts).
std::string read_password(const std::string& prompt);
std::string read_line(const std::string& prompt);

}  // namespace gatehouse::cli
