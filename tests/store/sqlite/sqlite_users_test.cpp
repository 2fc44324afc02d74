#include "store/sqlite/store_fixture.hpp"

#include <atomic>
#include <thread>

namespace gatehouse::store {
namespace {

using Users = testing::MigratedStore;

TEST_F(Users, CreateSetsDateJoinedAndDefaults) {
    const auto before = now();
    NewUser input;
    input.username = "alice";
    input.email = "alice@example.com";
    input.first_name = "Ålice";
    input.password = "pbkdf2_sha256$1$s$h";
    input.is_staff = true;
    const UserId id = store_->users().create(input);
    const auto user = store_->users().find_by_id(id);
    ASSERT_TRUE(user.has_value());
    EXPECT_EQ(user->username, "alice");
    EXPECT_EQ(user->email, "alice@example.com");
    EXPECT_EQ(user->first_name, "Ålice");
    EXPECT_TRUE(user->is_staff);
    EXPECT_TRUE(user->is_active);
    EXPECT_FALSE(user->is_superuser);
    EXPECT_FALSE(user->last_login.has_value());
    EXPECT_GE(user->date_joined, before);
    EXPECT_LE(user->date_joined, now());
    // Booleans are stored as Django stores them: integers.
    EXPECT_EQ(rows("SELECT typeof(is_staff), is_staff, is_active FROM auth_user"),
              std::vector<std::string>{"integer|1|1"});
}

TEST_F(Users, CreateRejectsTakenUsername) {
    make_user("alice");
    EXPECT_THROW(make_user("alice"), DuplicateError);
    EXPECT_EQ(store_->users().count(), 1);
}

TEST_F(Users, FindByUsernameIsCaseSensitive) {
    make_user("alice");
    EXPECT_TRUE(store_->users().find_by_username("alice").has_value());
    EXPECT_FALSE(store_->users().find_by_username("Alice").has_value());
    EXPECT_FALSE(store_->users().find_by_username("alice ").has_value());
}

TEST_F(Users, ListIsOrderedById) {
    make_user("b");
    make_user("a");
    make_user("c");
    std::vector<std::string> names;
    for (const auto& user : store_->users().list_ordered_by_id()) names.push_back(user.username);
    EXPECT_EQ(names, (std::vector<std::string>{"b", "a", "c"}));
    EXPECT_EQ(store_->users().count(), 3);
}

TEST_F(Users, UpdateWritesEveryColumn) {
    const UserId id = make_user("alice");
    auto user = *store_->users().find_by_id(id);
    user.username = "alice2";
    user.email = "a2@example.com";
    user.last_name = "L";
    user.is_active = false;
    user.is_superuser = true;
    user.last_login = from_sqlite_text("2024-01-31 12:34:56.5");
    user.date_joined = *from_sqlite_text("2020-05-06 07:08:09");
    store_->users().update(user);
    EXPECT_EQ(rows("SELECT * FROM auth_user"),
              std::vector<std::string>{std::to_string(id) + "|pbkdf2_sha256$1$salt$hash|2024-01-31 12:34:56.500000|1|"
                                       "alice2|L|a2@example.com|0|0|2020-05-06 07:08:09|"});
    const auto read = *store_->users().find_by_id(id);
    EXPECT_EQ(read.username, "alice2");
    EXPECT_EQ(read.last_login, user.last_login);
    EXPECT_FALSE(read.is_active);
    EXPECT_TRUE(read.is_superuser);
}

TEST_F(Users, UpdateRejectsTakenUsername) {
    make_user("alice");
    auto bob = *store_->users().find_by_id(make_user("bob"));
    bob.username = "alice";
    EXPECT_THROW(store_->users().update(bob), DuplicateError);
}

TEST_F(Users, SetPasswordAndLastLogin) {
    const UserId id = make_user("alice");
    store_->users().set_password(id, "argon2$new");
    const auto when = *from_sqlite_text("2024-01-31 12:34:56");
    store_->users().set_last_login(id, when);
    const auto user = *store_->users().find_by_id(id);
    EXPECT_EQ(user.password, "argon2$new");
    EXPECT_EQ(user.last_login, when);
    EXPECT_EQ(rows("SELECT last_login FROM auth_user"), std::vector<std::string>{"2024-01-31 12:34:56"});
}

TEST_F(Users, RemoveCascadesAsDjangosOrmDoes) {
    const UserId id = make_user("alice");
    const UserId other = make_user("bob");
    const auto group = store_->groups().create("staff");
    store_->groups().add_member(id, group);
    store_->users().grant_permission(id, "auth.view_user");
    store_->admin_log().log({id, "auth", "user", std::to_string(other), "bob", AdminAction::change, "[]"});
    store_->tokens().record_outstanding({"jti1", "token", id, now(), now() + std::chrono::hours(1)});

    EXPECT_TRUE(store_->users().remove(id));
    EXPECT_FALSE(store_->users().find_by_id(id).has_value());
    EXPECT_EQ(rows("SELECT COUNT(*) FROM auth_user_groups"), std::vector<std::string>{"0"});
    EXPECT_EQ(rows("SELECT COUNT(*) FROM auth_user_user_permissions"), std::vector<std::string>{"0"});
    EXPECT_EQ(rows("SELECT COUNT(*) FROM django_admin_log"), std::vector<std::string>{"0"});
    EXPECT_EQ(rows("SELECT jti, user_id FROM token_blacklist_outstandingtoken"),
              std::vector<std::string>{"jti1|NULL"});
    EXPECT_TRUE(store_->groups().find_by_name("staff").has_value());
    EXPECT_TRUE(store_->users().find_by_id(other).has_value());
}

TEST_F(Users, RemoveOfMissingUserIsFalse) { EXPECT_FALSE(store_->users().remove(42)); }

TEST_F(Users, PermissionsCombineDirectAndGroupSorted) {
    const UserId id = make_user("alice");
    EXPECT_TRUE(store_->users().permissions(id).empty());
    const auto group = store_->groups().create("editors");
    ASSERT_TRUE(store_->groups().grant_permission(group, "auth.change_user"));
    ASSERT_TRUE(store_->groups().grant_permission(group, "auth.view_user"));
    store_->groups().add_member(id, group);
    ASSERT_TRUE(store_->users().grant_permission(id, "auth.view_user"));
    ASSERT_TRUE(store_->users().grant_permission(id, "admin.view_logentry"));
    EXPECT_EQ(store_->users().permissions(id),
              (std::vector<std::string>{"admin.view_logentry", "auth.change_user", "auth.view_user"}));
    EXPECT_TRUE(store_->users().has_permission(id, "auth.change_user"));
    EXPECT_TRUE(store_->users().has_permission(id, "admin.view_logentry"));
    EXPECT_FALSE(store_->users().has_permission(id, "auth.delete_user"));
    EXPECT_FALSE(store_->users().has_permission(id, "view_user"));
    EXPECT_FALSE(store_->users().has_permission(make_user("bob"), "auth.view_user"));
}

TEST_F(Users, GrantIsIdempotentAndRevokeRemoves) {
    const UserId id = make_user("alice");
    EXPECT_TRUE(store_->users().grant_permission(id, "auth.view_user"));
    EXPECT_TRUE(store_->users().grant_permission(id, "auth.view_user"));
    EXPECT_EQ(rows("SELECT COUNT(*) FROM auth_user_user_permissions"), std::vector<std::string>{"1"});
    EXPECT_TRUE(store_->users().revoke_permission(id, "auth.view_user"));
    EXPECT_FALSE(store_->users().has_permission(id, "auth.view_user"));
}

TEST_F(Users, GrantOfUnknownPermissionIsFalse) {
    const UserId id = make_user("alice");
    EXPECT_FALSE(store_->users().grant_permission(id, "auth.fly"));
    EXPECT_FALSE(store_->users().grant_permission(id, "nodot"));
    EXPECT_FALSE(store_->users().revoke_permission(id, "auth.fly"));
}

TEST_F(Users, GrantToMissingUserFailsTheForeignKey) {
    EXPECT_THROW(store_->users().grant_permission(999, "auth.view_user"), StoreError);
    EXPECT_EQ(rows("SELECT COUNT(*) FROM auth_user_user_permissions"), std::vector<std::string>{"0"});
}

TEST_F(Users, ConcurrentReadersAndWritersAgree) {
    std::vector<std::thread> threads;
    std::atomic<int> failures = 0;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            try {
                for (int i = 0; i < 25; ++i) {
                    const UserId id = make_user("u" + std::to_string(t) + "_" + std::to_string(i));
                    if (!store_->users().find_by_id(id)) ++failures;
                }
            } catch (...) {
                ++failures;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures, 0);
    EXPECT_EQ(store_->users().count(), 200);
}

}  // namespace
}  // namespace gatehouse::store
