#pragma once
// gatehouse's settings, read once at start-up from the environment and an optional .env
// file (environment wins), like SimpleJWT's api_settings. Invalid values throw
// SettingsError with a message that names the variable.
#include "auth/jwt.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace gatehouse::config {

class SettingsError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Settings {
    std::string secret_key;             // JWT signing key (>= 32 bytes)
    std::string secret_key_source;      // "GATEHOUSE_SECRET_KEY" or the key file's path
    std::string database_url = "sqlite:///gatehouse.sqlite3";
    std::string listen_host = "127.0.0.1";
    std::uint16_t listen_port = 8000;
    std::int64_t access_token_lifetime_s = 3600;
    std::int64_t refresh_token_lifetime_s = 86400;
    bool rotate_refresh_tokens = true;
    bool blacklist_after_rotation = true;
    auth::JwtAlgorithm algorithm = auth::JwtAlgorithm::hs256;
    std::uint32_t pbkdf2_iterations = 1'200'000;
    std::optional<std::int64_t> system_user_id;
    std::string sqlite_synchronous = "normal";  // GATEHOUSE_SQLITE_SYNCHRONOUS: normal | full
    unsigned io_threads = 0;                    // 0: one per core
    unsigned hash_threads = 0;                  // 0: one per core
    std::int64_t request_timeout_s = 30;        // to read a request (or wait for one), and to write a response
    std::optional<std::string> superuser_username, superuser_email, superuser_password;
    // The admin is served over HTTPS by a proxy in front: cookies get Secure and CSRF
    // expects https:// origins (Django's SESSION_COOKIE_SECURE + SECURE_PROXY_SSL_HEADER).
    bool admin_https = false;                   // GATEHOUSE_ADMIN_HTTPS
    int admin_login_failures_per_username = 5;  // GATEHOUSE_ADMIN_LOGIN_FAILURES_PER_USERNAME, per 15 minutes
    int admin_login_failures_per_address = 30;  // GATEHOUSE_ADMIN_LOGIN_FAILURES_PER_ADDRESS, per 15 minutes
};

using Environment = std::map<std::string, std::string>;

// The process environment merged over the .env file at `dotenv_path` (if it exists).
Environment load_environment(const std::string& dotenv_path = ".env");

// Parses everything but the secret key, which may need the database location (below).
Settings parse_settings(const Environment& env);

// GATEHOUSE_SECRET_KEY if set; otherwise the key file beside the SQLite database
// (`<db>.secret_key`, mode 0600), created with 64 random bytes on first use when
// `create_if_missing`. Returns a log line that says which (never the key itself).
std::string resolve_secret_key(Settings& settings, const Environment& env, bool create_if_missing);

// Lifetimes accept seconds ("3600") or a number with s/m/h/d ("60m", "1d").
std::int64_t parse_duration_seconds(const std::string& name, const std::string& text);

// The effective configuration for `gatehouse check`, with secrets masked.
std::string describe(const Settings& settings);

}  // namespace gatehouse::config
