// gatehouse and Django 3.2 (the reference site in /work/shared/reference/django) must be able to
// share one database file: each migrates what the other made without changing a thing, and each
// reads the other's rows. Skipped when Python, Django or the reference is missing.
#include "store/store.hpp"

#include "store/temp_database.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <string>

namespace gatehouse::store {
namespace {

const std::string reference_dir = GATEHOUSE_SOURCE_DIR "/../shared/reference/django";
const std::string python = "/usr/bin/python3";

std::string quoted(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

struct CommandResult {
    int status;
    std::string output;
};

CommandResult run(const std::string& command) {
    CommandResult result{-1, {}};
    FILE* pipe = popen((command + " 2>&1").c_str(), "r");
    if (!pipe) return result;
    std::array<char, 4096> buffer{};
    while (auto n = fread(buffer.data(), 1, buffer.size(), pipe)) result.output.append(buffer.data(), n);
    result.status = pclose(pipe);
    return result;
}

// manage.py against the SQLite file at db_path, with extra environment assignments.
CommandResult manage(const std::string& db_path, const std::string& args, const std::string& env = "") {
    return run("env PYTHONPATH=" + quoted(reference_dir) + " DJANGO_SETTINGS_MODULE=refsite.settings REF_DB=" +
               quoted(db_path) + " " + env + " " + python + " " + quoted(reference_dir + "/manage.py") + " " +
               args);
}

CommandResult django_shell(const std::string& db_path, const std::string& code) {
    return manage(db_path, "shell -c " + quoted(code));
}

class DjangoInterop : public ::testing::Test {
protected:
    void SetUp() override {
        if (!std::filesystem::exists(reference_dir + "/manage.py")) {
            GTEST_SKIP() << "Django reference not found at " << reference_dir;
        }
        if (run(python + " -c 'import django, rest_framework_simplejwt.token_blacklist'").status != 0) {
            GTEST_SKIP() << "python3 with Django and SimpleJWT is not installed";
        }
    }

    void django_migrate(const std::string& path) {
        auto result = manage(path, "migrate --noinput");
        ASSERT_EQ(result.status, 0) << result.output;
    }

    testing::TempDatabase django_db_;
    testing::TempDatabase our_db_;
};

TEST_F(DjangoInterop, FreshSchemaIsIdenticalToDjangos) {
    django_migrate(django_db_.path());
    open_store(our_db_.url())->migrate();
    const auto theirs = testing::schema_dump(django_db_.path());
    const auto ours = testing::schema_dump(our_db_.path());
    EXPECT_EQ(ours, theirs);
    // 34 schema objects, 29 migrations, 8 content types, 32 permissions, 4 section titles.
    EXPECT_EQ(theirs.size(), 4u + 34u + 29u + 8u + 32u);
}

TEST_F(DjangoInterop, MigrateOnDjangoDatabaseChangesNothing) {
    django_migrate(django_db_.path());
    auto created = manage(django_db_.path(), "createsuperuser --noinput --username admin --email admin@example.com",
                          "DJANGO_SUPERUSER_PASSWORD=admin-pass-123");
    ASSERT_EQ(created.status, 0) << created.output;
    const auto before = testing::schema_dump(django_db_.path());

    auto store = open_store("sqlite:///" + django_db_.path());
    EXPECT_TRUE(store->pending_migrations().empty());
    EXPECT_TRUE(store->migrate().applied.empty());
    EXPECT_EQ(testing::schema_dump(django_db_.path()), before);

    const auto admin = store->users().find_by_username("admin");
    ASSERT_TRUE(admin.has_value());
    EXPECT_EQ(admin->id, 1);
    EXPECT_EQ(admin->email, "admin@example.com");
    EXPECT_TRUE(admin->is_superuser);
    EXPECT_TRUE(admin->is_staff);
    EXPECT_TRUE(admin->is_active);
    EXPECT_FALSE(admin->last_login.has_value());
    EXPECT_TRUE(admin->password.starts_with("pbkdf2_sha256$")) << admin->password;
    EXPECT_LT(std::chrono::abs(now() - admin->date_joined), std::chrono::minutes(5));
}

TEST_F(DjangoInterop, ReadsDjangoRowsWithAndWithoutMicroseconds) {
    django_migrate(django_db_.path());
    auto made = django_shell(django_db_.path(), R"(
import datetime
from django.contrib.auth.models import User, Group, Permission
u = User.objects.create_user("alice", "alice@example.com", "pw-alice-123", first_name="Ålice", last_name="L")
u.last_login = datetime.datetime(2024, 1, 31, 12, 34, 56, 123456, tzinfo=datetime.timezone.utc)
u.date_joined = datetime.datetime(2024, 1, 1, 0, 0, 0, tzinfo=datetime.timezone.utc)
u.save()
g = Group.objects.create(name="viewers")
g.permissions.add(Permission.objects.get(codename="view_user"))
u.groups.add(g)
u.user_permissions.add(Permission.objects.get(codename="change_group"))
)");
    ASSERT_EQ(made.status, 0) << made.output;

    auto store = open_store("sqlite:///" + django_db_.path());
    const auto alice = store->users().find_by_username("alice");
    ASSERT_TRUE(alice.has_value());
    EXPECT_EQ(alice->first_name, "Ålice");
    ASSERT_TRUE(alice->last_login.has_value());
    EXPECT_EQ(to_iso8601(*alice->last_login), "2024-01-31T12:34:56.123456Z");
    EXPECT_EQ(to_iso8601(alice->date_joined), "2024-01-01T00:00:00Z");
    EXPECT_EQ(store->users().permissions(alice->id),
              (std::vector<std::string>{"auth.change_group", "auth.view_user"}));
    EXPECT_EQ(store->groups().find_by_name("viewers"), std::optional<std::int64_t>(1));
}

TEST_F(DjangoInterop, DjangoSeesGatehouseDatabaseAsMigrated) {
    auto store = open_store(our_db_.url());
    store->migrate();
    const auto before = testing::schema_dump(our_db_.path());

    auto plan = manage(our_db_.path(), "showmigrations --plan");
    ASSERT_EQ(plan.status, 0) << plan.output;
    int lines = 0;
    for (std::size_t start = 0; start < plan.output.size();) {
        auto end = plan.output.find('\n', start);
        if (end == std::string::npos) end = plan.output.size();
        const std::string line = plan.output.substr(start, end - start);
        if (!line.empty()) {
            ++lines;
            EXPECT_TRUE(line.starts_with("[X]")) << line;
        }
        start = end + 1;
    }
    EXPECT_EQ(lines, 29);

    auto migrated = manage(our_db_.path(), "migrate --noinput");
    ASSERT_EQ(migrated.status, 0) << migrated.output;
    EXPECT_NE(migrated.output.find("No migrations to apply."), std::string::npos) << migrated.output;
    EXPECT_EQ(testing::schema_dump(our_db_.path()), before);
}

TEST_F(DjangoInterop, DjangoWritesAndReadsGatehouseRows) {
    auto store = open_store(our_db_.url());
    store->migrate();
    NewUser bob;
    bob.username = "bob";
    bob.email = "bob@example.com";
    bob.password = "!unusable";
    const UserId bob_id = store->users().create(bob);
    ASSERT_TRUE(store->users().grant_permission(bob_id, "auth.view_user"));

    // Django reads our user (dates, booleans, permissions) and creates one of its own,
    // with a group, a permission and an outstanding token, all through foreign keys.
    auto result = django_shell(our_db_.path(), R"(
from django.contrib.auth.models import User, Group, Permission
from rest_framework_simplejwt.tokens import RefreshToken
bob = User.objects.get(username="bob")
assert bob.email == "bob@example.com" and bob.is_active and not bob.is_staff, bob
assert bob.has_perm("auth.view_user"), bob.get_all_permissions()
assert bob.date_joined.tzinfo is not None
carol = User.objects.create_user("carol", "carol@example.com", "pw-carol-123")
g = Group.objects.create(name="editors")
g.permissions.add(Permission.objects.get(codename="change_user"))
carol.groups.add(g)
token = RefreshToken.for_user(carol)
token.blacklist()
print("JTI", token["jti"])
)");
    ASSERT_EQ(result.status, 0) << result.output;
    const auto jti_at = result.output.find("JTI ");
    ASSERT_NE(jti_at, std::string::npos) << result.output;
    const std::string jti = result.output.substr(jti_at + 4, 32);

    const auto carol = store->users().find_by_username("carol");
    ASSERT_TRUE(carol.has_value());
    EXPECT_TRUE(carol->password.starts_with("pbkdf2_sha256$"));
    EXPECT_TRUE(store->users().has_permission(carol->id, "auth.change_user"));
    EXPECT_TRUE(store->tokens().is_blacklisted(jti));

    // Our delete leaves Django's token row behind with no user, as Django's SET_NULL would.
    EXPECT_TRUE(store->users().remove(carol->id));
    EXPECT_EQ(testing::query_rows(our_db_.path(), "SELECT user_id FROM token_blacklist_outstandingtoken"),
              std::vector<std::string>{"NULL"});
    auto check = django_shell(our_db_.path(), R"(
from django.contrib.auth.models import User
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken
assert not User.objects.filter(username="carol").exists()
assert OutstandingToken.objects.get().user is None
)");
    EXPECT_EQ(check.status, 0) << check.output;
}

}  // namespace
}  // namespace gatehouse::store
