#pragma once
// The models gatehouse shares with Django, as its post_migrate hooks see them: each gets a
// content type and Django's four default permissions. The same on every backend.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gatehouse::store {

struct DjangoModel {
    std::string_view app_label;
    std::string_view model;         // lower-case model name
    std::string_view verbose_name;  // for "Can add <verbose_name>"
};

// In INSTALLED_APPS order, models in definition order: the order Django creates them, so the
// ids match those of a Django-made database.
std::span<const DjangoModel> django_models();

// django.contrib.auth.management.create_permissions: add_, change_, delete_ and view_<model>.
struct DefaultPermission {
    std::string codename;  // "add_user"
    std::string name;      // "Can add user"
};
std::vector<DefaultPermission> default_permissions(const DjangoModel& model);

}  // namespace gatehouse::store
