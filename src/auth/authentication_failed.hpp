#pragma once
// A refused credential, carrying SimpleJWT's wire message for it. The router maps it to a
// 401 with `WWW-Authenticate: Bearer realm="api"` and the body
// {"detail": detail, "code": code, "messages": messages} (empty members omitted).
#include <boost/json/array.hpp>

#include <stdexcept>
#include <string>

namespace gatehouse::auth {

class AuthenticationFailed : public std::runtime_error {
public:
    AuthenticationFailed(std::string detail, std::string code = {}, boost::json::array messages = {})
        : std::runtime_error(detail), detail_(std::move(detail)), code_(std::move(code)), messages_(std::move(messages)) {}

    const std::string& detail() const { return detail_; }
    const std::string& code() const { return code_; }
    const boost::json::array& messages() const { return messages_; }

private:
    std::string detail_;
    std::string code_;
    boost::json::array messages_;
};

// SimpleJWT's messages, shared by the token views and the Bearer authentication.
inline constexpr const char* no_active_account_message = "No active account found with the given credentials";
inline constexpr const char* token_not_valid_code = "token_not_valid";

}  // namespace gatehouse::auth
