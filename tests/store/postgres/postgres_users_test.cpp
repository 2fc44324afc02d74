#include "store/postgres/postgres_fixture.hpp"

#include <atomic>
#include <thread>

namespace gatehouse::store {
namespace {

using PgUsers = testing::PostgresMigratedStore;

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

TEST_F(PgUsers, CreateSetsDateJoinedAndDefaults) {
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
    // Booleans are stored as Django stores them on PostgreSQL: boolean.
    EXPECT_EQ(rows("SELECT pg_typeof(is_staff), is_staff, is_active FROM auth_user"),
              std::vector<std::string>{"boolean|t|t"});
}

TEST_F(PgUsers, CreateRejectsTakenUsername) {
    make_user("alice");
    EXPECT_THROW(make_user("alice"), DuplicateError);
    EXPECT_EQ(store_->users().count(), 1);
}

TEST_F(PgUsers, FindByUsernameIsCaseSensitive) {
    make_user("alice");
    EXPECT_TRUE(store_->users().find_by_username("alice").has_value());
    EXPECT_FALSE(store_->users().find_by_username("Alice").has_value());
    EXPECT_FALSE(store_->users().find_by_username("alice ").has_value());
}

TEST_F(PgUsers, ListIsOrderedById) {
    make_user("b");
    make_user("a");
    make_user("c");
    std::vector<std::string> names;
    for (const auto& user : store_->users().list_ordered_by_id()) names.push_back(user.username);
    EXPECT_EQ(names, (std::vector<std::string>{"b", "a", "c"}));
    EXPECT_EQ(store_->users().count(), 3);
}

TEST_F(PgUsers, UpdateWritesEveryColumn) {
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
    // Django's column order on PostgreSQL: first_name stays where auth.0001 put it.
    EXPECT_EQ(rows("SELECT * FROM auth_user"),
              std::vector<std::string>{std::to_string(id) + "|pbkdf2_sha256$1$salt$hash|2024-01-31 12:34:56.5+00|t|"
                                       "alice2||L|a2@example.com|f|f|2020-05-06 07:08:09+00"});
    const auto read = *store_->users().find_by_id(id);
    EXPECT_EQ(read.username, "alice2");
    EXPECT_EQ(read.last_login, user.last_login);
    EXPECT_FALSE(read.is_active);
    EXPECT_TRUE(read.is_superuser);
}

TEST_F(PgUsers, UpdateRejectsTakenUsername) {
    make_user("alice");
    auto bob = *store_->users().find_by_id(make_user("bob"));
    bob.username = "alice";
    EXPECT_THROW(store_->users().update(bob), DuplicateError);
}

TEST_F(PgUsers, SetPasswordAndLastLogin) {
    const UserId id = make_user("alice");
    store_->users().set_password(id, "argon2$new");
    const auto when = *from_sqlite_text("2024-01-31 12:34:56");
    store_->users().set_last_login(id, when);
    const auto user = *store_->users().find_by_id(id);
    EXPECT_EQ(user.password, "argon2$new");
    EXPECT_EQ(user.last_login, when);
    EXPECT_EQ(rows("SELECT last_login FROM auth_user"), std::vector<std::string>{"2024-01-31 12:34:56+00"});
}

TEST_F(PgUsers, RemoveCascadesAsDjangosOrmDoes) {
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

TEST_F(PgUsers, LookupsOfTextPostgresCannotHoldFindNothing) {
    make_user("alice");
    // libpq would cut "alice\0x" at the NUL and find alice: it must not.
    EXPECT_FALSE(store_->users().find_by_username(std::string("alice\0x", 7)).has_value());
    EXPECT_FALSE(store_->users().find_by_username("alice\xff").has_value());
    EXPECT_FALSE(store_->users().has_permission(1, std::string("auth.view_user\0", 15)));
}

TEST_F(PgUsers, StoringTextPostgresCannotHoldIsAStoreError) {
    NewUser user;
    user.username = std::string("bob\0", 4);
    EXPECT_THROW(store_->users().create(user), StoreError);
    EXPECT_EQ(store_->users().count(), 0);
}

TEST_F(PgUsers, IdsOutsideTheIntegerColumnAreSimplyAbsent) {
    EXPECT_FALSE(store_->users().find_by_id(std::int64_t{1} << 40).has_value());
    EXPECT_FALSE(store_->users().remove(std::int64_t{1} << 40));
    EXPECT_EQ(store_->users().deletion_summary({std::int64_t{1} << 40}).users, 0);
}

TEST_F(PgUsers, RemoveOfMissingUserIsFalse) { EXPECT_FALSE(store_->users().remove(42)); }

TEST_F(PgUsers, PermissionsCombineDirectAndGroupSorted) {
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

TEST_F(PgUsers, GrantIsIdempotentAndRevokeRemoves) {
    const UserId id = make_user("alice");
    EXPECT_TRUE(store_->users().grant_permission(id, "auth.view_user"));
    EXPECT_TRUE(store_->users().grant_permission(id, "auth.view_user"));
    EXPECT_EQ(rows("SELECT COUNT(*) FROM auth_user_user_permissions"), std::vector<std::string>{"1"});
    EXPECT_TRUE(store_->users().revoke_permission(id, "auth.view_user"));
    EXPECT_FALSE(store_->users().has_permission(id, "auth.view_user"));
}

TEST_F(PgUsers, GrantOfUnknownPermissionIsFalse) {
    const UserId id = make_user("alice");
    EXPECT_FALSE(store_->users().grant_permission(id, "auth.fly"));
    EXPECT_FALSE(store_->users().grant_permission(id, "nodot"));
    EXPECT_FALSE(store_->users().revoke_permission(id, "auth.fly"));
}

TEST_F(PgUsers, GrantToMissingUserFailsTheForeignKey) {
    EXPECT_THROW(store_->users().grant_permission(999, "auth.view_user"), StoreError);
    EXPECT_EQ(rows("SELECT COUNT(*) FROM auth_user_user_permissions"), std::vector<std::string>{"0"});
}

TEST_F(PgUsers, ConcurrentReadersAndWritersAgree) {
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

TEST_F(PgUsers, SearchRequiresEveryTermToMatchSomeField) {
    make_user_with(*store_, "alice", "Alice", "Smith", "alice@example.com");
    make_user_with(*store_, "bob", "Bob", "Smith", "bob@corp.test");
    make_user_with(*store_, "carol", "Carol", "Jones", "carol@example.com");
    EXPECT_EQ(usernames(store_->users().search(terms({"smith"}))), (std::vector<std::string>{"alice", "bob"}));
    EXPECT_EQ(usernames(store_->users().search(terms({"smith", "example"}))), std::vector<std::string>{"alice"});
    EXPECT_EQ(usernames(store_->users().search(terms({"jones", "bob"}))), std::vector<std::string>{});
    // A term may match a different field in each user.
    EXPECT_EQ(usernames(store_->users().search(terms({"o"}))), (std::vector<std::string>{"alice", "bob", "carol"}));
    EXPECT_EQ(usernames(store_->users().search(terms({"ol"}))), std::vector<std::string>{"carol"});
    EXPECT_EQ(usernames(store_->users().search(terms({"jones", "@example"}))), std::vector<std::string>{"carol"});
    EXPECT_EQ(store_->users().search(terms({})).matching, 3);
}

TEST_F(PgUsers, SearchIsCaseInsensitive) {
    make_user_with(*store_, "Alice", "", "", "ALICE@Example.COM");
    EXPECT_EQ(usernames(store_->users().search(terms({"aLiCe", "example.com"}))), std::vector<std::string>{"Alice"});
}

TEST_F(PgUsers, SearchTreatsPercentLiterally) {
    make_user_with(*store_, "100%sure", "", "", "");
    make_user_with(*store_, "100xsure", "", "", "");
    EXPECT_EQ(usernames(store_->users().search(terms({"0%s"}))), std::vector<std::string>{"100%sure"});
    EXPECT_EQ(usernames(store_->users().search(terms({"%"}))), std::vector<std::string>{"100%sure"});
}

TEST_F(PgUsers, SearchTreatsUnderscoreAndBackslashLiterally) {
    make_user_with(*store_, "a_b", "", "", "");
    make_user_with(*store_, "axb", "", "", "");
    make_user_with(*store_, "a\\b", "", "", "");
    EXPECT_EQ(usernames(store_->users().search(terms({"a_b"}))), std::vector<std::string>{"a_b"});
    EXPECT_EQ(usernames(store_->users().search(terms({"a\\b"}))), std::vector<std::string>{"a\\b"});
    EXPECT_EQ(usernames(store_->users().search(terms({"\\"}))), std::vector<std::string>{"a\\b"});
}

TEST_F(PgUsers, SearchTreatsQuotesInTermsAsText) {
    make_user_with(*store_, "o'brien", "", "", "");
    make_user_with(*store_, "say\"hi", "", "", "");
    EXPECT_EQ(usernames(store_->users().search(terms({"'"}))), std::vector<std::string>{"o'brien"});
    EXPECT_EQ(usernames(store_->users().search(terms({"\""}))), std::vector<std::string>{"say\"hi"});
}

TEST_F(PgUsers, SearchTermsMayHoldAnyText) {
    make_user_with(*store_, "zoë", "", "", "");
    EXPECT_EQ(usernames(store_->users().search(terms({"oë"}))), std::vector<std::string>{"zoë"});
    EXPECT_TRUE(store_->users().search(terms({"\xff\n\t\x01"})).users.empty());
}

TEST_F(PgUsers, SearchFiltersByFlagsAndGroup) {
    const UserId alice = make_user("alice");
    const UserId bob = make_user("bob");
    make_user("carol");
    auto a = *store_->users().find_by_id(alice);
    a.is_staff = true;
    a.is_superuser = true;
    store_->users().update(a);
    auto b = *store_->users().find_by_id(bob);
    b.is_active = false;
    b.is_staff = true;
    store_->users().update(b);
    const auto group = store_->groups().create("editors");
    store_->groups().add_member(bob, group);

    UserQuery query;
    query.is_staff = true;
    EXPECT_EQ(usernames(store_->users().search(query)), (std::vector<std::string>{"alice", "bob"}));
    query.is_active = true;
    EXPECT_EQ(usernames(store_->users().search(query)), std::vector<std::string>{"alice"});
    query = {};
    query.is_superuser = false;
    EXPECT_EQ(usernames(store_->users().search(query)), (std::vector<std::string>{"bob", "carol"}));
    query = {};
    query.is_staff = false;
    EXPECT_EQ(usernames(store_->users().search(query)), std::vector<std::string>{"carol"});
    query = {};
    query.group_id = group;
    EXPECT_EQ(usernames(store_->users().search(query)), std::vector<std::string>{"bob"});
    query.group_id = group + 1;
    EXPECT_EQ(store_->users().search(query).matching, 0);
}

TEST_F(PgUsers, SearchOrdersByTheColumnWithTiesBrokenByIdDescending) {
    make_user_with(*store_, "b", "", "Same", "2@x");
    make_user_with(*store_, "a", "", "Same", "3@x");
    make_user_with(*store_, "c", "", "Other", "1@x");
    UserQuery query;
    EXPECT_EQ(usernames(store_->users().search(query)), (std::vector<std::string>{"a", "b", "c"}));
    query.descending = true;
    EXPECT_EQ(usernames(store_->users().search(query)), (std::vector<std::string>{"c", "b", "a"}));
    query.order_by = UserQuery::OrderBy::last_name;
    query.descending = false;
    EXPECT_EQ(usernames(store_->users().search(query)), (std::vector<std::string>{"c", "a", "b"}));
    query.descending = true;
    EXPECT_EQ(usernames(store_->users().search(query)), (std::vector<std::string>{"a", "b", "c"}));
    query.order_by = UserQuery::OrderBy::email;
    query.descending = false;
    EXPECT_EQ(usernames(store_->users().search(query)), (std::vector<std::string>{"c", "b", "a"}));
    query.order_by = UserQuery::OrderBy::is_staff;  // all equal: id descending
    EXPECT_EQ(usernames(store_->users().search(query)), (std::vector<std::string>{"c", "a", "b"}));
    query.order_by = UserQuery::OrderBy::id;
    EXPECT_EQ(usernames(store_->users().search(query)), (std::vector<std::string>{"b", "a", "c"}));
    query.descending = true;
    EXPECT_EQ(usernames(store_->users().search(query)), (std::vector<std::string>{"c", "a", "b"}));
}

TEST_F(PgUsers, SearchPagesButCountsEveryMatch) {
    for (const char* name : {"u1", "u2", "u3", "u4", "u5", "x"}) make_user(name);
    UserQuery query = terms({"u"});
    query.offset = 1;
    query.limit = 2;
    auto page = store_->users().search(query);
    EXPECT_EQ(usernames(page), (std::vector<std::string>{"u2", "u3"}));
    EXPECT_EQ(page.matching, 5);
    query.offset = 4;
    EXPECT_EQ(usernames(store_->users().search(query)), std::vector<std::string>{"u5"});
    query.offset = 10;
    page = store_->users().search(query);
    EXPECT_TRUE(page.users.empty());
    EXPECT_EQ(page.matching, 5);
    query.offset = 0;
    query.limit = -1;  // no limit
    EXPECT_EQ(store_->users().search(query).users.size(), 5u);
}

TEST_F(PgUsers, RelationsAreSortedAndHoldDirectPermissionsOnly) {
    const UserId id = make_user("alice");
    const auto g1 = store_->groups().create("g1");
    const auto g2 = store_->groups().create("g2");
    store_->groups().add_member(id, g2);
    store_->groups().add_member(id, g1);
    store_->groups().grant_permission(g1, "auth.add_user");
    store_->users().grant_permission(id, "auth.view_user");
    store_->users().grant_permission(id, "auth.change_user");
    const auto relations = store_->users().relations(id);
    EXPECT_EQ(relations.group_ids, (std::vector<std::int64_t>{g1, g2}));
    const auto expected = rows(
        "SELECT p.id FROM auth_permission p JOIN django_content_type ct ON ct.id = p.content_type_id "
        "WHERE ct.app_label = 'auth' AND p.codename IN ('view_user', 'change_user') ORDER BY p.id");
    ASSERT_EQ(relations.permission_ids.size(), 2u);
    EXPECT_EQ(std::to_string(relations.permission_ids[0]), expected.at(0));
    EXPECT_EQ(std::to_string(relations.permission_ids[1]), expected.at(1));
    EXPECT_TRUE(store_->users().relations(id + 100).group_ids.empty());
}

TEST_F(PgUsers, CreateLoggedWritesTheUserAndItsLogEntryWithTheNewId) {
    const UserId admin = make_user("admin");
    NewUser input;
    input.username = "bob";
    input.password = "!unusable";
    const UserId id = store_->users().create_logged(
        input, {admin, "auth", "user", "ignored", "bob", AdminAction::addition, R"([{"added": {}}])"});
    EXPECT_EQ(store_->users().find_by_id(id)->username, "bob");
    EXPECT_EQ(rows("SELECT l.object_id, l.object_repr, l.action_flag, l.change_message, l.user_id, "
                   "ct.app_label || '.' || ct.model FROM django_admin_log l "
                   "JOIN django_content_type ct ON ct.id = l.content_type_id"),
              std::vector<std::string>{std::to_string(id) + "|bob|1|[{\"added\": {}}]|" + std::to_string(admin) +
                                       "|auth.user"});
}

TEST_F(PgUsers, CreateLoggedWithTakenUsernameWritesNothing) {
    const UserId admin = make_user("admin");
    NewUser input;
    input.username = "admin";
    EXPECT_THROW(store_->users().create_logged(input, change_of(admin, 0)), DuplicateError);
    EXPECT_EQ(store_->users().count(), 1);
    EXPECT_TRUE(rows("SELECT * FROM django_admin_log").empty());
}

TEST_F(PgUsers, CreateLoggedByAMissingUserWritesNothing) {
    NewUser input;
    input.username = "bob";
    EXPECT_THROW(store_->users().create_logged(input, change_of(999, 0)), StoreError);
    EXPECT_EQ(store_->users().count(), 0);
}

TEST_F(PgUsers, CreateLoggedForAModelWithoutContentTypeLogsNull) {
    const UserId admin = make_user("admin");
    NewUser input;
    input.username = "bob";
    store_->users().create_logged(input, {admin, "shop", "customer", "", "bob", AdminAction::addition, "[]"});
    EXPECT_EQ(rows("SELECT content_type_id FROM django_admin_log"), std::vector<std::string>{"NULL"});
}

TEST_F(PgUsers, UpdateLoggedWritesEveryColumnButThePassword) {
    const UserId admin = make_user("admin");
    const UserId id = make_user("alice");
    auto user = *store_->users().find_by_id(id);
    store_->users().set_password(id, "argon2$changed-meanwhile");
    user.password = "stale";
    user.username = "alice2";
    user.email = "a2@example.com";
    user.is_staff = true;
    store_->users().update_logged(user, std::nullopt, change_of(admin, id, "[1]"));
    const auto read = *store_->users().find_by_id(id);
    EXPECT_EQ(read.password, "argon2$changed-meanwhile");
    EXPECT_EQ(read.username, "alice2");
    EXPECT_EQ(read.email, "a2@example.com");
    EXPECT_TRUE(read.is_staff);
    EXPECT_EQ(rows("SELECT object_id, change_message FROM django_admin_log"),
              std::vector<std::string>{std::to_string(id) + "|[1]"});
}

TEST_F(PgUsers, UpdateLoggedReplacesRelationsKeepingUnchangedLinks) {
    const UserId id = make_user("alice");
    const auto g1 = store_->groups().create("g1");
    const auto g2 = store_->groups().create("g2");
    const auto g3 = store_->groups().create("g3");
    store_->groups().add_member(id, g1);
    store_->groups().add_member(id, g2);
    store_->users().grant_permission(id, "auth.view_user");
    const auto kept_link = rows("SELECT id FROM auth_user_groups WHERE group_id = " + std::to_string(g2));
    const auto permissions = store_->users().relations(id).permission_ids;

    auto user = *store_->users().find_by_id(id);
    store_->users().update_logged(user, UserRelations{{g3, g2, g3}, {}}, std::nullopt);
    EXPECT_EQ(store_->users().relations(id).group_ids, (std::vector<std::int64_t>{g2, g3}));
    EXPECT_TRUE(store_->users().relations(id).permission_ids.empty());
    EXPECT_EQ(rows("SELECT id FROM auth_user_groups WHERE group_id = " + std::to_string(g2)), kept_link);
    EXPECT_TRUE(rows("SELECT * FROM django_admin_log").empty());

    store_->users().update_logged(user, UserRelations{{}, permissions}, std::nullopt);
    EXPECT_TRUE(store_->users().relations(id).group_ids.empty());
    EXPECT_EQ(store_->users().relations(id).permission_ids, permissions);
}

TEST_F(PgUsers, UpdateLoggedWithoutRelationsLeavesTheLinks) {
    const UserId id = make_user("alice");
    const auto group = store_->groups().create("g1");
    store_->groups().add_member(id, group);
    store_->users().update_logged(*store_->users().find_by_id(id), std::nullopt, std::nullopt);
    EXPECT_EQ(store_->users().relations(id).group_ids, std::vector<std::int64_t>{group});
}

TEST_F(PgUsers, UpdateLoggedWithTakenUsernameWritesNothing) {
    const UserId admin = make_user("admin");
    const UserId id = make_user("alice");
    const auto group = store_->groups().create("g1");
    store_->groups().add_member(id, group);
    auto user = *store_->users().find_by_id(id);
    user.username = "admin";
    user.email = "new@example.com";
    EXPECT_THROW(store_->users().update_logged(user, UserRelations{{}, {}}, change_of(admin, id)), DuplicateError);
    const auto read = *store_->users().find_by_id(id);
    EXPECT_EQ(read.username, "alice");
    EXPECT_EQ(read.email, "");
    EXPECT_EQ(store_->users().relations(id).group_ids, std::vector<std::int64_t>{group});
    EXPECT_TRUE(rows("SELECT * FROM django_admin_log").empty());
}

TEST_F(PgUsers, UpdateLoggedWithUnknownGroupWritesNothing) {
    const UserId admin = make_user("admin");
    const UserId id = make_user("alice");
    auto user = *store_->users().find_by_id(id);
    user.email = "new@example.com";
    EXPECT_THROW(store_->users().update_logged(user, UserRelations{{12345}, {}}, change_of(admin, id)), StoreError);
    EXPECT_EQ(store_->users().find_by_id(id)->email, "");
    EXPECT_TRUE(rows("SELECT * FROM auth_user_groups").empty());
    EXPECT_TRUE(rows("SELECT * FROM django_admin_log").empty());
}

TEST_F(PgUsers, UpdateLoggedOfAMissingUserWritesNothing) {
    const UserId admin = make_user("admin");
    User ghost;
    ghost.id = 999;
    ghost.username = "ghost";
    store_->users().update_logged(ghost, UserRelations{{}, {}}, change_of(admin, 999));
    EXPECT_EQ(store_->users().count(), 1);
    EXPECT_TRUE(rows("SELECT * FROM django_admin_log").empty());
}

TEST_F(PgUsers, SetPasswordLoggedWritesTheHashAndTheLogEntry) {
    const UserId admin = make_user("admin");
    const UserId id = make_user("alice");
    store_->users().set_password_logged(id, "argon2$new", change_of(admin, id, "[\"pw\"]"));
    EXPECT_EQ(store_->users().find_by_id(id)->password, "argon2$new");
    EXPECT_EQ(rows("SELECT object_id, change_message FROM django_admin_log"),
              std::vector<std::string>{std::to_string(id) + "|[\"pw\"]"});
}

TEST_F(PgUsers, SetPasswordLoggedByAMissingUserWritesNothing) {
    const UserId id = make_user("alice");
    EXPECT_THROW(store_->users().set_password_logged(id, "argon2$new", change_of(999, id)), StoreError);
    EXPECT_EQ(store_->users().find_by_id(id)->password, "pbkdf2_sha256$1$salt$hash");
}

TEST_F(PgUsers, RemoveLoggedCascadesLogsAndEndsSessions) {
    const UserId admin = make_user("admin");
    const UserId alice = make_user("alice");
    const UserId bob = make_user("bob");
    const auto group = store_->groups().create("g1");
    store_->groups().add_member(alice, group);
    store_->groups().add_member(admin, group);
    store_->users().grant_permission(bob, "auth.view_user");
    store_->admin_log().log(change_of(alice, admin, "by alice"));
    store_->tokens().record_outstanding({"jti1", "token", alice, now(), now() + std::chrono::hours(1)});
    const auto later = now() + std::chrono::hours(1);
    store_->sessions().create({std::string(40, 'a'), alice, "h", later});
    store_->sessions().create({std::string(40, 'b'), admin, "h", later});

    const auto removed = store_->users().remove_logged(
        {alice, bob, 999},
        {{admin, "auth", "user", std::to_string(alice), "alice", AdminAction::deletion, ""},
         {admin, "auth", "user", std::to_string(bob), "bob", AdminAction::deletion, ""}});
    EXPECT_EQ(removed, 2);
    EXPECT_EQ(store_->users().count(), 1);
    EXPECT_EQ(rows("SELECT user_id FROM auth_user_groups"), std::vector<std::string>{std::to_string(admin)});
    EXPECT_TRUE(rows("SELECT * FROM auth_user_user_permissions").empty());
    EXPECT_EQ(rows("SELECT user_id, object_id, action_flag FROM django_admin_log ORDER BY id"),
              (std::vector<std::string>{std::to_string(admin) + "|" + std::to_string(alice) + "|3",
                                        std::to_string(admin) + "|" + std::to_string(bob) + "|3"}));
    EXPECT_EQ(rows("SELECT jti, user_id FROM token_blacklist_outstandingtoken"),
              std::vector<std::string>{"jti1|NULL"});
    EXPECT_EQ(rows("SELECT session_key FROM django_session"), std::vector<std::string>{std::string(40, 'b')});
}

TEST_F(PgUsers, RemoveLoggedByAMissingUserWritesNothing) {
    const UserId alice = make_user("alice");
    EXPECT_THROW(store_->users().remove_logged({alice}, {change_of(999, alice)}), StoreError);
    EXPECT_TRUE(store_->users().find_by_id(alice).has_value());
}

TEST_F(PgUsers, RemoveEndsTheUsersSessions) {
    const UserId alice = make_user("alice");
    store_->sessions().create({std::string(40, 'a'), alice, "h", now() + std::chrono::hours(1)});
    EXPECT_TRUE(store_->users().remove(alice));
    EXPECT_TRUE(rows("SELECT * FROM django_session").empty());
}

TEST_F(PgUsers, DeletionSummaryCountsTheRowsThatCascade) {
    const UserId admin = make_user("admin");
    const UserId alice = make_user("alice");
    const UserId bob = make_user("bob");
    const auto g1 = store_->groups().create("g1");
    const auto g2 = store_->groups().create("g2");
    store_->groups().add_member(alice, g1);
    store_->groups().add_member(alice, g2);
    store_->groups().add_member(admin, g1);
    store_->users().grant_permission(bob, "auth.view_user");
    store_->admin_log().log(change_of(alice, admin));
    store_->admin_log().log(change_of(admin, alice));
    store_->tokens().record_outstanding({"jti1", "token", alice, now(), now() + std::chrono::hours(1)});

    const auto summary = store_->users().deletion_summary({alice, bob, 999});
    EXPECT_EQ(summary.users, 2);
    EXPECT_EQ(summary.group_links, 2);
    EXPECT_EQ(summary.permission_links, 1);
    EXPECT_EQ(summary.log_entries, 1);
    EXPECT_EQ(store_->users().deletion_summary({}).users, 0);
}

}  // namespace
}  // namespace gatehouse::store
