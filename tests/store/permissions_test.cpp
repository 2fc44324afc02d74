// The permission catalogue on every backend (typed over store_backends.hpp's traits, so SQLite
// and PostgreSQL answer the same tests): what migrate wrote, in Django's order.
#include "store/store_backends.hpp"

#include <algorithm>

namespace gatehouse::store {
namespace {

template <typename Backend>
class Permissions : public testing::StoreTest<Backend> {};
TYPED_TEST_SUITE(Permissions, testing::StoreBackends);

TYPED_TEST(Permissions, AllAreOrderedByAppLabelModelAndCodename) {
    const auto all = this->store_->permissions().all();
    std::vector<std::string> listed;
    for (const auto& p : all) listed.push_back(std::to_string(p.id) + "|" + p.app_label + "|" + p.model + "|" + p.codename + "|" + p.name);
    EXPECT_EQ(listed, this->rows("SELECT p.id, ct.app_label, ct.model, p.codename, p.name FROM auth_permission p "
                                 "JOIN django_content_type ct ON ct.id = p.content_type_id "
                                 "ORDER BY ct.app_label, ct.model, p.codename"));
    ASSERT_FALSE(all.empty());
    EXPECT_EQ(all.size(),
              static_cast<std::size_t>(std::stoi(this->rows("SELECT COUNT(*) FROM auth_permission").at(0))));
}

TYPED_TEST(Permissions, CarryTheirContentTypeAndName) {
    const auto all = this->store_->permissions().all();
    const auto it = std::find_if(all.begin(), all.end(), [](const Permission& p) { return p.codename == "view_user"; });
    ASSERT_NE(it, all.end());
    EXPECT_EQ(it->app_label, "auth");
    EXPECT_EQ(it->model, "user");
    EXPECT_EQ(it->name, "Can view user");
    // The order Django's Permission.Meta gives: admin before auth, group before user, add before view.
    std::vector<std::string> auth_user;
    for (const auto& p : all) {
        if (p.app_label == "auth" && p.model == "user") auth_user.push_back(p.codename);
    }
    EXPECT_EQ(auth_user, (std::vector<std::string>{"add_user", "change_user", "delete_user", "view_user"}));
    EXPECT_EQ(all.front().app_label, "admin");
}

}  // namespace
}  // namespace gatehouse::store
