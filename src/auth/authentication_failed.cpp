#include "auth/authentication_failed.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace gatehouse::auth {

AuthenticationFailure::AuthenticationFailure(std::string detail_in, std::string code_in, boost::json::array messages_in)
    : detail(std::move(detail_in)), code(std::move(code_in)), messages(std::move(messages_in)) {
    boost::json::object json{{"detail", detail}};
    if (!code.empty()) json["code"] = code;
    if (!messages.empty()) json["messages"] = messages;
    body = boost::json::serialize(json);
}

}  // namespace gatehouse::auth
