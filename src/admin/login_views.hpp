#pragma once
// Signing in and out, and the signed-in user's own password.
#include "admin/admin_site.hpp"

namespace gatehouse::admin {

http::Response login_view(AdminRequest& request);
http::Response logout_view(AdminRequest& request);
http::Response password_change_view(AdminRequest& request);
http::Response password_change_done_view(AdminRequest& request);

// Where `next` may send the user after login: a path on this site, else the admin index.
std::string safe_next(std::string_view next);

}  // namespace gatehouse::admin
