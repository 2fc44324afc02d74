#include "config/settings.hpp"

#include "auth/base64url.hpp"

#include <openssl/rand.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace gatehouse::config {
namespace {

constexpr std::size_t min_secret_key_bytes = 32;
constexpr std::int64_t max_lifetime_s = 10LL * 365 * 86400;

std::string trim(std::string_view text) {
    auto begin = text.find_first_not_of(" \t\r\n");
    if (begin == std::string_view::npos) return {};
    auto end = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(begin, end - begin + 1));
}

// KEY=VALUE lines; '#' comments; optional "export "; values may be single- or
// double-quoted (no escapes inside: secrets are taken literally).
void read_dotenv(const std::string& path, Environment& into) {
    std::ifstream in(path);
    if (!in) return;
    std::string line;
    while (std::getline(in, line)) {
        std::string text = trim(line);
        if (text.empty() || text[0] == '#') continue;
        if (text.rfind("export ", 0) == 0) text = trim(text.substr(7));
        auto eq = text.find('=');
        if (eq == std::string::npos) continue;
        std::string key = trim(text.substr(0, eq));
        std::string value = trim(text.substr(eq + 1));
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
            value.back() == value.front()) {
            value = value.substr(1, value.size() - 2);
        }
        into[key] = value;
    }
}

const std::string* find(const Environment& env, const std::string& name) {
    auto it = env.find(name);
    return it == env.end() ? nullptr : &it->second;
}

bool parse_bool(const std::string& name, const std::string& text) {
    std::string lower;
    for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "1" || lower == "true" || lower == "yes" || lower == "on") return true;
    if (lower == "0" || lower == "false" || lower == "no" || lower == "off") return false;
    throw SettingsError(name + " must be true or false, not \"" + text + "\"");
}

std::int64_t parse_integer(const std::string& name, const std::string& text, std::int64_t min,
                           std::int64_t max) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
        throw SettingsError(name + " must be a whole number from " + std::to_string(min) + " to " +
                            std::to_string(max) + ", not \"" + text + "\"");
    }
    return value;
}

void parse_listen(const std::string& text, Settings& settings) {
    auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) {
        throw SettingsError("GATEHOUSE_LISTEN must be host:port, not \"" + text + "\"");
    }
    std::string host = text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    settings.listen_host = host;
    settings.listen_port =
        static_cast<std::uint16_t>(parse_integer("GATEHOUSE_LISTEN port", text.substr(colon + 1), 0, 65535));
}

std::optional<std::string> optional_value(const Environment& env, const std::string& name) {
    if (const auto* value = find(env, name); value && !value->empty()) return *value;
    return std::nullopt;
}

// The SQLite file a sqlite:/// URL names, or empty for other databases.
std::string sqlite_path(const std::string& url) {
    const std::string prefix = "sqlite:///";
    if (url.rfind(prefix, 0) != 0) return {};
    return url.substr(prefix.size());
}

}  // namespace

Environment load_environment(const std::string& dotenv_path) {
    Environment env;
    read_dotenv(dotenv_path, env);
    for (char** entry = environ; entry && *entry; ++entry) {
        std::string_view text(*entry);
        auto eq = text.find('=');
        if (eq == std::string_view::npos) continue;
        env[std::string(text.substr(0, eq))] = std::string(text.substr(eq + 1));
    }
    return env;
}

std::int64_t parse_duration_seconds(const std::string& name, const std::string& text) {
    if (text.empty()) throw SettingsError(name + " is empty");
    std::int64_t unit = 1;
    std::string digits = text;
    switch (text.back()) {
        case 's': unit = 1; digits.pop_back(); break;
        case 'm': unit = 60; digits.pop_back(); break;
        case 'h': unit = 3600; digits.pop_back(); break;
        case 'd': unit = 86400; digits.pop_back(); break;
        default: break;
    }
    std::int64_t count = parse_integer(name, digits, 1, max_lifetime_s / unit);
    return count * unit;
}

