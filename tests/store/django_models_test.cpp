#include "store/django_models.hpp"

#include <gtest/gtest.h>

namespace gatehouse::store {
namespace {

TEST(DjangoModels, DefaultPermissionsAreDjangosFourInItsOrder) {
    const DjangoModel log_entry{"admin", "logentry", "log entry"};
    const auto permissions = default_permissions(log_entry);
    ASSERT_EQ(permissions.size(), 4u);
    EXPECT_EQ(permissions[0].codename, "add_logentry");
    EXPECT_EQ(permissions[0].name, "Can add log entry");
    EXPECT_EQ(permissions[1].codename, "change_logentry");
    EXPECT_EQ(permissions[2].codename, "delete_logentry");
    EXPECT_EQ(permissions[3].codename, "view_logentry");
    EXPECT_EQ(permissions[3].name, "Can view log entry");
}

TEST(DjangoModels, AreInTheOrderDjangoCreatesTheirContentTypes) {
    // Content type ids 1..8 of a database Django 3.2 migrated with the guide's INSTALLED_APPS.
    const auto models = django_models();
    ASSERT_EQ(models.size(), 8u);
    EXPECT_EQ(models[0].model, "logentry");
    EXPECT_EQ(models[3].model, "user");
    EXPECT_EQ(models[7].model, "outstandingtoken");
}

}  // namespace
}  // namespace gatehouse::store
