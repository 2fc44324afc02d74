#pragma once
// The admin home page and the "auth" app page: the models the user may see, and their
// recent actions.
#include "admin/admin_site.hpp"

namespace gatehouse::admin {

http::Response index_view(AdminRequest& request);
http::Response app_index_view(AdminRequest& request);

}  // namespace gatehouse::admin
