#pragma once
// SimpleJWT's tokens: the claims of access and refresh tokens, how they are minted and how
// a presented token is validated (rest_framework_simplejwt/tokens.py). Pure: the clock is
// a parameter, nothing here touches the database (blacklist and rotation live in
// refresh_tokens.hpp).
#include "auth/jwt.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace gatehouse::auth {

enum class TokenType { access, refresh };
std::string_view token_type_name(TokenType type);  // "access", "refresh"

struct TokenClaims {
    TokenType type = TokenType::access;
    std::int64_t exp = 0;  // seconds since the epoch
    std::int64_t iat = 0;
    std::string jti;       // 32 lower-case hex characters when we mint it
    std::int64_t user_id = 0;
};

// Why a token was refused, with SimpleJWT's message for it.
enum class TokenProblem {
    invalid_or_expired,  // "Token is invalid or expired": bad shape, signature, alg, exp, iat types
    wrong_type,          // "Token has wrong type"
    no_id,               // "Token has no id"
    no_user_id,          // "Token contained no recognizable user identification"
};
std::string_view token_problem_message(TokenProblem problem);

struct IssuedToken {
    std::string token;
    TokenClaims claims;
};

struct TokenLifetimes {
    std::int64_t access_seconds = 3600;
    std::int64_t refresh_seconds = 86400;
};

class TokenCodec {
public:
    // Throws std::invalid_argument unless both lifetimes are within 1 second..10 years.
    TokenCodec(JwsCodec jws, TokenLifetimes lifetimes);

    // Claims written in SimpleJWT's order: token_type, exp, iat, jti, user_id (an integer).
    // Throws std::out_of_range if now + lifetime overflows, std::runtime_error if OpenSSL
    // fails (no randomness).
    IssuedToken issue(TokenType type, std::int64_t user_id, std::int64_t now) const;

    // Checks, in SimpleJWT's order: signature and shape (JwsCodec::decode), then PyJWT's
    // claim checks, iat (an integer when present, not after `now`), nbf (an integer when
    // present, not after `now`), exp (an integer, expired when exp <= now, as PyJWT);
    // then SimpleJWT's Token.verify: exp present, jti (a non-empty string), token_type equal
    // to `expected` (missing counts as wrong); then user_id (an integer, or the canonical
    // decimal string SimpleJWT 5.5.1 writes, within 1..2^63-1). Booleans and floats are never
    // integers here, where PyJWT would int() them. A token without iat is accepted, as by
    // SimpleJWT, and reports iat 0. SimpleJWT 5.2.2 checks user_id only when authenticating
    // (never on refresh); checking it here refuses the same tokens with the same 401.
    // tests/auth/tokens_test.cpp lists each case with SimpleJWT's own answer beside ours.
    std::variant<TokenClaims, TokenProblem> validate(std::string_view token, TokenType expected,
                                                     std::int64_t now) const;

    const TokenLifetimes& lifetimes() const { return lifetimes_; }

private:
    JwsCodec jws_;
    TokenLifetimes lifetimes_;
};

}  // namespace gatehouse::auth
