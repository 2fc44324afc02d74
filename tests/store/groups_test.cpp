// The group repository on every backend (typed over store_backends.hpp's traits, so SQLite and
// PostgreSQL answer the same tests): membership, permissions, search, and the logged admin
// writes with their cascades.
#include "store/store_backends.hpp"

namespace gatehouse::store {
namespace {

template <typename Backend>
class Groups : public testing::StoreTest<Backend> {};
TYPED_TEST_SUITE(Groups, testing::StoreBackends);

std::vector<std::string> names(const std::vector<Group>& groups) {
    std::vector<std::string> result;
    for (const auto& group : groups) result.push_back(group.name);
    return result;
}

LogEntryInput group_log(UserId actor, AdminAction action, std::int64_t object = 0) {
    return {actor, "auth", "group", std::to_string(object), "g", action, "[]"};
}

TYPED_TEST(Groups, CreateAndFind) {
    const auto id = this->store_->groups().create("editors");
    EXPECT_EQ(this->store_->groups().find_by_name("editors"), std::optional<std::int64_t>(id));
    EXPECT_FALSE(this->store_->groups().find_by_name("Editors").has_value());
    EXPECT_THROW(this->store_->groups().create("editors"), DuplicateError);
}

TYPED_TEST(Groups, MembershipIsIdempotentAndRemovable) {
    const UserId user = this->make_user("alice");
    const auto group = this->store_->groups().create("editors");
    this->store_->groups().add_member(user, group);
    this->store_->groups().add_member(user, group);
    EXPECT_EQ(this->rows("SELECT user_id, group_id FROM auth_user_groups"),
              std::vector<std::string>{std::to_string(user) + "|" + std::to_string(group)});
    this->store_->groups().remove_member(user, group);
    EXPECT_TRUE(this->rows("SELECT * FROM auth_user_groups").empty());
}

TYPED_TEST(Groups, AddingAMissingUserFailsTheForeignKey) {
    const auto group = this->store_->groups().create("editors");
    EXPECT_THROW(this->store_->groups().add_member(999, group), StoreError);
    EXPECT_TRUE(this->rows("SELECT * FROM auth_user_groups").empty());
}

TYPED_TEST(Groups, GrantOfUnknownPermissionIsFalse) {
    const auto group = this->store_->groups().create("editors");
    EXPECT_FALSE(this->store_->groups().grant_permission(group, "auth.fly"));
    EXPECT_TRUE(this->store_->groups().grant_permission(group, "auth.view_user"));
    EXPECT_TRUE(this->store_->groups().grant_permission(group, "auth.view_user"));
    EXPECT_EQ(this->rows("SELECT COUNT(*) FROM auth_group_permissions"), std::vector<std::string>{"1"});
}

TYPED_TEST(Groups, RemoveCascadesToLinksOnly) {
    const UserId user = this->make_user("alice");
    const auto group = this->store_->groups().create("editors");
    this->store_->groups().grant_permission(group, "auth.view_user");
    this->store_->groups().add_member(user, group);
    EXPECT_TRUE(this->store_->groups().remove(group));
    EXPECT_FALSE(this->store_->groups().remove(group));
    EXPECT_TRUE(this->rows("SELECT * FROM auth_group_permissions").empty());
    EXPECT_TRUE(this->rows("SELECT * FROM auth_user_groups").empty());
    EXPECT_TRUE(this->store_->users().find_by_id(user).has_value());
    EXPECT_FALSE(this->store_->users().has_permission(user, "auth.view_user"));
}

TYPED_TEST(Groups, FindById) {
    const auto id = this->store_->groups().create("editors");
    const auto group = this->store_->groups().find(id);
    ASSERT_TRUE(group.has_value());
    EXPECT_EQ(group->id, id);
    EXPECT_EQ(group->name, "editors");
    EXPECT_FALSE(this->store_->groups().find(id + 1).has_value());
}

TYPED_TEST(Groups, SearchRequiresEveryTermInTheNameAndOrdersByName) {
    for (const char* name : {"Staff editors", "editors", "Readers", "staff"}) this->store_->groups().create(name);
    EXPECT_EQ(names(this->store_->groups().search({"EDIT"}, false, 0, 100)),
              (std::vector<std::string>{"Staff editors", "editors"}));
    EXPECT_EQ(names(this->store_->groups().search({"staff", "edit"}, false, 0, 100)),
              std::vector<std::string>{"Staff editors"});
    EXPECT_EQ(names(this->store_->groups().search({}, true, 0, 100)),
              (std::vector<std::string>{"staff", "editors", "Staff editors", "Readers"}));
    EXPECT_EQ(this->store_->groups().count_matching({"staff"}), 2);
    EXPECT_EQ(this->store_->groups().count_matching({}), 4);
}

TYPED_TEST(Groups, SearchTreatsPercentAndUnderscoreLiterally) {
    this->store_->groups().create("50% off");
    this->store_->groups().create("50x off");
    this->store_->groups().create("a_b");
    this->store_->groups().create("axb");
    EXPECT_EQ(names(this->store_->groups().search({"0%"}, false, 0, 100)), std::vector<std::string>{"50% off"});
    EXPECT_EQ(names(this->store_->groups().search({"_"}, false, 0, 100)), std::vector<std::string>{"a_b"});
    EXPECT_EQ(this->store_->groups().count_matching({"%"}), 1);
}

TYPED_TEST(Groups, SearchPages) {
    for (const char* name : {"a", "b", "c", "d"}) this->store_->groups().create(name);
    EXPECT_EQ(names(this->store_->groups().search({}, false, 1, 2)), (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(names(this->store_->groups().search({}, false, 3, 2)), std::vector<std::string>{"d"});
    EXPECT_EQ(names(this->store_->groups().search({}, false, 2, -1)), (std::vector<std::string>{"c", "d"}));
}

TYPED_TEST(Groups, AllIsOrderedByName) {
    for (const char* name : {"b", "a", "c"}) this->store_->groups().create(name);
    EXPECT_EQ(names(this->store_->groups().all_ordered_by_name()), (std::vector<std::string>{"a", "b", "c"}));
}

TYPED_TEST(Groups, PermissionIdsAreSorted) {
    const auto group = this->store_->groups().create("editors");
    this->store_->groups().grant_permission(group, "auth.view_user");
    this->store_->groups().grant_permission(group, "auth.add_user");
    const auto expected = this->rows("SELECT permission_id FROM auth_group_permissions ORDER BY permission_id");
    const auto ids = this->store_->groups().permission_ids(group);
    ASSERT_EQ(ids.size(), 2u);
    EXPECT_LT(ids[0], ids[1]);
    EXPECT_EQ(std::to_string(ids[0]), expected.at(0));
    EXPECT_TRUE(this->store_->groups().permission_ids(group + 1).empty());
}

TYPED_TEST(Groups, CreateLoggedWritesGroupPermissionsAndLogEntryWithTheNewId) {
    const UserId admin = this->make_user("admin");
    const auto helper = this->store_->groups().create("helper");
    this->store_->groups().grant_permission(helper, "auth.view_user");
    this->store_->groups().grant_permission(helper, "auth.add_user");
    const auto permissions = this->store_->groups().permission_ids(helper);

    const auto id =
        this->store_->groups().create_logged("editors", permissions, group_log(admin, AdminAction::addition));
    EXPECT_EQ(this->store_->groups().find(id)->name, "editors");
    EXPECT_EQ(this->store_->groups().permission_ids(id), permissions);
    EXPECT_EQ(this->rows("SELECT l.object_id, l.action_flag, ct.model FROM django_admin_log l "
                         "JOIN django_content_type ct ON ct.id = l.content_type_id"),
              std::vector<std::string>{std::to_string(id) + "|1|group"});
}

TYPED_TEST(Groups, CreateLoggedWithTakenNameWritesNothing) {
    const UserId admin = this->make_user("admin");
    this->store_->groups().create("editors");
    EXPECT_THROW(this->store_->groups().create_logged("editors", {}, group_log(admin, AdminAction::addition)),
                 DuplicateError);
    EXPECT_EQ(this->rows("SELECT COUNT(*) FROM auth_group"), std::vector<std::string>{"1"});
    EXPECT_TRUE(this->rows("SELECT * FROM django_admin_log").empty());
}

TYPED_TEST(Groups, CreateLoggedWithUnknownPermissionWritesNothing) {
    const UserId admin = this->make_user("admin");
    EXPECT_THROW(this->store_->groups().create_logged("editors", {99999}, group_log(admin, AdminAction::addition)),
                 StoreError);
    EXPECT_FALSE(this->store_->groups().find_by_name("editors").has_value());
    EXPECT_TRUE(this->rows("SELECT * FROM django_admin_log").empty());
}

TYPED_TEST(Groups, UpdateLoggedRenamesAndReplacesPermissions) {
    const UserId admin = this->make_user("admin");
    const auto group = this->store_->groups().create("editors");
    this->store_->groups().grant_permission(group, "auth.view_user");
    this->store_->groups().grant_permission(group, "auth.add_user");
    const auto before = this->store_->groups().permission_ids(group);
    const auto kept =
        this->rows("SELECT id FROM auth_group_permissions WHERE permission_id = " + std::to_string(before[1]));

    this->store_->groups().update_logged({group, "writers"}, {before[1]}, group_log(admin, AdminAction::change, group));
    EXPECT_EQ(this->store_->groups().find(group)->name, "writers");
    EXPECT_EQ(this->store_->groups().permission_ids(group), std::vector<std::int64_t>{before[1]});
    EXPECT_EQ(this->rows("SELECT id FROM auth_group_permissions"), kept);
    EXPECT_EQ(this->rows("SELECT object_id, action_flag FROM django_admin_log"),
              std::vector<std::string>{std::to_string(group) + "|2"});

    this->store_->groups().update_logged({group, "writers"}, {}, std::nullopt);
    EXPECT_TRUE(this->store_->groups().permission_ids(group).empty());
    EXPECT_EQ(this->rows("SELECT COUNT(*) FROM django_admin_log"), std::vector<std::string>{"1"});
}

TYPED_TEST(Groups, UpdateLoggedWithTakenNameWritesNothing) {
    const UserId admin = this->make_user("admin");
    this->store_->groups().create("readers");
    const auto group = this->store_->groups().create("editors");
    this->store_->groups().grant_permission(group, "auth.view_user");
    EXPECT_THROW(
        this->store_->groups().update_logged({group, "readers"}, {}, group_log(admin, AdminAction::change, group)),
        DuplicateError);
    EXPECT_EQ(this->store_->groups().find(group)->name, "editors");
    EXPECT_EQ(this->store_->groups().permission_ids(group).size(), 1u);
    EXPECT_TRUE(this->rows("SELECT * FROM django_admin_log").empty());
}

TYPED_TEST(Groups, UpdateLoggedWithUnknownPermissionWritesNothing) {
    const UserId admin = this->make_user("admin");
    const auto group = this->store_->groups().create("editors");
    EXPECT_THROW(
        this->store_->groups().update_logged({group, "writers"}, {99999}, group_log(admin, AdminAction::change, group)),
        StoreError);
    EXPECT_EQ(this->store_->groups().find(group)->name, "editors");
    EXPECT_TRUE(this->rows("SELECT * FROM auth_group_permissions").empty());
    EXPECT_TRUE(this->rows("SELECT * FROM django_admin_log").empty());
}

TYPED_TEST(Groups, UpdateLoggedOfAMissingGroupWritesNothing) {
    const UserId admin = this->make_user("admin");
    this->store_->groups().update_logged({999, "ghost"}, {}, group_log(admin, AdminAction::change, 999));
    EXPECT_TRUE(this->rows("SELECT * FROM auth_group").empty());
    EXPECT_TRUE(this->rows("SELECT * FROM django_admin_log").empty());
}

TYPED_TEST(Groups, RemoveLoggedCascadesToLinksAndKeepsTheLog) {
    const UserId admin = this->make_user("admin");
    const auto editors = this->store_->groups().create("editors");
    const auto readers = this->store_->groups().create("readers");
    const auto kept = this->store_->groups().create("kept");
    for (auto group : {editors, readers, kept}) {
        this->store_->groups().grant_permission(group, "auth.view_user");
        this->store_->groups().add_member(admin, group);
    }
    const auto removed = this->store_->groups().remove_logged(
        {editors, readers, 999},
        {group_log(admin, AdminAction::deletion, editors), group_log(admin, AdminAction::deletion, readers)});
    EXPECT_EQ(removed, 2);
    EXPECT_EQ(names(this->store_->groups().all_ordered_by_name()), std::vector<std::string>{"kept"});
    EXPECT_EQ(this->rows("SELECT group_id FROM auth_user_groups"), std::vector<std::string>{std::to_string(kept)});
    EXPECT_EQ(this->rows("SELECT group_id FROM auth_group_permissions"),
              std::vector<std::string>{std::to_string(kept)});
    EXPECT_EQ(this->rows("SELECT COUNT(*) FROM django_admin_log WHERE action_flag = 3"), std::vector<std::string>{"2"});
    EXPECT_TRUE(this->store_->users().find_by_id(admin).has_value());
}

TYPED_TEST(Groups, RemoveLoggedByAMissingUserWritesNothing) {
    const auto group = this->store_->groups().create("editors");
    EXPECT_THROW(this->store_->groups().remove_logged({group}, {group_log(999, AdminAction::deletion, group)}),
                 StoreError);
    EXPECT_TRUE(this->store_->groups().find(group).has_value());
}

TYPED_TEST(Groups, DeletionSummaryCountsTheLinksThatCascade) {
    const UserId alice = this->make_user("alice");
    const UserId bob = this->make_user("bob");
    const auto editors = this->store_->groups().create("editors");
    const auto readers = this->store_->groups().create("readers");
    this->store_->groups().add_member(alice, editors);
    this->store_->groups().add_member(bob, editors);
    this->store_->groups().add_member(bob, readers);
    this->store_->groups().grant_permission(editors, "auth.view_user");
    const auto summary = this->store_->groups().deletion_summary({editors, 999});
    EXPECT_EQ(summary.groups, 1);
    EXPECT_EQ(summary.member_links, 2);
    EXPECT_EQ(summary.permission_links, 1);
}

}  // namespace
}  // namespace gatehouse::store
