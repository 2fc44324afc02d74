#include "admin/login_views.hpp"

#include "admin/cookies.hpp"
#include "admin/csrf.hpp"
#include "auth/hashers.hpp"
#include "auth/model_backend.hpp"
#include "auth/password_validation.hpp"

#include <boost/json/array.hpp>

namespace gatehouse::admin {
namespace {

constexpr std::string_view login_failed_message =
    "Please enter the correct username and password for a staff account. Note that both fields may be case-sensitive.";

boost::json::array to_json_list(const std::vector<std::string>& items) {
    boost::json::array list;
    for (const auto& item : items) list.push_back(boost::json::value(item));
    return list;
}

http::Response login_form(AdminRequest& request, const std::string& next, const std::string& username,
                          const std::string& error, http::Status status = http::Status::ok) {
    boost::json::object data{{"title", "Log in"}, {"body_class", "login"}, {"next", next}, {"username", username}};
    if (!error.empty()) data["error"] = error;
    return render(request, "login", std::move(data), status);
}

std::string minutes_text(std::chrono::seconds wait) {
    auto minutes = (wait.count() + 59) / 60;
    return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

}  // namespace

std::string safe_next(std::string_view next) {
    // Django's url_has_allowed_host_and_scheme, for a site with no other allowed hosts: only
    // a path on this site. "//evil.example" and "/\evil.example" are other sites to a browser.
    const bool local_path = next.size() >= 1 && next[0] == '/' && (next.size() == 1 || (next[1] != '/' && next[1] != '\\'));
    const bool clean = std::all_of(next.begin(), next.end(), [](char c) {
        return static_cast<unsigned char>(c) > 0x20 && c != 0x7f && c != '\\';
    });
    return local_path && clean ? std::string(next) : std::string("/admin/");
}

http::Response login_view(AdminRequest& request) {
    std::string next = safe_next(request.is_post() ? request.form.get("next") : request.query.get("next"));
    if (request.session && !request.is_post()) return redirect(request, next);
    if (!request.is_post()) return login_form(request, next, "", "");

    std::string username = request.form.get("username");
    std::string password = request.form.get("password");
    if (username.empty() || password.empty()) {
        return login_form(request, next, username, "Please enter a username and password.");
    }
    AdminSite& site = request.site;
    if (auto wait = site.throttle.retry_after(username, request.peer)) {
        // Refused before any password check, so guessing gains nothing while it lasts.
        http::Response response = login_form(
            request, next, username,
            "Too many failed login attempts for this account or from your network. Try again in " + minutes_text(*wait) + ".",
            http::Status::too_many_requests);
        response.set(http::beast_http::field::retry_after, std::to_string(wait->count()));
        return response;
    }
    auto user = auth::authenticate(request.store().users(), site.app.hasher, username, password);
    // AdminAuthenticationForm: only active staff may sign in, with one message for all refusals.
    if (!user || !user->is_staff) {
        site.throttle.record_failure(username, request.peer);
        return login_form(request, next, username, std::string(login_failed_message));
    }
    site.throttle.record_success(username);

    if (request.session) site.sessions.end(request.session->key_hash);
    std::string key = site.sessions.open(*user);
    request.store().users().set_last_login(user->id, store::now());
    request.set_cookies.push_back(set_cookie(session_cookie_name, key,
                                             {.http_only = true, .secure = site.https,
                                              .max_age = static_cast<long>(session_lifetime.count())}));
    // A new CSRF secret at login, as Django's rotate_token.
    request.csrf_token = new_csrf_token();
    request.new_csrf_cookie = true;
    return redirect(request, next);
}

http::Response logout_view(AdminRequest& request) {
    if (request.session) request.site.sessions.end(request.session->key_hash);
    request.session.reset();
    request.set_cookies.push_back(delete_cookie(session_cookie_name, request.site.https));
    boost::json::object data{{"title", "Logged out"}, {"body_class", "logged-out"},
                             {"breadcrumbs", breadcrumbs({})}};
    return render(request, "logged_out", std::move(data));
}

http::Response password_change_view(AdminRequest& request) {
    const store::User& user = request.user();
    boost::json::object data{{"title", "Password change"}, {"body_class", "password-change"},
                             {"breadcrumbs", breadcrumbs({{"Password change", ""}})},
                             {"help_texts", to_json_list(auth::password_validators_help_texts())}};
    if (!request.is_post()) return render(request, "password_change", std::move(data));

    std::string old_password = request.form.get("old_password");
    std::string new_password1 = request.form.get("new_password1");
    std::string new_password2 = request.form.get("new_password2");
    boost::json::object errors;
    if (old_password.empty()) errors["old_password"] = boost::json::array{"This field is required."};
    if (new_password1.empty()) errors["new_password1"] = boost::json::array{"This field is required."};
    if (new_password2.empty()) errors["new_password2"] = boost::json::array{"This field is required."};
    if (!old_password.empty() && !request.site.app.hasher.check_password(old_password, user.password).matches) {
        errors["old_password"] = boost::json::array{"Your old password was entered incorrectly. Please enter it again."};
    }
    if (!new_password1.empty() && !new_password2.empty()) {
        if (new_password1 != new_password2) {
            errors["new_password2"] = boost::json::array{"The two password fields didn’t match."};
        } else if (new_password1.size() > auth::max_password_bytes) {
            errors["new_password2"] = boost::json::array{"This password is too long."};
        } else {
            auto problems = auth::validate_password(new_password2, {user.username, user.first_name, user.last_name, user.email});
            if (!problems.empty()) errors["new_password2"] = to_json_list(problems);
        }
    }
    if (!errors.empty()) {
        data["errors"] = std::move(errors);
        data["has_errors"] = true;
        return render(request, "password_change", std::move(data));
    }
    std::string encoded = request.site.app.hasher.make_password(new_password1);
    request.store().users().set_password(user.id, encoded);
    // Django's update_session_auth_hash: this session lives on, every other one ends.
    request.site.sessions.password_changed(user.id, encoded, request.session->key_hash);
    return redirect(request, "/admin/password_change/done/");
}

http::Response password_change_done_view(AdminRequest& request) {
    boost::json::object data{{"title", "Password change successful"}, {"body_class", "password-change-done"},
                             {"breadcrumbs", breadcrumbs({{"Password change", ""}})}};
    return render(request, "password_change_done", std::move(data));
}

}  // namespace gatehouse::admin
