#include "auth/token_service.hpp"

#include "auth/authentication_failed.hpp"
#include "auth/model_backend.hpp"

#include <chrono>

namespace gatehouse::auth {
namespace {

store::Timestamp from_epoch_seconds(std::int64_t seconds) {
    return store::Timestamp(std::chrono::seconds(seconds));
}

[[noreturn]] void refuse_token(std::string_view detail) {
    throw AuthenticationFailed(std::string(detail), token_not_valid_code);
}

}  // namespace

TokenService::TokenService(const TokenCodec& tokens, const PasswordHasher& hasher, store::Store& store,
                           TokenPolicy policy)
    : tokens_(tokens), hasher_(hasher), store_(store), policy_(policy) {}

store::OutstandingToken TokenService::outstanding(const IssuedToken& token) const {
    return store::OutstandingToken{token.claims.jti, token.token, token.claims.user_id,
                                   from_epoch_seconds(token.claims.iat), from_epoch_seconds(token.claims.exp)};
}

TokenPair TokenService::obtain_pair(std::string_view username, std::string_view password, std::int64_t now) const {
    auto user = authenticate(store_.users(), hasher_, username, password);
    if (!user) throw AuthenticationFailed(no_active_account_message);

    IssuedToken refresh = tokens_.issue(TokenType::refresh, user->id, now);
    IssuedToken access = tokens_.issue(TokenType::access, user->id, now);
    store_.tokens().record_outstanding(outstanding(refresh));
    return {access.token, refresh.token};
}

TokenPair TokenService::refresh(std::string_view refresh_token, std::int64_t now) const {
    auto result = tokens_.validate(refresh_token, TokenType::refresh, now);
    if (auto* problem = std::get_if<TokenProblem>(&result)) refuse_token(token_problem_message(*problem));
    const auto& claims = std::get<TokenClaims>(result);
    if (store_.tokens().is_blacklisted(claims.jti)) refuse_token("Token is blacklisted");

    // SimpleJWT 5.4+: the user must still exist and be active (5.2 did not look).
    auto user = store_.users().find_by_id(claims.user_id);
    if (!user || !user->is_active) throw AuthenticationFailed(no_active_account_message, "no_active_account");

    TokenPair pair;
    pair.access = tokens_.issue(TokenType::access, user->id, now).token;
    if (!policy_.rotate_refresh_tokens) return pair;

    IssuedToken rotated = tokens_.issue(TokenType::refresh, user->id, now);
    store::OutstandingToken old{claims.jti, std::string(refresh_token), claims.user_id,
                                from_epoch_seconds(claims.iat), from_epoch_seconds(claims.exp)};
    if (policy_.blacklist_after_rotation) {
        // Of concurrent rotations of one token exactly one wins; the others see it
        // blacklisted, as a request arriving a moment later would.
        if (!store_.tokens().rotate(old, outstanding(rotated))) refuse_token("Token is blacklisted");
    } else {
        store_.tokens().record_outstanding(outstanding(rotated));
    }
    pair.refresh = rotated.token;
    return pair;
}

}  // namespace gatehouse::auth
