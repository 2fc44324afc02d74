#pragma once
// Django's UserAdmin: list, add (two steps), change, the admin's password form, delete,
// bulk delete, history.
#include "admin/admin_site.hpp"

namespace gatehouse::admin {

http::Response user_changelist_view(AdminRequest& request);
http::Response user_add_view(AdminRequest& request);
http::Response user_object_redirect_view(AdminRequest& request);
http::Response user_change_view(AdminRequest& request);
http::Response user_password_view(AdminRequest& request);
http::Response user_delete_view(AdminRequest& request);
http::Response user_history_view(AdminRequest& request);

}  // namespace gatehouse::admin

namespace gatehouse::admin {

// The history page of auth.<model> #request.id (shared with the group admin).
http::Response history_page(AdminRequest& request, std::string_view model, std::string_view model_plural,
                            const std::string& object_name);

}  // namespace gatehouse::admin
