#include "store/django_models.hpp"

namespace gatehouse::store {
namespace {

constexpr DjangoModel models[] = {
    {"admin", "logentry", "log entry"},
    {"auth", "permission", "permission"},
    {"auth", "group", "group"},
    {"auth", "user", "user"},
    {"contenttypes", "contenttype", "content type"},
    {"sessions", "session", "session"},
    {"token_blacklist", "blacklistedtoken", "blacklisted token"},
    {"token_blacklist", "outstandingtoken", "outstanding token"},
};

}  // namespace

std::span<const DjangoModel> django_models() { return models; }

std::vector<DefaultPermission> default_permissions(const DjangoModel& model) {
    std::vector<DefaultPermission> permissions;
    for (std::string_view action : {"add", "change", "delete", "view"}) {
        permissions.push_back({std::string(action) + "_" + std::string(model.model),
                               "Can " + std::string(action) + " " + std::string(model.verbose_name)});
    }
    return permissions;
}

}  // namespace gatehouse::store
