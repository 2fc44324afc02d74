// gatehouse and Django (the reference site in /work/shared/reference/django, Debian's Django 3.2
// with psycopg2) must be able to share one PostgreSQL database: each migrates what the other
// made without changing a thing, and each reads the other's rows. Skipped without
// GATEHOUSE_TEST_POSTGRES_URL, or when Python, Django, psycopg2 or the reference is missing.
#include "store/postgres/postgres_fixture.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>

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

class PgDjangoInterop : public ::testing::Test {
protected:
    void SetUp() override {
        GATEHOUSE_REQUIRE_POSTGRES();
        if (!std::filesystem::exists(reference_dir + "/manage.py")) {
            GTEST_SKIP() << "Django reference not found at " << reference_dir;
        }
        if (run(python + " -c 'import django, psycopg2, rest_framework_simplejwt.token_blacklist'").status != 0) {
            GTEST_SKIP() << "python3 with Django, psycopg2 and SimpleJWT is not installed";
        }
        django_db_ = std::make_unique<testing::TempPostgresDatabase>();
        our_db_ = std::make_unique<testing::TempPostgresDatabase>();
    }

    // manage.py against the database at `url`.
    CommandResult manage(const std::string& url, const std::string& args, const std::string& env = "") {
        return run("env PYTHONPATH=" + quoted(reference_dir) + " DJANGO_SETTINGS_MODULE=refsite.settings REF_DATABASE_URL=" +
                   quoted(url) + " " + env + " " + python + " " + quoted(reference_dir + "/manage.py") + " " + args);
    }

    std::string django_shell(const std::string& url, const std::string& code) {
        auto result = manage(url, "shell -c " + quoted(code));
        EXPECT_EQ(result.status, 0) << result.output;
        return result.output;
    }

    void django_migrate(const std::string& url, const std::string& target = "") {
        auto result = manage(url, "migrate --noinput " + target);
        ASSERT_EQ(result.status, 0) << result.output;
    }

    // The normalized dump, plus what it leaves out on purpose: how each id column gets its values.
    static std::vector<std::string> exact_dump(const std::string& url) {
        auto dump = testing::postgres_schema_dump(url);
        for (auto& row : testing::RawSession(url).rows(R"(
                SELECT c.relname, a.attname, a.attidentity, coalesce(pg_get_expr(d.adbin, d.adrelid), '')
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0
                ORDER BY 1, 2)")) {
            dump.push_back(row);
        }
        return dump;
    }

    std::unique_ptr<testing::TempPostgresDatabase> django_db_;
    std::unique_ptr<testing::TempPostgresDatabase> our_db_;
};

TEST_F(PgDjangoInterop, FreshSchemaIsDjangosButForIdentityColumns) {
    django_migrate(django_db_->url());
    open_store(our_db_->url())->migrate();
    const auto theirs = testing::postgres_schema_dump(django_db_->url());
    EXPECT_EQ(testing::postgres_schema_dump(our_db_->url()), theirs);
    EXPECT_GT(theirs.size(), 190u);
    // Django 3.2 made serial columns; gatehouse makes identity columns, as Django 4.1+ does.
    EXPECT_EQ(django_db_->rows("SELECT COUNT(*) FROM information_schema.columns WHERE is_identity = 'YES'"),
              std::vector<std::string>{"0"});
    EXPECT_EQ(our_db_->rows("SELECT COUNT(*) FROM information_schema.columns WHERE is_identity = 'YES'"),
              std::vector<std::string>{"11"});
}

TEST_F(PgDjangoInterop, MigrateOnDjangoDatabaseChangesNothing) {
    django_migrate(django_db_->url());
    auto created = manage(django_db_->url(), "createsuperuser --noinput --username admin --email admin@example.com",
                          "DJANGO_SUPERUSER_PASSWORD=admin-pass-123");
    ASSERT_EQ(created.status, 0) << created.output;
    const auto before = exact_dump(django_db_->url());

    auto store = open_store(django_db_->url());
    EXPECT_TRUE(store->pending_migrations().empty());
    EXPECT_TRUE(store->migrate().applied.empty());
    EXPECT_EQ(exact_dump(django_db_->url()), before);

    const auto admin = store->users().find_by_username("admin");
    ASSERT_TRUE(admin.has_value());
    EXPECT_EQ(admin->id, 1);
    EXPECT_EQ(admin->email, "admin@example.com");
    EXPECT_TRUE(admin->is_superuser && admin->is_staff && admin->is_active);
    EXPECT_FALSE(admin->last_login.has_value());
    EXPECT_TRUE(admin->password.starts_with("pbkdf2_sha256$")) << admin->password;
    EXPECT_LT(std::chrono::abs(now() - admin->date_joined), std::chrono::minutes(5));
    // And writes into Django's serial columns.
    NewUser user;
    user.username = "bob";
    EXPECT_EQ(store->users().create(user), 2);
}

