#pragma once
// Django's User.has_perm for the ModelBackend: inactive users hold nothing, active
// superusers hold everything, everyone else what they were granted directly or through
// their groups.
#include "store/store.hpp"

#include <string_view>

namespace gatehouse::auth {

bool has_perm(const store::User& user, std::string_view app_label_dot_codename, store::UserRepository& users);

}  // namespace gatehouse::auth
