#pragma once
// A refused credential, carrying SimpleJWT's wire message for it. The router answers it
// with a 401, `WWW-Authenticate: Bearer realm="api"` and the body
// {"detail": detail, "code": code, "messages": messages} (empty members omitted).
#include "store/types.hpp"

#include <boost/json/array.hpp>

#include <optional>
#include <stdexcept>
#include <string>

namespace gatehouse::auth {

struct AuthenticationFailure {
    AuthenticationFailure(std::string detail, std::string code = {}, boost::json::array messages = {});

    std::string detail;
    std::string code;
    boost::json::array messages;
    std::string body;  // the serialized 401 body, built once
};

// What authenticating a request found: nothing (an anonymous request), a user, or a
// refusal. Refusals of the Bearer authentication are constants, so a rejected request costs
// no exception and no JSON work.
struct AuthenticationResult {
    std::optional<store::User> user;
    const AuthenticationFailure* refusal = nullptr;
};

// The same refusal as an exception, for services whose callers cannot go on (the token
// endpoints).
class AuthenticationFailed : public std::runtime_error {
public:
    explicit AuthenticationFailed(AuthenticationFailure failure)
        : std::runtime_error(failure.detail), failure_(std::move(failure)) {}
    AuthenticationFailed(std::string detail, std::string code = {}, boost::json::array messages = {})
        : AuthenticationFailed(AuthenticationFailure(std::move(detail), std::move(code), std::move(messages))) {}

    const AuthenticationFailure& failure() const { return failure_; }

private:
    AuthenticationFailure failure_;
};

// SimpleJWT's messages, shared by the token views and the Bearer authentication.
inline constexpr const char* no_active_account_message = "No active account found with the given credentials";
inline constexpr const char* token_not_valid_code = "token_not_valid";

}  // namespace gatehouse::auth
