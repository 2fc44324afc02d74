#include "store/sqlite/store_fixture.hpp"

namespace gatehouse::store {
namespace {

using Groups = testing::MigratedStore;

TEST_F(Groups, CreateAndFind) {
    const auto id = store_->groups().create("editors");
    EXPECT_EQ(store_->groups().find_by_name("editors"), std::optional<std::int64_t>(id));
    EXPECT_FALSE(store_->groups().find_by_name("Editors").has_value());
    EXPECT_THROW(store_->groups().create("editors"), DuplicateError);
}

TEST_F(Groups, MembershipIsIdempotentAndRemovable) {
    const UserId user = make_user("alice");
    const auto group = store_->groups().create("editors");
    store_->groups().add_member(user, group);
    store_->groups().add_member(user, group);
    EXPECT_EQ(rows("SELECT user_id, group_id FROM auth_user_groups"),
              std::vector<std::string>{std::to_string(user) + "|" + std::to_string(group)});
    store_->groups().remove_member(user, group);
    EXPECT_TRUE(rows("SELECT * FROM auth_user_groups").empty());
}

TEST_F(Groups, AddingAMissingUserFailsTheForeignKey) {
    const auto group = store_->groups().create("editors");
    EXPECT_THROW(store_->groups().add_member(999, group), StoreError);
    EXPECT_TRUE(rows("SELECT * FROM auth_user_groups").empty());
}

TEST_F(Groups, GrantOfUnknownPermissionIsFalse) {
    const auto group = store_->groups().create("editors");
    EXPECT_FALSE(store_->groups().grant_permission(group, "auth.fly"));
    EXPECT_TRUE(store_->groups().grant_permission(group, "auth.view_user"));
    EXPECT_TRUE(store_->groups().grant_permission(group, "auth.view_user"));
    EXPECT_EQ(rows("SELECT COUNT(*) FROM auth_group_permissions"), std::vector<std::string>{"1"});
}

TEST_F(Groups, RemoveCascadesToLinksOnly) {
    const UserId user = make_user("alice");
    const auto group = store_->groups().create("editors");
    store_->groups().grant_permission(group, "auth.view_user");
    store_->groups().add_member(user, group);
    EXPECT_TRUE(store_->groups().remove(group));
    EXPECT_FALSE(store_->groups().remove(group));
    EXPECT_TRUE(rows("SELECT * FROM auth_group_permissions").empty());
    EXPECT_TRUE(rows("SELECT * FROM auth_user_groups").empty());
    EXPECT_TRUE(store_->users().find_by_id(user).has_value());
    EXPECT_FALSE(store_->users().has_permission(user, "auth.view_user"));
}

}  // namespace
}  // namespace gatehouse::store