Settings parse_settings(const Environment& env) {
    Settings settings;
    if (auto v = optional_value(env, "GATEHOUSE_DATABASE_URL")) settings.database_url = *v;
    if (auto v = optional_value(env, "GATEHOUSE_LISTEN")) parse_listen(*v, settings);
    if (auto v = optional_value(env, "GATEHOUSE_ACCESS_TOKEN_LIFETIME")) {
        settings.access_token_lifetime_s = parse_duration_seconds("GATEHOUSE_ACCESS_TOKEN_LIFETIME", *v);
    }
    if (auto v = optional_value(env, "GATEHOUSE_REFRESH_TOKEN_LIFETIME")) {
        settings.refresh_token_lifetime_s = parse_duration_seconds("GATEHOUSE_REFRESH_TOKEN_LIFETIME", *v);
    }
    if (auto v = optional_value(env, "GATEHOUSE_ROTATE_REFRESH_TOKENS")) {
        settings.rotate_refresh_tokens = parse_bool("GATEHOUSE_ROTATE_REFRESH_TOKENS", *v);
    }
    if (auto v = optional_value(env, "GATEHOUSE_BLACKLIST_AFTER_ROTATION")) {
        settings.blacklist_after_rotation = parse_bool("GATEHOUSE_BLACKLIST_AFTER_ROTATION", *v);
    }
    if (auto v = optional_value(env, "GATEHOUSE_JWT_ALGORITHM")) {
        auto algorithm = auth::parse_jwt_algorithm(*v);
        if (!algorithm) throw SettingsError("GATEHOUSE_JWT_ALGORITHM must be HS256, HS384 or HS512, not \"" + *v + "\"");
        settings.algorithm = *algorithm;
    }
    if (auto v = optional_value(env, "GATEHOUSE_PBKDF2_ITERATIONS")) {
        // Below 1,000 a hash is no protection; above 100 million a login takes minutes.
        settings.pbkdf2_iterations =
            static_cast<std::uint32_t>(parse_integer("GATEHOUSE_PBKDF2_ITERATIONS", *v, 1000, 100'000'000));
    }
    if (auto v = optional_value(env, "SYSTEM_USER_ID")) {
        settings.system_user_id = parse_integer("SYSTEM_USER_ID", *v, 1, 2147483647);
    }
    if (auto v = optional_value(env, "GATEHOUSE_SQLITE_SYNCHRONOUS")) {
        if (*v != "normal" && *v != "full") {
            throw SettingsError("GATEHOUSE_SQLITE_SYNCHRONOUS must be normal or full, not \"" + *v + "\"");
        }
        settings.sqlite_synchronous = *v;
    }
    if (auto v = optional_value(env, "GATEHOUSE_IO_THREADS")) {
        settings.io_threads = static_cast<unsigned>(parse_integer("GATEHOUSE_IO_THREADS", *v, 1, 256));
    }
    if (auto v = optional_value(env, "GATEHOUSE_HASH_THREADS")) {
        settings.hash_threads = static_cast<unsigned>(parse_integer("GATEHOUSE_HASH_THREADS", *v, 1, 256));
    }
    if (auto v = optional_value(env, "GATEHOUSE_REQUEST_TIMEOUT")) {
        settings.request_timeout_s = parse_duration_seconds("GATEHOUSE_REQUEST_TIMEOUT", *v);
        if (settings.request_timeout_s > 3600) throw SettingsError("GATEHOUSE_REQUEST_TIMEOUT must be at most 1h");
    }
    if (auto v = optional_value(env, "GATEHOUSE_ADMIN_HTTPS")) settings.admin_https = parse_bool("GATEHOUSE_ADMIN_HTTPS", *v);
    if (auto v = optional_value(env, "GATEHOUSE_ADMIN_LOGIN_FAILURES_PER_USERNAME")) {
        settings.admin_login_failures_per_username =
            static_cast<int>(parse_integer("GATEHOUSE_ADMIN_LOGIN_FAILURES_PER_USERNAME", *v, 1, 1000));
    }
    if (auto v = optional_value(env, "GATEHOUSE_ADMIN_LOGIN_FAILURES_PER_ADDRESS")) {
        settings.admin_login_failures_per_address =
            static_cast<int>(parse_integer("GATEHOUSE_ADMIN_LOGIN_FAILURES_PER_ADDRESS", *v, 1, 100000));
    }
    unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    if (settings.io_threads == 0) settings.io_threads = cores;
    if (settings.hash_threads == 0) settings.hash_threads = cores;
    settings.superuser_username = optional_value(env, "GATEHOUSE_SUPERUSER_USERNAME");
    settings.superuser_email = optional_value(env, "GATEHOUSE_SUPERUSER_EMAIL");
    settings.superuser_password = optional_value(env, "GATEHOUSE_SUPERUSER_PASSWORD");
    return settings;
}

