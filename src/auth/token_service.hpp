#pragma once
// SimpleJWT's TokenObtainPairSerializer and TokenRefreshSerializer, with gatehouse's
// stricter rules: refresh refuses inactive, deleted and unknown users, and rotation is one
// atomic database step, so a refresh token rotates at most once.
#include "auth/hashers.hpp"
#include "auth/tokens.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace gatehouse::auth {

struct TokenPair {
    std::string access;
    std::string refresh;
};

struct TokenPolicy {
    bool rotate_refresh_tokens = true;
    bool blacklist_after_rotation = true;
};

class TokenService {
public:
    TokenService(const TokenCodec& tokens, const PasswordHasher& hasher, store::Store& store, TokenPolicy policy);

    // Checks the password as Django's ModelBackend does (the dummy hash for unknown users,
    // upgrade of outdated hashes on success), then issues a pair and records the refresh
    // token as outstanding. Throws AuthenticationFailed("No active account ...") for an
    // unknown user, a wrong password or an inactive user alike. Slow on purpose: call it
    // off the I/O threads.
    TokenPair obtain_pair(std::string_view username, std::string_view password, std::int64_t now) const;

    // Validates a refresh token, refuses blacklisted ones and users that are gone or
    // inactive, and returns a new access token and (when rotating) a new refresh token,
    // the old one blacklisted in the same transaction. `refresh` is empty when not rotating.
    TokenPair refresh(std::string_view refresh_token, std::int64_t now) const;

private:
    store::OutstandingToken outstanding(const IssuedToken& token) const;

    const TokenCodec& tokens_;
    const PasswordHasher& hasher_;
    store::Store& store_;
    TokenPolicy policy_;
};

}  // namespace gatehouse::auth
