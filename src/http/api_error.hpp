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
    ApiError(Status status, boost::json::value body);

    // 400 {"<field>": ["<message>", ...], ...}
    static ApiError validation(boost::json::object field_errors);
    static ApiError forbidden();   // "You do not have permission to perform this action."
    static ApiError not_found();   // "Not found."

    Status status() const { return status_; }
    const boost::json::value& body() const { return body_; }

    Response to_response(unsigned version) const;

private:
    Status status_;
    boost::json::value body_;
};

// Every 401: the failure's prebuilt body and the Bearer challenge (credential errors are
// auth::AuthenticationFailure values or AuthenticationFailed exceptions, never ApiErrors).
Response unauthorized_response(const auth::AuthenticationFailure& failure, unsigned version);

inline constexpr std::string_view bearer_challenge_value = "Bearer realm=\"api\"";

}  // namespace gatehouse::http
