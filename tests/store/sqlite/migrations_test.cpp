#include "store/django_models.hpp"
#include "store/sqlite/schema_history.hpp"
#include "store/store.hpp"
#include "store/temp_database.hpp"

#include <gtest/gtest.h>

namespace gatehouse::store {
namespace {

TEST(Migrations, FreshDatabaseGetsEverythingAndIsThenUpToDate) {
    testing::TempDatabase db;
    auto store = open_store(db.url());
    EXPECT_EQ(store->pending_migrations().size(), 29u);
    const auto report = store->migrate();
    ASSERT_EQ(report.applied.size(), 29u);
    EXPECT_EQ(report.applied.front(), "contenttypes.0001_initial");
    EXPECT_EQ(report.applied.back(), "token_blacklist.0012_alter_outstandingtoken_user");
    EXPECT_TRUE(store->pending_migrations().empty());
    EXPECT_EQ(testing::query_rows(db.path(), "SELECT COUNT(*) FROM auth_permission"), std::vector<std::string>{"32"});
    EXPECT_EQ(testing::query_rows(db.path(), "SELECT id, app_label, model FROM django_content_type WHERE id IN (1, 4, 8)"),
              (std::vector<std::string>{"1|admin|logentry", "4|auth|user", "8|token_blacklist|outstandingtoken"}));
}

TEST(Migrations, SecondRunChangesNothing) {
    testing::TempDatabase db;
    auto store = open_store(db.url());
    store->migrate();
    const auto before = testing::schema_dump(db.path());
    EXPECT_TRUE(store->migrate().applied.empty());
    EXPECT_EQ(testing::schema_dump(db.path()), before);
}

TEST(Migrations, AppliesOnlyWhatIsMissingAndKeepsData) {
    testing::TempDatabase db;
    auto store = open_store(db.url());
    store->migrate();
    NewUser user;
    user.username = "alice";
    user.first_name = "Alice";
    const UserId id = store->users().create(user);
    const auto before = testing::schema_dump(db.path());
    // As if the database predated auth.0012: Django would rebuild auth_user once more.
    testing::execute(db.path(), "DELETE FROM django_migrations WHERE app = 'auth' AND name = '0012_alter_user_first_name_max_length'");
    EXPECT_EQ(store->pending_migrations(), std::vector<std::string>{"auth.0012_alter_user_first_name_max_length"});
    EXPECT_EQ(store->migrate().applied, std::vector<std::string>{"auth.0012_alter_user_first_name_max_length"});
    EXPECT_EQ(store->users().find_by_id(id)->first_name, "Alice");
    // Same schema; only the migration row's id moved to the end.
    auto after = testing::schema_dump(db.path());
    EXPECT_EQ(std::vector<std::string>(after.begin(), after.begin() + 35),
              std::vector<std::string>(before.begin(), before.begin() + 35));
}

TEST(Migrations, RestoresMissingContentTypesAndPermissions) {
    testing::TempDatabase db;
    auto store = open_store(db.url());
    store->migrate();
    testing::execute(db.path(), "DELETE FROM auth_permission WHERE codename LIKE '%outstandingtoken'");
    store->migrate();
    EXPECT_EQ(testing::query_rows(db.path(), "SELECT COUNT(*) FROM auth_permission"), std::vector<std::string>{"32"});
}

TEST(Migrations, FailureLeavesTheDatabaseUntouched) {
    testing::TempDatabase db;
    {
        auto store = open_store(db.url());
        store->migrate();
    }
    testing::execute(db.path(), "DELETE FROM django_migrations WHERE app = 'auth' AND name LIKE '001%';"
                                "CREATE TABLE new__auth_group (x)");  // in the way of auth.0010's rebuild
    const auto before = testing::schema_dump(db.path());
    auto store = open_store(db.url());
    try {
        store->migrate();
        FAIL() << "migrate should have failed";
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find("auth.0010_alter_group_name_max_length"), std::string::npos) << e.what();
    }
    EXPECT_EQ(testing::schema_dump(db.path()), before);
    // Foreign keys are back on for the connection that ran it.
    EXPECT_THROW(store->groups().add_member(999, 999), StoreError);
}

TEST(Migrations, HistoryIsDjangos) {
    // Spot checks of the captured history against Django 3.2's migration files.
    const auto history = sqlite::django_migrations();
    ASSERT_EQ(history.size(), 29u);
    EXPECT_EQ(history[0].app, "contenttypes");
    int auth = 0;
    for (const auto& m : history) auth += m.app == "auth";
    EXPECT_EQ(auth, 12);
    EXPECT_EQ(django_models().size(), 8u);
}

}  // namespace
}  // namespace gatehouse::store
