#include "store/postgres/migrations.hpp"

#include "store/postgres/postgres_fixture.hpp"
#include "store/postgres/schema_history.hpp"
#include "store/sqlite/schema_history.hpp"

#include <atomic>
#include <thread>

namespace gatehouse::store {
namespace {

class PgMigrations : public ::testing::Test {
protected:
    void SetUp() override {
        GATEHOUSE_REQUIRE_POSTGRES();
        db_ = std::make_unique<testing::TempPostgresDatabase>();
    }
    std::vector<std::string> rows(const std::string& sql) { return db_->rows(sql); }
    std::unique_ptr<testing::TempPostgresDatabase> db_;
};

TEST_F(PgMigrations, FreshDatabaseGetsEverythingAndIsThenUpToDate) {
    auto store = open_store(db_->url());
    EXPECT_EQ(store->pending_migrations().size(), 29u);
    const auto report = store->migrate();
    ASSERT_EQ(report.applied.size(), 29u);
    EXPECT_EQ(report.applied.front(), "contenttypes.0001_initial");
    EXPECT_EQ(report.applied.back(), "token_blacklist.0012_alter_outstandingtoken_user");
    EXPECT_TRUE(store->pending_migrations().empty());
    EXPECT_EQ(rows("SELECT COUNT(*) FROM auth_permission"), std::vector<std::string>{"32"});
    EXPECT_EQ(rows("SELECT id, app_label, model FROM django_content_type WHERE id IN (1, 4, 8) ORDER BY id"),
              (std::vector<std::string>{"1|admin|logentry", "4|auth|user", "8|token_blacklist|outstandingtoken"}));
}

TEST_F(PgMigrations, CreatesIdentityColumnsAsDjango41AndLater) {
    open_store(db_->url())->migrate();
    EXPECT_EQ(rows("SELECT table_name, data_type, is_identity, identity_generation FROM information_schema.columns "
                   "WHERE table_schema = current_schema() AND column_name = 'id' ORDER BY table_name"),
              (std::vector<std::string>{
                  "auth_group|integer|YES|BY DEFAULT", "auth_group_permissions|integer|YES|BY DEFAULT",
                  "auth_permission|integer|YES|BY DEFAULT", "auth_user|integer|YES|BY DEFAULT",
                  "auth_user_groups|integer|YES|BY DEFAULT", "auth_user_user_permissions|integer|YES|BY DEFAULT",
                  "django_admin_log|integer|YES|BY DEFAULT", "django_content_type|integer|YES|BY DEFAULT",
                  "django_migrations|integer|YES|BY DEFAULT",
                  "token_blacklist_blacklistedtoken|bigint|YES|BY DEFAULT",
                  "token_blacklist_outstandingtoken|bigint|YES|BY DEFAULT"}));
    EXPECT_EQ(rows("SELECT sequencename, data_type FROM pg_sequences WHERE sequencename LIKE 'token%' ORDER BY 1"),
              (std::vector<std::string>{"token_blacklist_blacklistedtoken_id_seq|bigint",
                                        "token_blacklist_outstandingtoken_id_seq|bigint"}));
}

TEST_F(PgMigrations, UsesTimestamptzDeferrableForeignKeysAndDjangosIndexNames) {
    open_store(db_->url())->migrate();
    EXPECT_TRUE(rows("SELECT table_name, column_name FROM information_schema.columns "
                     "WHERE table_schema = current_schema() AND data_type LIKE 'timestamp%' "
                     "AND data_type <> 'timestamp with time zone'")
                    .empty());
    EXPECT_EQ(rows("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() "
                   "AND data_type = 'timestamp with time zone'"),
              std::vector<std::string>{"8"});
    EXPECT_EQ(rows("SELECT COUNT(*), bool_and(condeferrable AND condeferred) FROM pg_constraint "
                   "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace"),
              std::vector<std::string>{"11|t"});
    EXPECT_EQ(rows("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%\\_like' ORDER BY 1"),
              (std::vector<std::string>{"auth_group_name_a6ea08ec_like", "auth_user_username_6821ab7c_like",
                                        "django_session_session_key_c0390e0f_like",
                                        "token_blacklist_outstandingtoken_jti_hex_d9bdf6f7_like"}));
}

TEST_F(PgMigrations, SecondRunChangesNothing) {
    auto store = open_store(db_->url());
    store->migrate();
    const auto before = testing::postgres_schema_dump(db_->url());
    EXPECT_TRUE(store->migrate().applied.empty());
    EXPECT_EQ(testing::postgres_schema_dump(db_->url()), before);
}

TEST_F(PgMigrations, AppliesOnlyWhatIsMissingAndKeepsData) {
    auto store = open_store(db_->url());
    store->migrate();
    NewUser user;
    user.username = "alice";
    user.first_name = "Alice";
    const UserId id = store->users().create(user);
    db_->execute("DELETE FROM django_migrations WHERE app = 'auth' AND name = '0012_alter_user_first_name_max_length'");
    EXPECT_EQ(store->pending_migrations(), std::vector<std::string>{"auth.0012_alter_user_first_name_max_length"});
    EXPECT_EQ(store->migrate().applied, std::vector<std::string>{"auth.0012_alter_user_first_name_max_length"});
    EXPECT_EQ(store->users().find_by_id(id)->first_name, "Alice");
    EXPECT_TRUE(store->pending_migrations().empty());
}

TEST_F(PgMigrations, RestoresMissingContentTypesAndPermissions) {
    auto store = open_store(db_->url());
    store->migrate();
    db_->execute("DELETE FROM auth_permission WHERE codename LIKE '%outstandingtoken'");
    store->migrate();
    EXPECT_EQ(rows("SELECT COUNT(*) FROM auth_permission"), std::vector<std::string>{"32"});
}

TEST_F(PgMigrations, FailureLeavesTheDatabaseUntouched) {
    auto store = open_store(db_->url());
    store->migrate();
    // As if sessions.0001 had not run: re-creating django_session fails, and everything with it.
    db_->execute("DELETE FROM django_migrations WHERE app IN ('sessions', 'token_blacklist');"
                 "DELETE FROM auth_permission WHERE codename LIKE '%session'");
    const auto before = testing::postgres_schema_dump(db_->url());
    try {
        store->migrate();
        FAIL() << "migrate should have failed";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("sessions.0001_initial"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("already exists"), std::string::npos) << e.what();
    }
    EXPECT_EQ(testing::postgres_schema_dump(db_->url()), before);
    EXPECT_EQ(store->users().count(), 0);  // and the store still works
}

TEST_F(PgMigrations, NodesMigratingAnEmptyDatabaseAtOnceMakeOneSchema) {
    constexpr int nodes = 4;
    std::vector<std::unique_ptr<Store>> stores;
    for (int i = 0; i < nodes; ++i) stores.push_back(open_store(db_->url()));
    std::atomic<int> errors = 0, applied_all = 0, applied_none = 0;
    std::atomic<bool> go = false;
    std::vector<std::thread> threads;
    for (int i = 0; i < nodes; ++i) {
        threads.emplace_back([&, i] {
            while (!go) std::this_thread::yield();
            try {
                const auto report = stores[i]->migrate();
                if (report.applied.size() == 29u) ++applied_all;
                if (report.applied.empty()) ++applied_none;
            } catch (const std::exception& e) {
                ADD_FAILURE() << e.what();
                ++errors;
            }
        });
    }
    go = true;
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(errors, 0);
    EXPECT_EQ(applied_all, 1);
    EXPECT_EQ(applied_none, nodes - 1);
    EXPECT_EQ(rows("SELECT COUNT(*), COUNT(DISTINCT (app, name)) FROM django_migrations"),
              std::vector<std::string>{"29|29"});
    EXPECT_EQ(rows("SELECT COUNT(*) FROM django_content_type"), std::vector<std::string>{"8"});
    EXPECT_EQ(rows("SELECT COUNT(*) FROM auth_permission"), std::vector<std::string>{"32"});

    testing::TempPostgresDatabase alone;
    open_store(alone.url())->migrate();
    EXPECT_EQ(testing::postgres_schema_dump(db_->url()), testing::postgres_schema_dump(alone.url()));
}

TEST(PgMigrationHistory, NamesTheSameMigrationsAsTheSqliteBackend) {
    const auto ours = postgres::django_migrations();
    const auto sqlites = sqlite::django_migrations();
    ASSERT_EQ(ours.size(), sqlites.size());
    for (std::size_t i = 0; i < ours.size(); ++i) {
        EXPECT_EQ(ours[i].app, sqlites[i].app);
        EXPECT_EQ(ours[i].name, sqlites[i].name);
    }
}

}  // namespace
}  // namespace gatehouse::store