TEST_F(PgDjangoInterop, DjangoFindsNothingToMigrateAndReadsGatehouseRows) {
    auto store = open_store(our_db_->url());
    store->migrate();
    auto check = manage(our_db_->url(), "migrate --check");
    EXPECT_EQ(check.status, 0) << check.output;

    NewUser input;
    input.username = "alice";
    input.first_name = "Ålice";
    input.password = "!unusable";
    const UserId alice = store->users().create(input);
    const auto group = store->groups().create("viewers");
    store->groups().grant_permission(group, "auth.view_user");
    store->groups().add_member(alice, group);
    auto user = *store->users().find_by_id(alice);
    user.last_login = *from_sqlite_text("2024-01-31 12:34:56.123456");
    store->users().update(user);
    store->tokens().record_outstanding({"0123456789abcdef0123456789abcdef", "t", alice, now(), now() + std::chrono::hours(1)});

    const auto output = django_shell(our_db_->url(), R"(
from django.contrib.auth.models import User
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken
u = User.objects.get(username="alice")
print(u.id, u.first_name, u.last_login.isoformat(), u.has_perm("auth.view_user"), u.has_usable_password())
print(OutstandingToken.objects.get(jti="0123456789abcdef0123456789abcdef").user_id)
b = User.objects.create_user("bob", "bob@example.com", "pw-bob-123456")
print(b.id)
)");
    EXPECT_NE(output.find(std::to_string(alice) + " Ålice 2024-01-31T12:34:56.123456+00:00 True False"),
              std::string::npos)
        << output;
    EXPECT_NE(output.find("\n" + std::to_string(alice) + "\n"), std::string::npos) << output;
    const auto bob = store->users().find_by_username("bob");
    ASSERT_TRUE(bob.has_value());
    EXPECT_EQ(bob->id, alice + 1);  // Django's inserts take the identity column's next value
    EXPECT_EQ(bob->email, "bob@example.com");
}

TEST_F(PgDjangoInterop, BringsForwardADatabaseDjangoLeftPartWay) {
    // Django 3.2 migrated up to token_blacklist.0007 (serial, 32-bit ids), with a token in it.
    django_migrate(django_db_->url(), "token_blacklist 0007_auto_20171017_2214");
    django_db_->execute("INSERT INTO token_blacklist_outstandingtoken (token, created_at, expires_at, user_id, jti) "
                        "VALUES ('t', now(), now() + interval '1 hour', NULL, 'old-jti')");
    auto store = open_store(django_db_->url());
    const auto pending = store->pending_migrations();
    EXPECT_FALSE(pending.empty());
    EXPECT_EQ(store->migrate().applied, pending);
    EXPECT_TRUE(store->pending_migrations().empty());
    auto check = manage(django_db_->url(), "migrate --check");
    EXPECT_EQ(check.status, 0) << check.output;

    // The same schema as a fresh one. (The rows differ in order only: Django recorded its
    // migrations, content types and permissions for the apps it had migrated first.)
    open_store(our_db_->url())->migrate();
    auto schema_only = [](std::vector<std::string> dump) {
        dump.erase(std::find(dump.begin(), dump.end(), "-- django_migrations"), dump.end());
        return dump;
    };
    EXPECT_EQ(schema_only(testing::postgres_schema_dump(django_db_->url())),
              schema_only(testing::postgres_schema_dump(our_db_->url())));
    EXPECT_EQ(django_db_->rows("SELECT (SELECT COUNT(*) FROM django_migrations), (SELECT COUNT(*) FROM "
                               "django_content_type), (SELECT COUNT(*) FROM auth_permission)"),
              std::vector<std::string>{"29|8|32"});
    EXPECT_TRUE(store->tokens().blacklist({"old-jti", "t", std::nullopt, now(), now()}));
    EXPECT_EQ(django_db_->rows("SELECT COUNT(*) FROM token_blacklist_outstandingtoken"), std::vector<std::string>{"1"});
}

}  // namespace
}  // namespace gatehouse::store