std::string resolve_secret_key(Settings& settings, const Environment& env, bool create_if_missing) {
    if (auto v = optional_value(env, "GATEHOUSE_SECRET_KEY")) {
        if (v->size() < min_secret_key_bytes) {
            throw SettingsError("GATEHOUSE_SECRET_KEY is " + std::to_string(v->size()) +
                                " bytes long; it must have at least 32 (HS256 needs a 256-bit key)");
        }
        settings.secret_key = *v;
        settings.secret_key_source = "GATEHOUSE_SECRET_KEY";
        return "signing key from GATEHOUSE_SECRET_KEY";
    }
    std::string db = sqlite_path(settings.database_url);
    if (db.empty() || db == ":memory:") {
        throw SettingsError("GATEHOUSE_SECRET_KEY is not set; it is required unless the database is an SQLite file");
    }
    std::string key_path = db + ".secret_key";
    std::ifstream in(key_path);
    if (in) {
        std::string key;
        std::getline(in, key);
        key = trim(key);
        if (key.size() < min_secret_key_bytes) {
            throw SettingsError("the key file " + key_path + " holds fewer than 32 bytes");
        }
        settings.secret_key = key;
        settings.secret_key_source = key_path;
        return "signing key from " + key_path;
    }
    if (!create_if_missing) {
        throw SettingsError("GATEHOUSE_SECRET_KEY is not set and " + key_path + " does not exist (run `gatehouse migrate` or `serve` once)");
    }
    unsigned char random[64];
    if (RAND_bytes(random, sizeof random) != 1) throw SettingsError("the system's random generator failed");
    std::string key = auth::base64url_encode(std::string_view(reinterpret_cast<char*>(random), sizeof random));
    // O_EXCL: two processes starting at once must not write two different keys.
    int fd = ::open(key_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return resolve_secret_key(settings, env, false);
        throw SettingsError("cannot create the key file " + key_path + ": " + std::strerror(errno));
    }
    std::string line = key + "\n";
    bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
        ::unlink(key_path.c_str());
        throw SettingsError("cannot write the key file " + key_path);
    }
    settings.secret_key = key;
    settings.secret_key_source = key_path;
    return "generated a new signing key (64 random bytes) in " + key_path + " (mode 0600)";
}

std::string describe(const Settings& s) {
    std::ostringstream out;
    auto mask_url = [](std::string url) {
        // postgres://user:password@host -> postgres://user:***@host
        auto scheme = url.find("://");
        auto at = url.find('@');
        if (scheme != std::string::npos && at != std::string::npos) {
            auto colon = url.find(':', scheme + 3);
            if (colon != std::string::npos && colon < at) url.replace(colon + 1, at - colon - 1, "***");
        }
        return url;
    };
    out << "GATEHOUSE_SECRET_KEY=*** (" << s.secret_key.size() << " bytes, from " << s.secret_key_source << ")\n"
        << "GATEHOUSE_DATABASE_URL=" << mask_url(s.database_url) << "\n"
        << "GATEHOUSE_LISTEN=" << s.listen_host << ":" << s.listen_port << "\n"
        << "GATEHOUSE_ACCESS_TOKEN_LIFETIME=" << s.access_token_lifetime_s << "\n"
        << "GATEHOUSE_REFRESH_TOKEN_LIFETIME=" << s.refresh_token_lifetime_s << "\n"
        << "GATEHOUSE_ROTATE_REFRESH_TOKENS=" << (s.rotate_refresh_tokens ? "true" : "false") << "\n"
        << "GATEHOUSE_BLACKLIST_AFTER_ROTATION=" << (s.blacklist_after_rotation ? "true" : "false") << "\n"
        << "GATEHOUSE_JWT_ALGORITHM=" << auth::jwt_algorithm_name(s.algorithm) << "\n"
        << "GATEHOUSE_PBKDF2_ITERATIONS=" << s.pbkdf2_iterations << "\n"
        << "GATEHOUSE_SQLITE_SYNCHRONOUS=" << s.sqlite_synchronous << "\n"
        << "GATEHOUSE_IO_THREADS=" << s.io_threads << "\n"
        << "GATEHOUSE_HASH_THREADS=" << s.hash_threads << "\n"
        << "GATEHOUSE_REQUEST_TIMEOUT=" << s.request_timeout_s << "\n"
        << "GATEHOUSE_ADMIN_HTTPS=" << (s.admin_https ? "true" : "false") << "\n"
        << "GATEHOUSE_ADMIN_LOGIN_FAILURES_PER_USERNAME=" << s.admin_login_failures_per_username << "\n"
        << "GATEHOUSE_ADMIN_LOGIN_FAILURES_PER_ADDRESS=" << s.admin_login_failures_per_address << "\n"
        << "SYSTEM_USER_ID=" << (s.system_user_id ? std::to_string(*s.system_user_id) : "(unset)") << "\n";
    return out.str();
}

}  // namespace gatehouse::config
