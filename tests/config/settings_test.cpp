#include "config/settings.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/stat.h>

namespace gatehouse::config {
namespace {

TEST(Settings, DefaultsFollowTheGuide) {
    Settings settings = parse_settings({});
    EXPECT_EQ(settings.access_token_lifetime_s, 3600);
    EXPECT_EQ(settings.refresh_token_lifetime_s, 86400);
    EXPECT_TRUE(settings.rotate_refresh_tokens);
    EXPECT_TRUE(settings.blacklist_after_rotation);
    EXPECT_EQ(settings.listen_host, "127.0.0.1");
    EXPECT_EQ(settings.listen_port, 8000);
    EXPECT_EQ(settings.database_url, "sqlite:///gatehouse.sqlite3");
    EXPECT_EQ(settings.pbkdf2_iterations, 1'200'000u);
    EXPECT_FALSE(settings.system_user_id);
}

TEST(Settings, DurationsTakeSuffixes) {
    EXPECT_EQ(parse_duration_seconds("X", "60m"), 3600);
    EXPECT_EQ(parse_duration_seconds("X", "1d"), 86400);
    EXPECT_EQ(parse_duration_seconds("X", "90"), 90);
    EXPECT_EQ(parse_duration_seconds("X", "2h"), 7200);
    for (auto bad : {"", "m", "-5", "0", "1.5h", "5 m", "99999999999999d", "1w"}) {
        SCOPED_TRACE(bad);
        EXPECT_THROW(parse_duration_seconds("X", bad), SettingsError);
    }
}

TEST(Settings, InvalidValuesNameTheVariable) {
    try {
        parse_settings({{"GATEHOUSE_ROTATE_REFRESH_TOKENS", "maybe"}});
        FAIL();
    } catch (const SettingsError& error) {
        EXPECT_NE(std::string(error.what()).find("GATEHOUSE_ROTATE_REFRESH_TOKENS"), std::string::npos);
    }
    EXPECT_THROW(parse_settings({{"SYSTEM_USER_ID", "abc"}}), SettingsError);
    EXPECT_THROW(parse_settings({{"SYSTEM_USER_ID", "0"}}), SettingsError);
    EXPECT_THROW(parse_settings({{"GATEHOUSE_LISTEN", "nowhere"}}), SettingsError);
    EXPECT_THROW(parse_settings({{"GATEHOUSE_JWT_ALGORITHM", "none"}}), SettingsError);
    EXPECT_THROW(parse_settings({{"GATEHOUSE_JWT_ALGORITHM", "RS256"}}), SettingsError);
    EXPECT_THROW(parse_settings({{"GATEHOUSE_PBKDF2_ITERATIONS", "10"}}), SettingsError);
    EXPECT_THROW(parse_settings({{"GATEHOUSE_SQLITE_SYNCHRONOUS", "off"}}), SettingsError);
    EXPECT_THROW(parse_settings({{"GATEHOUSE_REQUEST_TIMEOUT", "0"}}), SettingsError);
    EXPECT_THROW(parse_settings({{"GATEHOUSE_REQUEST_TIMEOUT", "2h"}}), SettingsError);
}

TEST(Settings, ParsesEveryVariable) {
    Settings s = parse_settings({{"GATEHOUSE_LISTEN", "0.0.0.0:9000"},
                                 {"GATEHOUSE_JWT_ALGORITHM", "HS512"},
                                 {"GATEHOUSE_BLACKLIST_AFTER_ROTATION", "false"},
                                 {"SYSTEM_USER_ID", "3"},
                                 {"GATEHOUSE_PBKDF2_ITERATIONS", "260000"},
                                 {"GATEHOUSE_REQUEST_TIMEOUT", "2m"}});
    EXPECT_EQ(s.listen_host, "0.0.0.0");
    EXPECT_EQ(s.listen_port, 9000);
    EXPECT_EQ(s.algorithm, auth::JwtAlgorithm::hs512);
    EXPECT_FALSE(s.blacklist_after_rotation);
    EXPECT_EQ(s.system_user_id, 3);
    EXPECT_EQ(s.pbkdf2_iterations, 260000u);
    EXPECT_EQ(s.request_timeout_s, 120);
}

TEST(SecretKey, ShortKeysAreRefused) {
    Settings settings = parse_settings({});
    EXPECT_THROW(resolve_secret_key(settings, {{"GATEHOUSE_SECRET_KEY", "too-short"}}, false), SettingsError);
    resolve_secret_key(settings, {{"GATEHOUSE_SECRET_KEY", std::string(32, 'k')}}, false);
    EXPECT_EQ(settings.secret_key, std::string(32, 'k'));
}

TEST(SecretKey, GeneratedOnceIntoA0600FileBesideTheDatabase) {
    auto dir = std::filesystem::temp_directory_path() / ("gatehouse-key-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::string url = "sqlite:///" + (dir / "db.sqlite3").string();
    Settings first = parse_settings({{"GATEHOUSE_DATABASE_URL", url}});
    EXPECT_THROW(resolve_secret_key(first, {}, false), SettingsError);
    std::string note = resolve_secret_key(first, {}, true);
    EXPECT_EQ(note.find(first.secret_key), std::string::npos) << "the log line must not show the key";
    EXPECT_GE(first.secret_key.size(), 64u);
    struct stat info {};
    ASSERT_EQ(::stat((dir / "db.sqlite3.secret_key").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600);
    Settings second = parse_settings({{"GATEHOUSE_DATABASE_URL", url}});
    resolve_secret_key(second, {}, true);
    EXPECT_EQ(first.secret_key, second.secret_key);
    std::filesystem::remove_all(dir);
}

TEST(Settings, DescribeMasksSecrets) {
    Settings s = parse_settings({{"GATEHOUSE_DATABASE_URL", "postgres://gate:hunter2@db:5432/auth"}});
    s.secret_key = "super-secret-signing-key-0123456789";
    std::string text = describe(s);
    EXPECT_EQ(text.find("hunter2"), std::string::npos);
    EXPECT_EQ(text.find("super-secret"), std::string::npos);
    EXPECT_NE(text.find("postgres://gate:***@db:5432/auth"), std::string::npos);
}

TEST(Settings, DotenvFileIsReadAndEnvironmentWins) {
    auto path = std::filesystem::temp_directory_path() / ("gatehouse-env-" + std::to_string(::getpid()));
    std::ofstream(path) << "# comment\nexport GATEHOUSE_LISTEN=127.0.0.1:9999\nGATEHOUSE_TEST_ONLY_X='quoted value'\nHOME=/nowhere\n";
    Environment env = load_environment(path.string());
    EXPECT_EQ(env["GATEHOUSE_LISTEN"], "127.0.0.1:9999");
    EXPECT_EQ(env["GATEHOUSE_TEST_ONLY_X"], "quoted value");
    EXPECT_NE(env["HOME"], "/nowhere");  // the real environment wins
    std::filesystem::remove(path);
}

}  // namespace
}  // namespace gatehouse::config
