#include "store/postgres/postgres_fixture.hpp"

namespace gatehouse::store {
namespace {

using PgGroups = testing::PostgresMigratedStore;

std::vector<std::string> names(const std::vector<Group>& groups) {
    std::vector<std::string> result;
    for (const auto& group : groups) result.push_back(group.name);
    return result;
}

LogEntryInput group_log(UserId actor, AdminAction action, std::int64_t object = 0) {
    return {actor, "auth", "group", std::to_string(object), "g", action, "[]"};
}

TEST_F(PgGroups, CreateAndFind) {
    const auto id = store_->groups().create("editors");
    EXPECT_EQ(store_->groups().find_by_name("editors"), std::optional<std::int64_t>(id));
    EXPECT_FALSE(store_->groups().find_by_name("Editors").has_value());
    EXPECT_THROW(store_->groups().create("editors"), DuplicateError);
}

TEST_F(PgGroups, MembershipIsIdempotentAndRemovable) {
    const UserId user = make_user("alice");
    const auto group = store_->groups().create("editors");
    store_->groups().add_member(user, group);
    store_->groups().add_member(user, group);
    EXPECT_EQ(rows("SELECT user_id, group_id FROM auth_user_groups"),
              std::vector<std::string>{std::to_string(user) + "|" + std::to_string(group)});
    store_->groups().remove_member(user, group);
    EXPECT_TRUE(rows("SELECT * FROM auth_user_groups").empty());
}

TEST_F(PgGroups, AddingAMissingUserFailsTheForeignKey) {
    const auto group = store_->groups().create("editors");
    EXPECT_THROW(store_->groups().add_member(999, group), StoreError);
    EXPECT_TRUE(rows("SELECT * FROM auth_user_groups").empty());
}

TEST_F(PgGroups, GrantOfUnknownPermissionIsFalse) {
    const auto group = store_->groups().create("editors");
    EXPECT_FALSE(store_->groups().grant_permission(group, "auth.fly"));
    EXPECT_TRUE(store_->groups().grant_permission(group, "auth.view_user"));
    EXPECT_TRUE(store_->groups().grant_permission(group, "auth.view_user"));
    EXPECT_EQ(rows("SELECT COUNT(*) FROM auth_group_permissions"), std::vector<std::string>{"1"});
}

TEST_F(PgGroups, RemoveCascadesToLinksOnly) {
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

TEST_F(PgGroups, FindById) {
    const auto id = store_->groups().create("editors");
    const auto group = store_->groups().find(id);
    ASSERT_TRUE(group.has_value());
    EXPECT_EQ(group->id, id);
    EXPECT_EQ(group->name, "editors");
    EXPECT_FALSE(store_->groups().find(id + 1).has_value());
}

TEST_F(PgGroups, SearchRequiresEveryTermInTheNameAndOrdersByName) {
    for (const char* name : {"Staff editors", "editors", "Readers", "staff"}) store_->groups().create(name);
    EXPECT_EQ(names(store_->groups().search({"EDIT"}, false, 0, 100)),
              (std::vector<std::string>{"Staff editors", "editors"}));
    EXPECT_EQ(names(store_->groups().search({"staff", "edit"}, false, 0, 100)),
              std::vector<std::string>{"Staff editors"});
    EXPECT_EQ(names(store_->groups().search({}, true, 0, 100)),
              (std::vector<std::string>{"staff", "editors", "Staff editors", "Readers"}));
    EXPECT_EQ(store_->groups().count_matching({"staff"}), 2);
    EXPECT_EQ(store_->groups().count_matching({}), 4);
}

TEST_F(PgGroups, SearchTreatsPercentAndUnderscoreLiterally) {
    store_->groups().create("50% off");
    store_->groups().create("50x off");
    store_->groups().create("a_b");
    store_->groups().create("axb");
    EXPECT_EQ(names(store_->groups().search({"0%"}, false, 0, 100)), std::vector<std::string>{"50% off"});
    EXPECT_EQ(names(store_->groups().search({"_"}, false, 0, 100)), std::vector<std::string>{"a_b"});
    EXPECT_EQ(store_->groups().count_matching({"%"}), 1);
}

TEST_F(PgGroups, SearchPages) {
    for (const char* name : {"a", "b", "c", "d"}) store_->groups().create(name);
    EXPECT_EQ(names(store_->groups().search({}, false, 1, 2)), (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(names(store_->groups().search({}, false, 3, 2)), std::vector<std::string>{"d"});
    EXPECT_EQ(names(store_->groups().search({}, false, 2, -1)), (std::vector<std::string>{"c", "d"}));
}

TEST_F(PgGroups, AllIsOrderedByName) {
    for (const char* name : {"b", "a", "c"}) store_->groups().create(name);
    EXPECT_EQ(names(store_->groups().all_ordered_by_name()), (std::vector<std::string>{"a", "b", "c"}));
}

TEST_F(PgGroups, PermissionIdsAreSorted) {
    const auto group = store_->groups().create("editors");
    store_->groups().grant_permission(group, "auth.view_user");
    store_->groups().grant_permission(group, "auth.add_user");
    const auto expected = rows("SELECT permission_id FROM auth_group_permissions ORDER BY permission_id");
    const auto ids = store_->groups().permission_ids(group);
    ASSERT_EQ(ids.size(), 2u);
    EXPECT_LT(ids[0], ids[1]);
    EXPECT_EQ(std::to_string(ids[0]), expected.at(0));
    EXPECT_TRUE(store_->groups().permission_ids(group + 1).empty());
}

TEST_F(PgGroups, CreateLoggedWritesGroupPermissionsAndLogEntryWithTheNewId) {
    const UserId admin = make_user("admin");
    const auto helper = store_->groups().create("helper");
    store_->groups().grant_permission(helper, "auth.view_user");
    store_->groups().grant_permission(helper, "auth.add_user");
    const auto permissions = store_->groups().permission_ids(helper);

    const auto id = store_->groups().create_logged("editors", permissions, group_log(admin, AdminAction::addition));
    EXPECT_EQ(store_->groups().find(id)->name, "editors");
    EXPECT_EQ(store_->groups().permission_ids(id), permissions);
    EXPECT_EQ(rows("SELECT l.object_id, l.action_flag, ct.model FROM django_admin_log l "
                   "JOIN django_content_type ct ON ct.id = l.content_type_id"),
              std::vector<std::string>{std::to_string(id) + "|1|group"});
}

TEST_F(PgGroups, CreateLoggedWithTakenNameWritesNothing) {
    const UserId admin = make_user("admin");
    store_->groups().create("editors");
    EXPECT_THROW(store_->groups().create_logged("editors", {}, group_log(admin, AdminAction::addition)),
                 DuplicateError);
    EXPECT_EQ(rows("SELECT COUNT(*) FROM auth_group"), std::vector<std::string>{"1"});
    EXPECT_TRUE(rows("SELECT * FROM django_admin_log").empty());
}

TEST_F(PgGroups, CreateLoggedWithUnknownPermissionWritesNothing) {
    const UserId admin = make_user("admin");
    EXPECT_THROW(store_->groups().create_logged("editors", {99999}, group_log(admin, AdminAction::addition)),
                 StoreError);
    EXPECT_FALSE(store_->groups().find_by_name("editors").has_value());
    EXPECT_TRUE(rows("SELECT * FROM django_admin_log").empty());
}

TEST_F(PgGroups, UpdateLoggedRenamesAndReplacesPermissions) {
    const UserId admin = make_user("admin");
    const auto group = store_->groups().create("editors");
    store_->groups().grant_permission(group, "auth.view_user");
    store_->groups().grant_permission(group, "auth.add_user");
    const auto before = store_->groups().permission_ids(group);
    const auto kept = rows("SELECT id FROM auth_group_permissions WHERE permission_id = " + std::to_string(before[1]));

    store_->groups().update_logged({group, "writers"}, {before[1]}, group_log(admin, AdminAction::change, group));
    EXPECT_EQ(store_->groups().find(group)->name, "writers");
    EXPECT_EQ(store_->groups().permission_ids(group), std::vector<std::int64_t>{before[1]});
    EXPECT_EQ(rows("SELECT id FROM auth_group_permissions"), kept);
    EXPECT_EQ(rows("SELECT object_id, action_flag FROM django_admin_log"),
              std::vector<std::string>{std::to_string(group) + "|2"});

    store_->groups().update_logged({group, "writers"}, {}, std::nullopt);
    EXPECT_TRUE(store_->groups().permission_ids(group).empty());
    EXPECT_EQ(rows("SELECT COUNT(*) FROM django_admin_log"), std::vector<std::string>{"1"});
}

TEST_F(PgGroups, UpdateLoggedWithTakenNameWritesNothing) {
    const UserId admin = make_user("admin");
    store_->groups().create("readers");
    const auto group = store_->groups().create("editors");
    store_->groups().grant_permission(group, "auth.view_user");
    EXPECT_THROW(
        store_->groups().update_logged({group, "readers"}, {}, group_log(admin, AdminAction::change, group)),
        DuplicateError);
    EXPECT_EQ(store_->groups().find(group)->name, "editors");
    EXPECT_EQ(store_->groups().permission_ids(group).size(), 1u);
    EXPECT_TRUE(rows("SELECT * FROM django_admin_log").empty());
}

TEST_F(PgGroups, UpdateLoggedWithUnknownPermissionWritesNothing) {
    const UserId admin = make_user("admin");
    const auto group = store_->groups().create("editors");
    EXPECT_THROW(
        store_->groups().update_logged({group, "writers"}, {99999}, group_log(admin, AdminAction::change, group)),
        StoreError);
    EXPECT_EQ(store_->groups().find(group)->name, "editors");
    EXPECT_TRUE(rows("SELECT * FROM auth_group_permissions").empty());
    EXPECT_TRUE(rows("SELECT * FROM django_admin_log").empty());
}

TEST_F(PgGroups, UpdateLoggedOfAMissingGroupWritesNothing) {
    const UserId admin = make_user("admin");
    store_->groups().update_logged({999, "ghost"}, {}, group_log(admin, AdminAction::change, 999));
    EXPECT_TRUE(rows("SELECT * FROM auth_group").empty());
    EXPECT_TRUE(rows("SELECT * FROM django_admin_log").empty());
}

TEST_F(PgGroups, RemoveLoggedCascadesToLinksAndKeepsTheLog) {
    const UserId admin = make_user("admin");
    const auto editors = store_->groups().create("editors");
    const auto readers = store_->groups().create("readers");
    const auto kept = store_->groups().create("kept");
    for (auto group : {editors, readers, kept}) {
        store_->groups().grant_permission(group, "auth.view_user");
        store_->groups().add_member(admin, group);
    }
    const auto removed = store_->groups().remove_logged(
        {editors, readers, 999},
        {group_log(admin, AdminAction::deletion, editors), group_log(admin, AdminAction::deletion, readers)});
    EXPECT_EQ(removed, 2);
    EXPECT_EQ(names(store_->groups().all_ordered_by_name()), std::vector<std::string>{"kept"});
    EXPECT_EQ(rows("SELECT group_id FROM auth_user_groups"), std::vector<std::string>{std::to_string(kept)});
    EXPECT_EQ(rows("SELECT group_id FROM auth_group_permissions"), std::vector<std::string>{std::to_string(kept)});
    EXPECT_EQ(rows("SELECT COUNT(*) FROM django_admin_log WHERE action_flag = 3"), std::vector<std::string>{"2"});
    EXPECT_TRUE(store_->users().find_by_id(admin).has_value());
}

TEST_F(PgGroups, RemoveLoggedByAMissingUserWritesNothing) {
    const auto group = store_->groups().create("editors");
    EXPECT_THROW(store_->groups().remove_logged({group}, {group_log(999, AdminAction::deletion, group)}),
                 StoreError);
    EXPECT_TRUE(store_->groups().find(group).has_value());
}

TEST_F(PgGroups, DeletionSummaryCountsTheLinksThatCascade) {
    const UserId alice = make_user("alice");
    const UserId bob = make_user("bob");
    const auto editors = store_->groups().create("editors");
    const auto readers = store_->groups().create("readers");
    store_->groups().add_member(alice, editors);
    store_->groups().add_member(bob, editors);
    store_->groups().add_member(bob, readers);
    store_->groups().grant_permission(editors, "auth.view_user");
    const auto summary = store_->groups().deletion_summary({editors, 999});
    EXPECT_EQ(summary.groups, 1);
    EXPECT_EQ(summary.member_links, 2);
    EXPECT_EQ(summary.permission_links, 1);
}

}  // namespace
}  // namespace gatehouse::store
