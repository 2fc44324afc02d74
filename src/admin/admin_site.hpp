#pragma once
// The admin site: Django's admin for users, groups and the admin log, on Django's URLs.
// Every admin route but the login page requires a live session of an active staff user;
// every POST passes the CSRF check first; what a user sees and may do follows their model
// permissions (permissions.hpp). Views are functions from an AdminRequest to a response.
#include "admin/flash_messages.hpp"
#include "admin/form_data.hpp"
#include "admin/login_throttle.hpp"
#include "admin/permissions.hpp"
#include "admin/sessions.hpp"
#include "api/app_state.hpp"
#include "http/router.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

namespace gatehouse::admin {

class AdminSite {
public:
    explicit AdminSite(api::AppState& app);

    void add_routes(http::Router& router);

    api::AppState& app;
    SessionManager sessions;
    LoginThrottle throttle;
    bool https;  // served over HTTPS (behind a TLS proxy): cookies get Secure
};

struct AdminRequest {
    AdminSite& site;
    const http::Request& http;
    std::optional<std::int64_t> id;  // the {id} of the route
    std::string_view peer;
    FormData query;
    FormData form;  // the POST body
    std::optional<AdminSession> session;
    AdminPermissions permissions;
    std::string csrf_token;
    bool new_csrf_cookie = false;
    std::vector<Flash> flashes_in;   // shown on this page
    std::vector<Flash> flashes_out;  // carried to the next page by a redirect
    std::vector<std::string> set_cookies;

    bool is_post() const { return http.method() == http::Verb::post; }
    const store::User& user() const { return session->user; }
    store::Store& store() const { return *site.app.store; }
    void flash(std::string level, std::string text) { flashes_out.push_back({std::move(level), std::move(text)}); }
};

using AdminView = http::Response (*)(AdminRequest&);

// Responses. Each sets the admin's security headers (no framing, a CSP that allows only the
// panel's own assets, nosniff, no caching) and the cookies the request needs.
// A page: templates/<name>.mustache in the layout; `data` needs "title" and may have
// "breadcrumbs" ([{label, url}]) and "body_class".
http::Response render(AdminRequest& request, std::string_view template_name, boost::json::object data,
                      http::Status status = http::Status::ok);
http::Response redirect(AdminRequest& request, std::string location);
http::Response forbidden(AdminRequest& request);
http::Response not_found(AdminRequest& request);

// The django_admin_log row for an action of the signed-in user on auth.<model> #object_id.
store::LogEntryInput log_entry_for(const AdminRequest& request, std::string_view model, std::int64_t object_id,
                                   std::string object_repr, store::AdminAction action, std::string change_message);

// "Full Name" or the username, as the admin greets and logs users.
std::string display_name(const store::User& user);
// The breadcrumbs every page starts with.
boost::json::array breadcrumbs(std::initializer_list<std::pair<std::string, std::string>> label_url_pairs);

}  // namespace gatehouse::admin
