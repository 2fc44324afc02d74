// The admin log on every backend (typed over store_backends.hpp's traits, so SQLite and
// PostgreSQL answer the same tests): Django's django_admin_log rows, their order and paging.
// SQLite's own UTF-8 truncation helper is tested in sqlite/truncate_utf8_test.cpp.
#include "store/store_backends.hpp"

namespace gatehouse::store {
namespace {

template <typename Backend>
class AdminLog : public testing::StoreTest<Backend> {};
TYPED_TEST_SUITE(AdminLog, testing::StoreBackends);

TYPED_TEST(AdminLog, LogWritesDjangosRow) {
    const UserId admin = this->make_user("admin");
    const auto before = now();
    const auto id = this->store_->admin_log().log(
        {admin, "auth", "user", "7", "bob", AdminAction::addition, R"([{"added": {}}])"});
    EXPECT_EQ(this->rows("SELECT l.id, l.object_id, l.object_repr, l.action_flag, l.change_message, l.user_id, "
                         "ct.app_label || '.' || ct.model FROM django_admin_log l "
                         "JOIN django_content_type ct ON ct.id = l.content_type_id"),
              std::vector<std::string>{std::to_string(id) + "|7|bob|1|[{\"added\": {}}]|" +
                                       std::to_string(admin) + "|auth.user"});
    const auto entries = this->store_->admin_log().recent_for_user(admin, 10);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_GE(entries[0].action_time, before);
    EXPECT_EQ(entries[0].action, AdminAction::addition);
    EXPECT_EQ(entries[0].object_id, std::optional<std::string>("7"));
    EXPECT_TRUE(entries[0].content_type_id.has_value());
}

TYPED_TEST(AdminLog, ObjectReprIsTruncatedTo200Characters) {
    const UserId admin = this->make_user("admin");
    std::string repr;
    for (int i = 0; i < 150; ++i) repr += "é€";  // 300 characters, 750 bytes
    this->store_->admin_log().log({admin, "auth", "user", "1", repr, AdminAction::change, "[]"});
    const auto entry = this->store_->admin_log().recent_for_user(admin, 1).at(0);
    EXPECT_EQ(this->rows("SELECT length(object_repr) FROM django_admin_log"), std::vector<std::string>{"200"});
    EXPECT_EQ(entry.object_repr.size(), 100u * (2 + 3));
}

TYPED_TEST(AdminLog, UnknownModelGetsNoContentType) {
    const UserId admin = this->make_user("admin");
    this->store_->admin_log().log({admin, "shop", "order", "1", "order", AdminAction::deletion, "[]"});
    EXPECT_FALSE(this->store_->admin_log().recent_for_user(admin, 1).at(0).content_type_id.has_value());
}

TYPED_TEST(AdminLog, RecentIsNewestFirstAndLimited) {
    const UserId admin = this->make_user("admin");
    const UserId other = this->make_user("other");
    for (int i = 0; i < 5; ++i) {
        this->store_->admin_log().log({admin, "auth", "user", std::to_string(i), "u", AdminAction::change, "[]"});
    }
    this->store_->admin_log().log({other, "auth", "user", "9", "u", AdminAction::change, "[]"});
    const auto entries = this->store_->admin_log().recent_for_user(admin, 3);
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_EQ(entries[0].object_id, std::optional<std::string>("4"));
    EXPECT_EQ(entries[2].object_id, std::optional<std::string>("2"));
}

TYPED_TEST(AdminLog, ForObjectIsOldestFirstAndScopedToTheModel) {
    const UserId admin = this->make_user("admin");
    this->store_->admin_log().log({admin, "auth", "user", "5", "bob", AdminAction::addition, "[1]"});
    this->store_->admin_log().log({admin, "auth", "group", "5", "g", AdminAction::addition, "[]"});
    this->store_->admin_log().log({admin, "auth", "user", "5", "bob", AdminAction::change, "[2]"});
    this->store_->admin_log().log({admin, "auth", "user", "6", "eve", AdminAction::change, "[]"});
    const auto history = this->store_->admin_log().for_object("auth", "user", "5");
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].change_message, "[1]");
    EXPECT_EQ(history[1].change_message, "[2]");
}

TYPED_TEST(AdminLog, LogForMissingUserFailsTheForeignKey) {
    EXPECT_THROW(this->store_->admin_log().log({999, "auth", "user", "1", "x", AdminAction::change, "[]"}), StoreError);
    EXPECT_TRUE(this->rows("SELECT * FROM django_admin_log").empty());
}

TYPED_TEST(AdminLog, ListIsNewestFirstAndPaged) {
    const UserId admin = this->make_user("admin");
    const UserId other = this->make_user("other");
    for (int i = 0; i < 5; ++i) {
        this->store_->admin_log().log(
            {i % 2 ? other : admin, "auth", "user", std::to_string(i), "u", AdminAction::change, "[]"});
    }
    auto object_ids = [](const std::vector<LogEntry>& entries) {
        std::vector<std::string> ids;
        for (const auto& entry : entries) ids.push_back(entry.object_id.value_or("-"));
        return ids;
    };
    EXPECT_EQ(object_ids(this->store_->admin_log().list(0, 100)), (std::vector<std::string>{"4", "3", "2", "1", "0"}));
    EXPECT_EQ(object_ids(this->store_->admin_log().list(1, 2)), (std::vector<std::string>{"3", "2"}));
    EXPECT_EQ(object_ids(this->store_->admin_log().list(4, 2)), std::vector<std::string>{"0"});
    EXPECT_TRUE(this->store_->admin_log().list(5, 2).empty());
    EXPECT_EQ(this->store_->admin_log().count(), 5);
}

TYPED_TEST(AdminLog, ListBreaksTiesOfActionTimeByIdDescending) {
    const UserId admin = this->make_user("admin");
    for (int i = 0; i < 3; ++i) {
        this->store_->admin_log().log({admin, "auth", "user", std::to_string(i), "u", AdminAction::change, "[]"});
    }
    this->execute("UPDATE django_admin_log SET action_time = '2024-01-01 00:00:00'");
    const auto entries = this->store_->admin_log().list(0, 10);
    ASSERT_EQ(entries.size(), 3u);
    EXPECT_GT(entries[0].id, entries[1].id);
    EXPECT_GT(entries[1].id, entries[2].id);
}

TYPED_TEST(AdminLog, CountOfAnEmptyLogIsZero) { EXPECT_EQ(this->store_->admin_log().count(), 0); }

TYPED_TEST(AdminLog, ContentTypeNamesTheModel) {
    const UserId admin = this->make_user("admin");
    this->store_->admin_log().log({admin, "auth", "group", "1", "g", AdminAction::change, "[]"});
    const auto entry = this->store_->admin_log().list(0, 1).at(0);
    ASSERT_TRUE(entry.content_type_id.has_value());
    EXPECT_EQ(this->store_->admin_log().content_type(*entry.content_type_id),
              (std::optional<std::pair<std::string, std::string>>{{"auth", "group"}}));
    EXPECT_FALSE(this->store_->admin_log().content_type(99999).has_value());
}

}  // namespace
}  // namespace gatehouse::store
