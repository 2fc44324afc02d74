// The user repository on every backend (typed over store_backends.hpp's traits, so SQLite and
// PostgreSQL answer the same tests): create, update, search, permissions, cascades, and the
// logged admin writes. What only PostgreSQL has (NUL bytes, invalid UTF-8, ids beyond its
// integer columns) is in postgres/column_limits_test.cpp.
#include "store/store_backends.hpp"

#include <atomic>
#include <thread>

namespace gatehouse::store {
namespace {

template <typename Backend>
class Users : public testing::StoreTest<Backend> {};
TYPED_TEST_SUITE(Users, testing::StoreBackends);

UserId make_user_with(Store& store, const std::string& username, const std::string& first_name,
                      const std::string& last_name, const std::string& email) {
    NewUser user;
    user.username = username;
    user.first_name = first_name;
    user.last_name = last_name;
    user.email = email;
    user.password = "pbkdf2_sha256$1$salt$hash";
    return store.users().create(user);
}

std::vector<std::string> usernames(const UserPage& page) {
    std::vector<std::string> names;
    for (const auto& user : page.users) names.push_back(user.username);
    return names;
}

UserQuery terms(std::vector<std::string> words) {
    UserQuery query;
    query.terms = std::move(words);
    return query;
}

LogEntryInput change_of(UserId actor, UserId object, const std::string& message = "[]") {
    return {actor, "auth", "user", std::to_string(object), "u", AdminAction::change, message};
}

TYPED_TEST(Users, CreateSetsDateJoinedAndDefaults) {
    const auto before = now();
    NewUser input;
    input.username = "alice";
    input.email = "alice@example.com";
    input.first_name = "Ålice";
    input.password = "pbkdf2_sha256$1$s$h";
    input.is_staff = true;
    const UserId id = this->store_->users().create(input);
    const auto user = this->store_->users().find_by_id(id);
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
    // Booleans are stored as Django stores them: integers on SQLite, boolean on PostgreSQL.
    const std::string yes = TypeParam::stored_boolean(true);
    EXPECT_EQ(this->rows("SELECT " + TypeParam::type_of("is_staff") + ", is_staff, is_active FROM auth_user"),
              std::vector<std::string>{std::string(TypeParam::boolean_type) + "|" + yes + "|" + yes});
}

TYPED_TEST(Users, CreateRejectsTakenUsername) {
    this->make_user("alice");
    EXPECT_THROW(this->make_user("alice"), DuplicateError);
    EXPECT_EQ(this->store_->users().count(), 1);
}

TYPED_TEST(Users, FindByUsernameIsCaseSensitive) {
    this->make_user("alice");
    EXPECT_TRUE(this->store_->users().find_by_username("alice").has_value());
    EXPECT_FALSE(this->store_->users().find_by_username("Alice").has_value());
    EXPECT_FALSE(this->store_->users().find_by_username("alice ").has_value());
}

TYPED_TEST(Users, ListIsOrderedById) {
    this->make_user("b");
    this->make_user("a");
    this->make_user("c");
    std::vector<std::string> names;
    for (const auto& user : this->store_->users().list_ordered_by_id()) names.push_back(user.username);
    EXPECT_EQ(names, (std::vector<std::string>{"b", "a", "c"}));
    EXPECT_EQ(this->store_->users().count(), 3);
}

TYPED_TEST(Users, UpdateWritesEveryColumn) {
    const UserId id = this->make_user("alice");
    auto user = *this->store_->users().find_by_id(id);
    user.username = "alice2";
    user.email = "a2@example.com";
    user.last_name = "L";
    user.is_active = false;
    user.is_superuser = true;
    user.last_login = from_sqlite_text("2024-01-31 12:34:56.5");
    user.date_joined = *from_sqlite_text("2020-05-06 07:08:09");
    this->store_->users().update(user);
    // Every column as stored, in the order Django's migrations leave them on the backend.
    const std::string yes = TypeParam::stored_boolean(true), no = TypeParam::stored_boolean(false);
    EXPECT_EQ(this->rows("SELECT * FROM auth_user"),
              std::vector<std::string>{TypeParam::auth_user_row({
                  std::to_string(id), "pbkdf2_sha256$1$salt$hash",                   // id, password
                  TypeParam::stored_timestamp("2024-01-31 12:34:56.500000"), yes,    // last_login, is_superuser
                  "alice2", "", "L", "a2@example.com",                               // username, first/last name, email
                  no, no, TypeParam::stored_timestamp("2020-05-06 07:08:09"),        // is_staff, is_active, date_joined
              })});
    const auto read = *this->store_->users().find_by_id(id);
    EXPECT_EQ(read.username, "alice2");
    EXPECT_EQ(read.last_login, user.last_login);
    EXPECT_FALSE(read.is_active);
    EXPECT_TRUE(read.is_superuser);
}

TYPED_TEST(Users, UpdateRejectsTakenUsername) {
    this->make_user("alice");
    auto bob = *this->store_->users().find_by_id(this->make_user("bob"));
    bob.username = "alice";
    EXPECT_THROW(this->store_->users().update(bob), DuplicateError);
}

TYPED_TEST(Users, SetPasswordAndLastLogin) {
    const UserId id = this->make_user("alice");
    this->store_->users().set_password(id, "argon2$new");
    const auto when = *from_sqlite_text("2024-01-31 12:34:56");
    this->store_->users().set_last_login(id, when);
    const auto user = *this->store_->users().find_by_id(id);
    EXPECT_EQ(user.password, "argon2$new");
    EXPECT_EQ(user.last_login, when);
    EXPECT_EQ(this->rows("SELECT last_login FROM auth_user"),
              std::vector<std::string>{TypeParam::stored_timestamp("2024-01-31 12:34:56")});
}

TYPED_TEST(Users, RemoveCascadesAsDjangosOrmDoes) {
    const UserId id = this->make_user("alice");
    const UserId other = this->make_user("bob");
    const auto group = this->store_->groups().create("staff");
    this->store_->groups().add_member(id, group);
    this->store_->users().grant_permission(id, "auth.view_user");
    this->store_->admin_log().log({id, "auth", "user", std::to_string(other), "bob", AdminAction::change, "[]"});
    this->store_->tokens().record_outstanding({"jti1", "token", id, now(), now() + std::chrono::hours(1)});

    EXPECT_TRUE(this->store_->users().remove(id));
    EXPECT_FALSE(this->store_->users().find_by_id(id).has_value());
    EXPECT_EQ(this->rows("SELECT COUNT(*) FROM auth_user_groups"), std::vector<std::string>{"0"});
    EXPECT_EQ(this->rows("SELECT COUNT(*) FROM auth_user_user_permissions"), std::vector<std::string>{"0"});
    EXPECT_EQ(this->rows("SELECT COUNT(*) FROM django_admin_log"), std::vector<std::string>{"0"});
    EXPECT_EQ(this->rows("SELECT jti, user_id FROM token_blacklist_outstandingtoken"),
              std::vector<std::string>{"jti1|NULL"});
    EXPECT_TRUE(this->store_->groups().find_by_name("staff").has_value());
    EXPECT_TRUE(this->store_->users().find_by_id(other).has_value());
}

TYPED_TEST(Users, RemoveOfMissingUserIsFalse) { EXPECT_FALSE(this->store_->users().remove(42)); }

TYPED_TEST(Users, PermissionsCombineDirectAndGroupSorted) {
    const UserId id = this->make_user("alice");
    EXPECT_TRUE(this->store_->users().permissions(id).empty());
    const auto group = this->store_->groups().create("editors");
    ASSERT_TRUE(this->store_->groups().grant_permission(group, "auth.change_user"));
    ASSERT_TRUE(this->store_->groups().grant_permission(group, "auth.view_user"));
    this->store_->groups().add_member(id, group);
    ASSERT_TRUE(this->store_->users().grant_permission(id, "auth.view_user"));
    ASSERT_TRUE(this->store_->users().grant_permission(id, "admin.view_logentry"));
    EXPECT_EQ(this->store_->users().permissions(id),
              (std::vector<std::string>{"admin.view_logentry", "auth.change_user", "auth.view_user"}));
    EXPECT_TRUE(this->store_->users().has_permission(id, "auth.change_user"));
    EXPECT_TRUE(this->store_->users().has_permission(id, "admin.view_logentry"));
    EXPECT_FALSE(this->store_->users().has_permission(id, "auth.delete_user"));
    EXPECT_FALSE(this->store_->users().has_permission(id, "view_user"));
    EXPECT_FALSE(this->store_->users().has_permission(this->make_user("bob"), "auth.view_user"));
}

TYPED_TEST(Users, GrantIsIdempotentAndRevokeRemoves) {
    const UserId id = this->make_user("alice");
    EXPECT_TRUE(this->store_->users().grant_permission(id, "auth.view_user"));
    EXPECT_TRUE(this->store_->users().grant_permission(id, "auth.view_user"));
    EXPECT_EQ(this->rows("SELECT COUNT(*) FROM auth_user_user_permissions"), std::vector<std::string>{"1"});
    EXPECT_TRUE(this->store_->users().revoke_permission(id, "auth.view_user"));
    EXPECT_FALSE(this->store_->users().has_permission(id, "auth.view_user"));
}

TYPED_TEST(Users, GrantOfUnknownPermissionIsFalse) {
    const UserId id = this->make_user("alice");
    EXPECT_FALSE(this->store_->users().grant_permission(id, "auth.fly"));
    EXPECT_FALSE(this->store_->users().grant_permission(id, "nodot"));
    EXPECT_FALSE(this->store_->users().revoke_permission(id, "auth.fly"));
}

TYPED_TEST(Users, GrantToMissingUserFailsTheForeignKey) {
    EXPECT_THROW(this->store_->users().grant_permission(999, "auth.view_user"), StoreError);
    EXPECT_EQ(this->rows("SELECT COUNT(*) FROM auth_user_user_permissions"), std::vector<std::string>{"0"});
}

TYPED_TEST(Users, ConcurrentReadersAndWritersAgree) {
    std::vector<std::thread> threads;
    std::atomic<int> failures = 0;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            try {
                for (int i = 0; i < 25; ++i) {
                    const UserId id = this->make_user("u" + std::to_string(t) + "_" + std::to_string(i));
                    if (!this->store_->users().find_by_id(id)) ++failures;
                }
            } catch (...) {
                ++failures;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures, 0);
    EXPECT_EQ(this->store_->users().count(), 200);
}

TYPED_TEST(Users, SearchRequiresEveryTermToMatchSomeField) {
    make_user_with(*this->store_, "alice", "Alice", "Smith", "alice@example.com");
    make_user_with(*this->store_, "bob", "Bob", "Smith", "bob@corp.test");
    make_user_with(*this->store_, "carol", "Carol", "Jones", "carol@example.com");
    EXPECT_EQ(usernames(this->store_->users().search(terms({"smith"}))), (std::vector<std::string>{"alice", "bob"}));
    EXPECT_EQ(usernames(this->store_->users().search(terms({"smith", "example"}))), std::vector<std::string>{"alice"});
    EXPECT_EQ(usernames(this->store_->users().search(terms({"jones", "bob"}))), std::vector<std::string>{});
    // A term may match a different field in each user.
    EXPECT_EQ(usernames(this->store_->users().search(terms({"o"}))),
              (std::vector<std::string>{"alice", "bob", "carol"}));
    EXPECT_EQ(usernames(this->store_->users().search(terms({"ol"}))), std::vector<std::string>{"carol"});
    EXPECT_EQ(usernames(this->store_->users().search(terms({"jones", "@example"}))), std::vector<std::string>{"carol"});
    EXPECT_EQ(this->store_->users().search(terms({})).matching, 3);
}

TYPED_TEST(Users, SearchIsCaseInsensitive) {
    make_user_with(*this->store_, "Alice", "", "", "ALICE@Example.COM");
    EXPECT_EQ(usernames(this->store_->users().search(terms({"aLiCe", "example.com"}))),
              std::vector<std::string>{"Alice"});
}

TYPED_TEST(Users, SearchTreatsPercentLiterally) {
    make_user_with(*this->store_, "100%sure", "", "", "");
    make_user_with(*this->store_, "100xsure", "", "", "");
    EXPECT_EQ(usernames(this->store_->users().search(terms({"0%s"}))), std::vector<std::string>{"100%sure"});
    EXPECT_EQ(usernames(this->store_->users().search(terms({"%"}))), std::vector<std::string>{"100%sure"});
}

TYPED_TEST(Users, SearchTreatsUnderscoreAndBackslashLiterally) {
    make_user_with(*this->store_, "a_b", "", "", "");
    make_user_with(*this->store_, "axb", "", "", "");
    make_user_with(*this->store_, "a\\b", "", "", "");
    EXPECT_EQ(usernames(this->store_->users().search(terms({"a_b"}))), std::vector<std::string>{"a_b"});
    EXPECT_EQ(usernames(this->store_->users().search(terms({"a\\b"}))), std::vector<std::string>{"a\\b"});
    EXPECT_EQ(usernames(this->store_->users().search(terms({"\\"}))), std::vector<std::string>{"a\\b"});
}

TYPED_TEST(Users, SearchTreatsQuotesInTermsAsText) {
    make_user_with(*this->store_, "o'brien", "", "", "");
    make_user_with(*this->store_, "say\"hi", "", "", "");
    EXPECT_EQ(usernames(this->store_->users().search(terms({"'"}))), std::vector<std::string>{"o'brien"});
    EXPECT_EQ(usernames(this->store_->users().search(terms({"\""}))), std::vector<std::string>{"say\"hi"});
}

TYPED_TEST(Users, SearchTermsMayHoldAnyText) {
    make_user_with(*this->store_, "zoë", "", "", "");
    EXPECT_EQ(usernames(this->store_->users().search(terms({"oë"}))), std::vector<std::string>{"zoë"});
    EXPECT_TRUE(this->store_->users().search(terms({"\xff\n\t\x01"})).users.empty());
}

TYPED_TEST(Users, SearchFiltersByFlagsAndGroup) {
    const UserId alice = this->make_user("alice");
    const UserId bob = this->make_user("bob");
    this->make_user("carol");
    auto a = *this->store_->users().find_by_id(alice);
    a.is_staff = true;
    a.is_superuser = true;
    this->store_->users().update(a);
    auto b = *this->store_->users().find_by_id(bob);
    b.is_active = false;
    b.is_staff = true;
    this->store_->users().update(b);
    const auto group = this->store_->groups().create("editors");
    this->store_->groups().add_member(bob, group);

    UserQuery query;
    query.is_staff = true;
    EXPECT_EQ(usernames(this->store_->users().search(query)), (std::vector<std::string>{"alice", "bob"}));
    query.is_active = true;
    EXPECT_EQ(usernames(this->store_->users().search(query)), std::vector<std::string>{"alice"});
    query = {};
    query.is_superuser = false;
    EXPECT_EQ(usernames(this->store_->users().search(query)), (std::vector<std::string>{"bob", "carol"}));
    query = {};
    query.is_staff = false;
    EXPECT_EQ(usernames(this->store_->users().search(query)), std::vector<std::string>{"carol"});
    query = {};
    query.group_id = group;
    EXPECT_EQ(usernames(this->store_->users().search(query)), std::vector<std::string>{"bob"});
    query.group_id = group + 1;
    EXPECT_EQ(this->store_->users().search(query).matching, 0);
}

TYPED_TEST(Users, SearchOrdersByTheColumnWithTiesBrokenByIdDescending) {
    make_user_with(*this->store_, "b", "", "Same", "2@x");
    make_user_with(*this->store_, "a", "", "Same", "3@x");
    make_user_with(*this->store_, "c", "", "Other", "1@x");
    UserQuery query;
    EXPECT_EQ(usernames(this->store_->users().search(query)), (std::vector<std::string>{"a", "b", "c"}));
    query.descending = true;
    EXPECT_EQ(usernames(this->store_->users().search(query)), (std::vector<std::string>{"c", "b", "a"}));
    query.order_by = UserQuery::OrderBy::last_name;
    query.descending = false;
    EXPECT_EQ(usernames(this->store_->users().search(query)), (std::vector<std::string>{"c", "a", "b"}));
    query.descending = true;
    EXPECT_EQ(usernames(this->store_->users().search(query)), (std::vector<std::string>{"a", "b", "c"}));
    query.order_by = UserQuery::OrderBy::email;
    query.descending = false;
    EXPECT_EQ(usernames(this->store_->users().search(query)), (std::vector<std::string>{"c", "b", "a"}));
    query.order_by = UserQuery::OrderBy::is_staff;  // all equal: id descending
    EXPECT_EQ(usernames(this->store_->users().search(query)), (std::vector<std::string>{"c", "a", "b"}));
    query.order_by = UserQuery::OrderBy::id;
    EXPECT_EQ(usernames(this->store_->users().search(query)), (std::vector<std::string>{"b", "a", "c"}));
    query.descending = true;
    EXPECT_EQ(usernames(this->store_->users().search(query)), (std::vector<std::string>{"c", "a", "b"}));
}

TYPED_TEST(Users, SearchPagesButCountsEveryMatch) {
    for (const char* name : {"u1", "u2", "u3", "u4", "u5", "x"}) this->make_user(name);
    UserQuery query = terms({"u"});
    query.offset = 1;
    query.limit = 2;
    auto page = this->store_->users().search(query);
    EXPECT_EQ(usernames(page), (std::vector<std::string>{"u2", "u3"}));
    EXPECT_EQ(page.matching, 5);
    query.offset = 4;
    EXPECT_EQ(usernames(this->store_->users().search(query)), std::vector<std::string>{"u5"});
    query.offset = 10;
    page = this->store_->users().search(query);
    EXPECT_TRUE(page.users.empty());
    EXPECT_EQ(page.matching, 5);
    query.offset = 0;
    query.limit = -1;  // no limit
    EXPECT_EQ(this->store_->users().search(query).users.size(), 5u);
}

TYPED_TEST(Users, RelationsAreSortedAndHoldDirectPermissionsOnly) {
    const UserId id = this->make_user("alice");
    const auto g1 = this->store_->groups().create("g1");
    const auto g2 = this->store_->groups().create("g2");
    this->store_->groups().add_member(id, g2);
    this->store_->groups().add_member(id, g1);
    this->store_->groups().grant_permission(g1, "auth.add_user");
    this->store_->users().grant_permission(id, "auth.view_user");
    this->store_->users().grant_permission(id, "auth.change_user");
    const auto relations = this->store_->users().relations(id);
    EXPECT_EQ(relations.group_ids, (std::vector<std::int64_t>{g1, g2}));
    const auto expected = this->rows(
        "SELECT p.id FROM auth_permission p JOIN django_content_type ct ON ct.id = p.content_type_id "
        "WHERE ct.app_label = 'auth' AND p.codename IN ('view_user', 'change_user') ORDER BY p.id");
    ASSERT_EQ(relations.permission_ids.size(), 2u);
    EXPECT_EQ(std::to_string(relations.permission_ids[0]), expected.at(0));
    EXPECT_EQ(std::to_string(relations.permission_ids[1]), expected.at(1));
    EXPECT_TRUE(this->store_->users().relations(id + 100).group_ids.empty());
}

TYPED_TEST(Users, CreateLoggedWritesTheUserAndItsLogEntryWithTheNewId) {
    const UserId admin = this->make_user("admin");
    NewUser input;
    input.username = "bob";
    input.password = "!unusable";
    const UserId id = this->store_->users().create_logged(
        input, {admin, "auth", "user", "ignored", "bob", AdminAction::addition, R"([{"added": {}}])"});
    EXPECT_EQ(this->store_->users().find_by_id(id)->username, "bob");
    EXPECT_EQ(this->rows("SELECT l.object_id, l.object_repr, l.action_flag, l.change_message, l.user_id, "
                         "ct.app_label || '.' || ct.model FROM django_admin_log l "
                         "JOIN django_content_type ct ON ct.id = l.content_type_id"),
              std::vector<std::string>{std::to_string(id) + "|bob|1|[{\"added\": {}}]|" + std::to_string(admin) +
                                       "|auth.user"});
}

TYPED_TEST(Users, CreateLoggedWithTakenUsernameWritesNothing) {
    const UserId admin = this->make_user("admin");
    NewUser input;
    input.username = "admin";
    EXPECT_THROW(this->store_->users().create_logged(input, change_of(admin, 0)), DuplicateError);
    EXPECT_EQ(this->store_->users().count(), 1);
    EXPECT_TRUE(this->rows("SELECT * FROM django_admin_log").empty());
}

TYPED_TEST(Users, CreateLoggedByAMissingUserWritesNothing) {
    NewUser input;
    input.username = "bob";
    EXPECT_THROW(this->store_->users().create_logged(input, change_of(999, 0)), StoreError);
    EXPECT_EQ(this->store_->users().count(), 0);
}

TYPED_TEST(Users, CreateLoggedForAModelWithoutContentTypeLogsNull) {
    const UserId admin = this->make_user("admin");
    NewUser input;
    input.username = "bob";
    this->store_->users().create_logged(input, {admin, "shop", "customer", "", "bob", AdminAction::addition, "[]"});
    EXPECT_EQ(this->rows("SELECT content_type_id FROM django_admin_log"), std::vector<std::string>{"NULL"});
}

TYPED_TEST(Users, UpdateLoggedWritesEveryColumnButThePassword) {
    const UserId admin = this->make_user("admin");
    const UserId id = this->make_user("alice");
    auto user = *this->store_->users().find_by_id(id);
    this->store_->users().set_password(id, "argon2$changed-meanwhile");
    user.password = "stale";
    user.username = "alice2";
    user.email = "a2@example.com";
    user.is_staff = true;
    this->store_->users().update_logged(user, std::nullopt, change_of(admin, id, "[1]"));
    const auto read = *this->store_->users().find_by_id(id);
    EXPECT_EQ(read.password, "argon2$changed-meanwhile");
    EXPECT_EQ(read.username, "alice2");
    EXPECT_EQ(read.email, "a2@example.com");
    EXPECT_TRUE(read.is_staff);
    EXPECT_EQ(this->rows("SELECT object_id, change_message FROM django_admin_log"),
              std::vector<std::string>{std::to_string(id) + "|[1]"});
}

TYPED_TEST(Users, UpdateLoggedReplacesRelationsKeepingUnchangedLinks) {
    const UserId id = this->make_user("alice");
    const auto g1 = this->store_->groups().create("g1");
    const auto g2 = this->store_->groups().create("g2");
    const auto g3 = this->store_->groups().create("g3");
    this->store_->groups().add_member(id, g1);
    this->store_->groups().add_member(id, g2);
    this->store_->users().grant_permission(id, "auth.view_user");
    const auto kept_link = this->rows("SELECT id FROM auth_user_groups WHERE group_id = " + std::to_string(g2));
    const auto permissions = this->store_->users().relations(id).permission_ids;

    auto user = *this->store_->users().find_by_id(id);
    this->store_->users().update_logged(user, UserRelations{{g3, g2, g3}, {}}, std::nullopt);
    EXPECT_EQ(this->store_->users().relations(id).group_ids, (std::vector<std::int64_t>{g2, g3}));
    EXPECT_TRUE(this->store_->users().relations(id).permission_ids.empty());
    EXPECT_EQ(this->rows("SELECT id FROM auth_user_groups WHERE group_id = " + std::to_string(g2)), kept_link);
    EXPECT_TRUE(this->rows("SELECT * FROM django_admin_log").empty());

    this->store_->users().update_logged(user, UserRelations{{}, permissions}, std::nullopt);
    EXPECT_TRUE(this->store_->users().relations(id).group_ids.empty());
    EXPECT_EQ(this->store_->users().relations(id).permission_ids, permissions);
}

TYPED_TEST(Users, UpdateLoggedWithoutRelationsLeavesTheLinks) {
    const UserId id = this->make_user("alice");
    const auto group = this->store_->groups().create("g1");
    this->store_->groups().add_member(id, group);
    this->store_->users().update_logged(*this->store_->users().find_by_id(id), std::nullopt, std::nullopt);
    EXPECT_EQ(this->store_->users().relations(id).group_ids, std::vector<std::int64_t>{group});
}

TYPED_TEST(Users, UpdateLoggedWithTakenUsernameWritesNothing) {
    const UserId admin = this->make_user("admin");
    const UserId id = this->make_user("alice");
    const auto group = this->store_->groups().create("g1");
    this->store_->groups().add_member(id, group);
    auto user = *this->store_->users().find_by_id(id);
    user.username = "admin";
    user.email = "new@example.com";
    EXPECT_THROW(this->store_->users().update_logged(user, UserRelations{{}, {}}, change_of(admin, id)),
                 DuplicateError);
    const auto read = *this->store_->users().find_by_id(id);
    EXPECT_EQ(read.username, "alice");
    EXPECT_EQ(read.email, "");
    EXPECT_EQ(this->store_->users().relations(id).group_ids, std::vector<std::int64_t>{group});
    EXPECT_TRUE(this->rows("SELECT * FROM django_admin_log").empty());
}

TYPED_TEST(Users, UpdateLoggedWithUnknownGroupWritesNothing) {
    const UserId admin = this->make_user("admin");
    const UserId id = this->make_user("alice");
    auto user = *this->store_->users().find_by_id(id);
    user.email = "new@example.com";
    EXPECT_THROW(this->store_->users().update_logged(user, UserRelations{{12345}, {}}, change_of(admin, id)),
                 StoreError);
    EXPECT_EQ(this->store_->users().find_by_id(id)->email, "");
    EXPECT_TRUE(this->rows("SELECT * FROM auth_user_groups").empty());
    EXPECT_TRUE(this->rows("SELECT * FROM django_admin_log").empty());
}

TYPED_TEST(Users, UpdateLoggedOfAMissingUserWritesNothing) {
    const UserId admin = this->make_user("admin");
    User ghost;
    ghost.id = 999;
    ghost.username = "ghost";
    this->store_->users().update_logged(ghost, UserRelations{{}, {}}, change_of(admin, 999));
    EXPECT_EQ(this->store_->users().count(), 1);
    EXPECT_TRUE(this->rows("SELECT * FROM django_admin_log").empty());
}

TYPED_TEST(Users, SetPasswordLoggedWritesTheHashAndTheLogEntry) {
    const UserId admin = this->make_user("admin");
    const UserId id = this->make_user("alice");
    this->store_->users().set_password_logged(id, "argon2$new", change_of(admin, id, "[\"pw\"]"));
    EXPECT_EQ(this->store_->users().find_by_id(id)->password, "argon2$new");
    EXPECT_EQ(this->rows("SELECT object_id, change_message FROM django_admin_log"),
              std::vector<std::string>{std::to_string(id) + "|[\"pw\"]"});
}

TYPED_TEST(Users, SetPasswordLoggedByAMissingUserWritesNothing) {
    const UserId id = this->make_user("alice");
    EXPECT_THROW(this->store_->users().set_password_logged(id, "argon2$new", change_of(999, id)), StoreError);
    EXPECT_EQ(this->store_->users().find_by_id(id)->password, "pbkdf2_sha256$1$salt$hash");
}

TYPED_TEST(Users, RemoveLoggedCascadesLogsAndEndsSessions) {
    const UserId admin = this->make_user("admin");
    const UserId alice = this->make_user("alice");
    const UserId bob = this->make_user("bob");
    const auto group = this->store_->groups().create("g1");
    this->store_->groups().add_member(alice, group);
    this->store_->groups().add_member(admin, group);
    this->store_->users().grant_permission(bob, "auth.view_user");
    this->store_->admin_log().log(change_of(alice, admin, "by alice"));
    this->store_->tokens().record_outstanding({"jti1", "token", alice, now(), now() + std::chrono::hours(1)});
    const auto later = now() + std::chrono::hours(1);
    this->store_->sessions().create({std::string(40, 'a'), alice, "h", later});
    this->store_->sessions().create({std::string(40, 'b'), admin, "h", later});

    const auto removed = this->store_->users().remove_logged(
        {alice, bob, 999},
        {{admin, "auth", "user", std::to_string(alice), "alice", AdminAction::deletion, ""},
         {admin, "auth", "user", std::to_string(bob), "bob", AdminAction::deletion, ""}});
    EXPECT_EQ(removed, 2);
    EXPECT_EQ(this->store_->users().count(), 1);
    EXPECT_EQ(this->rows("SELECT user_id FROM auth_user_groups"), std::vector<std::string>{std::to_string(admin)});
    EXPECT_TRUE(this->rows("SELECT * FROM auth_user_user_permissions").empty());
    EXPECT_EQ(this->rows("SELECT user_id, object_id, action_flag FROM django_admin_log ORDER BY id"),
              (std::vector<std::string>{std::to_string(admin) + "|" + std::to_string(alice) + "|3",
                                        std::to_string(admin) + "|" + std::to_string(bob) + "|3"}));
    EXPECT_EQ(this->rows("SELECT jti, user_id FROM token_blacklist_outstandingtoken"),
              std::vector<std::string>{"jti1|NULL"});
    EXPECT_EQ(this->rows("SELECT session_key FROM django_session"), std::vector<std::string>{std::string(40, 'b')});
}

TYPED_TEST(Users, RemoveLoggedByAMissingUserWritesNothing) {
    const UserId alice = this->make_user("alice");
    EXPECT_THROW(this->store_->users().remove_logged({alice}, {change_of(999, alice)}), StoreError);
    EXPECT_TRUE(this->store_->users().find_by_id(alice).has_value());
}

TYPED_TEST(Users, RemoveEndsTheUsersSessions) {
    const UserId alice = this->make_user("alice");
    this->store_->sessions().create({std::string(40, 'a'), alice, "h", now() + std::chrono::hours(1)});
    EXPECT_TRUE(this->store_->users().remove(alice));
    EXPECT_TRUE(this->rows("SELECT * FROM django_session").empty());
}

TYPED_TEST(Users, DeletionSummaryCountsTheRowsThatCascade) {
    const UserId admin = this->make_user("admin");
    const UserId alice = this->make_user("alice");
    const UserId bob = this->make_user("bob");
    const auto g1 = this->store_->groups().create("g1");
    const auto g2 = this->store_->groups().create("g2");
    this->store_->groups().add_member(alice, g1);
    this->store_->groups().add_member(alice, g2);
    this->store_->groups().add_member(admin, g1);
    this->store_->users().grant_permission(bob, "auth.view_user");
    this->store_->admin_log().log(change_of(alice, admin));
    this->store_->admin_log().log(change_of(admin, alice));
    this->store_->tokens().record_outstanding({"jti1", "token", alice, now(), now() + std::chrono::hours(1)});

    const auto summary = this->store_->users().deletion_summary({alice, bob, 999});
    EXPECT_EQ(summary.users, 2);
    EXPECT_EQ(summary.group_links, 2);
    EXPECT_EQ(summary.permission_links, 1);
    EXPECT_EQ(summary.log_entries, 1);
    EXPECT_EQ(this->store_->users().deletion_summary({}).users, 0);
}

}  // namespace
}  // namespace gatehouse::store
