#pragma once
// Django's GroupAdmin: list, add, change, delete, bulk delete, history.
#include "admin/admin_site.hpp"

namespace gatehouse::admin {

http::Response group_changelist_view(AdminRequest& request);
http::Response group_add_view(AdminRequest& request);
http::Response group_object_redirect_view(AdminRequest& request);
http::Response group_change_view(AdminRequest& request);
http::Response group_delete_view(AdminRequest& request);
http::Response group_history_view(AdminRequest& request);

}  // namespace gatehouse::admin
