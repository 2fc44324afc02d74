#include "admin/admin_site.hpp"

#include "admin/assets.hpp"
#include "admin/cookies.hpp"
#include "admin/csrf.hpp"
#include "admin/group_views.hpp"
#include "admin/index_views.hpp"
#include "admin/log_entry_views.hpp"
#include "admin/login_views.hpp"
#include "admin/templates.hpp"
#include "admin/user_views.hpp"

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <iostream>

namespace gatehouse::admin {
namespace {

using http::Verb;

constexpr long csrf_cookie_age_s = 31'449'600;  // Django's CSRF_COOKIE_AGE, one year

void set_security_headers(http::Response& response) {
    namespace field = http::beast_http;
    response.set(field::field::x_frame_options, "DENY");
    response.set("Content-Security-Policy",
                 "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
                 "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    response.set("X-Content-Type-Options", "nosniff");
    response.set("Referrer-Policy", "same-origin");
    response.set("Cross-Origin-Opener-Policy", "same-origin");
    // Django's never_cache: admin pages hold personal data and CSRF tokens.
    response.set(field::field::cache_control, "max-age=0, no-cache, no-store, must-revalidate, private");
}

void finish(AdminRequest& request, http::Response& response) {
    set_security_headers(response);
    if (request.new_csrf_cookie) {
        request.set_cookies.push_back(set_cookie(csrf_cookie_name, request.csrf_token,
                                                 {.http_only = false, .secure = request.site.https, .max_age = csrf_cookie_age_s}));
    }
    if (!request.flashes_out.empty()) {
        request.set_cookies.push_back(set_cookie(flash_cookie_name,
                                                 encode_flashes(request.flashes_out, request.site.app.settings.secret_key),
                                                 {.http_only = true, .secure = request.site.https}));
    } else if (!request.flashes_in.empty()) {
        request.set_cookies.push_back(delete_cookie(flash_cookie_name, request.site.https));
    }
    for (const std::string& cookie : request.set_cookies) response.insert(http::beast_http::field::set_cookie, cookie);
}

http::Response html_response(http::Status status, std::string body, unsigned version) {
    http::Response response{status, version};
    response.set(http::beast_http::field::content_type, "text/html; charset=utf-8");
    response.body() = std::move(body);
    response.prepare_payload();
    return response;
}

std::string login_url_for(const http::Request& request) {
    std::string next(request.target());
    return "/admin/login/?next=" + boost::urls::encode(next, boost::urls::unreserved_chars);
}

http::Response csrf_failure_page(AdminRequest& request, const std::string& reason) {
    boost::json::object data{{"title", "403 Forbidden"}, {"reason", reason}, {"body_class", "error"}};
    return render(request, "csrf_failure", std::move(data), http::Status::forbidden);
}

http::Response static_file(const http::Request& request, std::string_view name, std::string_view content_type) {
    auto content = find_asset("static/" + std::string(name));
    http::Response response{content ? http::Status::ok : http::Status::not_found, request.version()};
    response.set(http::beast_http::field::content_type, content_type);
    response.set("X-Content-Type-Options", "nosniff");
    response.set(http::beast_http::field::cache_control, "public, max-age=3600");
    if (content) response.body() = std::string(*content);
    response.prepare_payload();
    return response;
}

struct AdminRoute {
    const char* pattern;
    std::vector<Verb> methods;
    AdminView view;
    bool login_required = true;
    // Views that hash passwords run on the worker pool, off the I/O threads.
    http::Execution execution = http::Execution::io_thread;
};

const std::vector<AdminRoute>& admin_routes() {
    using http::Execution;
    static const std::vector<AdminRoute> routes = {
        {"/admin/login/", {Verb::get, Verb::post}, login_view, false, Execution::worker_pool},
        {"/admin/logout/", {Verb::post}, logout_view, false},
        {"/admin/", {Verb::get}, index_view},
        {"/admin/auth/", {Verb::get}, app_index_view},
        {"/admin/password_change/", {Verb::get, Verb::post}, password_change_view, true, Execution::worker_pool},
        {"/admin/password_change/done/", {Verb::get}, password_change_done_view},
        {"/admin/auth/user/", {Verb::get, Verb::post}, user_changelist_view},
        {"/admin/auth/user/add/", {Verb::get, Verb::post}, user_add_view, true, Execution::worker_pool},
        {"/admin/auth/user/{id}/", {Verb::get}, user_object_redirect_view},
        {"/admin/auth/user/{id}/change/", {Verb::get, Verb::post}, user_change_view},
        {"/admin/auth/user/{id}/password/", {Verb::get, Verb::post}, user_password_view, true, Execution::worker_pool},
        {"/admin/auth/user/{id}/delete/", {Verb::get, Verb::post}, user_delete_view},
        {"/admin/auth/user/{id}/history/", {Verb::get}, user_history_view},
        {"/admin/auth/group/", {Verb::get, Verb::post}, group_changelist_view},
        {"/admin/auth/group/add/", {Verb::get, Verb::post}, group_add_view},
        {"/admin/auth/group/{id}/", {Verb::get}, group_object_redirect_view},
        {"/admin/auth/group/{id}/change/", {Verb::get, Verb::post}, group_change_view},
        {"/admin/auth/group/{id}/delete/", {Verb::get, Verb::post}, group_delete_view},
        {"/admin/auth/group/{id}/history/", {Verb::get}, group_history_view},
        {"/admin/admin/logentry/", {Verb::get}, log_entry_changelist_view},
    };
    return routes;
}

http::Response run_view(AdminSite& site, const AdminRoute& route, http::RequestContext& context) {
    const http::Request& http = context.request;
    AdminRequest request{site, http, context.path_id, context.peer};
    std::string_view target = http.target();
    if (auto question = target.find('?'); question != std::string_view::npos) {
        request.query = FormData::parse(target.substr(question + 1));
    }
    request.flashes_in = decode_flashes(
        cookie_value(http[http::beast_http::field::cookie], flash_cookie_name).value_or(""), site.app.settings.secret_key);
    if (auto token = csrf_cookie(http)) {
        request.csrf_token = std::move(*token);
    } else {
        request.csrf_token = new_csrf_token();
        request.new_csrf_cookie = true;
    }

    try {
        if (request.is_post()) {
            std::string_view type = http[http::beast_http::field::content_type];
            if (type.substr(0, type.find(';')) == "application/x-www-form-urlencoded") {
                request.form = FormData::parse(http.body());
            }
            if (auto failure = csrf_failure(http, request.form.get(csrf_field_name), site.https)) {
                return csrf_failure_page(request, *failure);
            }
        }
        request.session = site.sessions.load(http);
        if (route.login_required) {
            if (!request.session) return redirect(request, login_url_for(http));
        }
        if (request.session) request.permissions = admin_permissions_of(request.session->user, request.store().users());
        return route.view(request);
    } catch (const store::StoreError& error) {
        std::cerr << "gatehouse: admin: database error: " << error.what() << std::endl;
        boost::json::object data{{"title", "Service unavailable"}, {"body_class", "error"}};
        return render(request, "server_error", std::move(data), http::Status::service_unavailable);
    } catch (const std::exception& error) {
        std::cerr << "gatehouse: admin: internal error: " << error.what() << std::endl;
        boost::json::object data{{"title", "Server error"}, {"body_class", "error"}};
        return render(request, "server_error", std::move(data), http::Status::internal_server_error);
    }
}

}  // namespace

AdminSite::AdminSite(api::AppState& app_in)
    : app(app_in),
      sessions(*app_in.store, app_in.settings.secret_key),
      throttle(ThrottleLimits{app_in.settings.admin_login_failures_per_username,
                              app_in.settings.admin_login_failures_per_address}),
      https(app_in.settings.admin_https) {}

void AdminSite::add_routes(http::Router& router) {
    for (const AdminRoute& route : admin_routes()) {
        router.add({route.pattern, route.methods, http::Access::admin_session, route.execution,
                    [this, &route](http::RequestContext& context) { return run_view(*this, route, context); }});
    }
    router.add({"/static/admin/gatehouse.css", {Verb::get}, http::Access::public_route, http::Execution::io_thread,
                [](http::RequestContext& context) {
                    return static_file(context.request, "gatehouse.css", "text/css; charset=utf-8");
                }});
    router.add({"/static/admin/admin.js", {Verb::get}, http::Access::public_route, http::Execution::io_thread,
                [](http::RequestContext& context) {
                    return static_file(context.request, "admin.js", "text/javascript; charset=utf-8");
                }});
}

store::LogEntryInput log_entry_for(const AdminRequest& request, std::string_view model, std::int64_t object_id,
                                   std::string object_repr, store::AdminAction action, std::string change_message) {
    store::LogEntryInput log;
    log.user_id = request.user().id;
    log.app_label = "auth";
    log.model = std::string(model);
    log.object_id = std::to_string(object_id);
    log.object_repr = std::move(object_repr);
    log.action = action;
    log.change_message = std::move(change_message);
    return log;
}

std::string display_name(const store::User& user) {
    std::string full = user.first_name;
    if (!user.last_name.empty()) full += (full.empty() ? "" : " ") + user.last_name;
    return full.empty() ? user.username : full;
}

boost::json::array breadcrumbs(std::initializer_list<std::pair<std::string, std::string>> label_url_pairs) {
    boost::json::array crumbs;
    crumbs.push_back(boost::json::object{{"label", "Home"}, {"url", "/admin/"}});
    for (const auto& [label, url] : label_url_pairs) {
        boost::json::object crumb{{"label", label}};
        if (!url.empty()) crumb["url"] = url;  // the current page is not a link
        crumbs.push_back(std::move(crumb));
    }
    return crumbs;
}

http::Response render(AdminRequest& request, std::string_view template_name, boost::json::object data,
                      http::Status status) {
    if (request.session) {
        data["user"] = boost::json::object{{"display_name", display_name(request.user())}};
    }
    data["csrf_token"] = request.csrf_token;
    if (!data.contains("body_class")) data["body_class"] = std::string(template_name);
    if (auto* crumbs = data.if_contains("breadcrumbs"); crumbs && crumbs->is_array() && !crumbs->get_array().empty()) {
        data["has_breadcrumbs"] = true;
    }
    boost::json::array messages;
    for (const Flash& flash : request.flashes_in) messages.push_back({{"level", flash.level}, {"text", flash.text}});
    if (!messages.empty()) data["has_messages"] = true;
    data["messages"] = std::move(messages);
    http::Response response = html_response(status, render_page(template_name, std::move(data)), request.http.version());
    finish(request, response);
    return response;
}

http::Response redirect(AdminRequest& request, std::string location) {
    // Messages not shown yet on this request go on to the next page.
    if (!request.flashes_in.empty()) {
        request.flashes_out.insert(request.flashes_out.begin(), request.flashes_in.begin(), request.flashes_in.end());
    }
    http::Response response{http::Status::found, request.http.version()};
    response.set(http::beast_http::field::location, location);
    response.prepare_payload();
    finish(request, response);
    return response;
}

http::Response forbidden(AdminRequest& request) {
    boost::json::object data{{"title", "403 Forbidden"}, {"body_class", "error"}};
    return render(request, "forbidden", std::move(data), http::Status::forbidden);
}

http::Response not_found(AdminRequest& request) {
    boost::json::object data{{"title", "Page not found"}, {"body_class", "error"}};
    return render(request, "not_found", std::move(data), http::Status::not_found);
}

}  // namespace gatehouse::admin
