#pragma once
// An error that ends a request, carrying the exact response DRF would send for it. Thrown
// by handlers and services; the router is the one place that turns it into a response.
#include "auth/authentication_failed.hpp"
#include "http/message.hpp"

#include <boost/json/value.hpp>

#include <stdexcept>
#include <string_view>

namespace gatehouse::http {

class ApiError : public std::runtime_error {
public:
    ApiError(Status status, boost::json::value body, bool bearer_challenge = false);

    // 400 {"<field>": ["<message>", ...], ...}
    static ApiError validation(boost::json::object field_errors);
    // 401 with WWW-Authenticate: Bearer realm="api"; code is omitted when empty.
    static ApiError unauthorized(std::string_view detail, std::string_view code = {});
    static ApiError forbidden();   // "You do not have permission to perform this action."
    static ApiError not_found();   // "Not found."

    Status status() const { return status_; }
    const boost::json::value& body() const { return body_; }
    bool bearer_challenge() const { return bearer_challenge_; }

    Response to_response(unsigned version) const;

private:
    Status status_;
    boost::json::value body_;
    bool bearer_challenge_;
};

// 401 with the failure's prebuilt body and the Bearer challenge.
Response unauthorized_response(const auth::AuthenticationFailure& failure, unsigned version);

inline constexpr std::string_view bearer_challenge_value = "Bearer realm=\"api\"";

}  // namespace gatehouse::http
