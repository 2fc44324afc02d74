#pragma once
// The read-only list of django_admin_log, for users with admin.view_logentry.
#include "admin/admin_site.hpp"

namespace gatehouse::admin {

http::Response log_entry_changelist_view(AdminRequest& request);

}  // namespace gatehouse::admin
