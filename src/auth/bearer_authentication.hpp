#pragma once
// SimpleJWT's JWTAuthentication: "Authorization: Bearer <access token>" to an active user.
// The user is read from the database on every request, so deactivation, deletion and
// permission changes take effect at once.
#include "auth/authentication_failed.hpp"
#include "auth/tokens.hpp"
#include "store/store.hpp"

#include <optional>
#include <string_view>

namespace gatehouse::auth {

class BearerAuthentication {
public:
    BearerAuthentication(const TokenCodec& tokens, store::UserRepository& users);

    // Neither user nor refusal when the header is absent or names another scheme (the
    // request is then anonymous); the active user when the token is good; otherwise a
    // refusal with SimpleJWT's message (a constant that outlives the call).
    AuthenticationResult authenticate(std::string_view authorization_header, std::int64_t now) const;

private:
    const TokenCodec& tokens_;
    store::UserRepository& users_;
};

}  // namespace gatehouse::auth
