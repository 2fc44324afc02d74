#include "auth/tokens.hpp"

#include <boost/json/object.hpp>
#include <openssl/rand.h>

#include <limits>
#include <optional>
#include <stdexcept>

namespace gatehouse::auth {

std::string_view token_type_name(TokenType type) {
    return type == TokenType::refresh ? "refresh" : "access";
}

std::string_view token_problem_message(TokenProblem problem) {
    switch (problem) {
    case TokenProblem::invalid_or_expired: return "Token is invalid or expired";
    case TokenProblem::wrong_type: return "Token has wrong type";
    case TokenProblem::no_id: return "Token has no id";
    case TokenProblem::no_user_id: return "Token contained no recognizable user identification";
    }
    return "Token is invalid or expired";
}

namespace {

// Ten years bounds both a misconfiguration and `now + lifetime` far from overflow.
constexpr std::int64_t max_lifetime_seconds = 10LL * 366 * 24 * 60 * 60;

// An integer claim as Python's json reads it into an int, without PyJWT's int() laxity:
// booleans, floats ("1.0", "1e3") and strings are not integers here.
std::optional<std::int64_t> integer_claim(const boost::json::value& value) {
    if (value.is_int64()) return value.get_int64();
    return std::nullopt;  // uint64 only when above INT64_MAX
}

// SimpleJWT 5.2 writes user_id as a JSON integer, 5.5.1 as str(pk). Only the canonical
// decimal form is read: "0012" or "+12" would find user 12 in Django, but no issuer writes
// them, and one spelling per user keeps the claim unambiguous.
std::optional<std::int64_t> user_id_claim(const boost::json::value& value) {
    std::int64_t id = 0;
    if (value.is_int64()) {
        id = value.get_int64();
    } else if (value.is_string()) {
        const boost::json::string& text = value.get_string();
        if (text.empty() || text.size() > 19 || text.front() == '0') return std::nullopt;
        for (char c : text) {
            if (c < '0' || c > '9') return std::nullopt;
            const int digit = c - '0';
            if (id > (std::numeric_limits<std::int64_t>::max() - digit) / 10) return std::nullopt;
            id = id * 10 + digit;
        }
    } else {
        return std::nullopt;
    }
    if (id < 1) return std::nullopt;
    return id;
}

std::string random_jti() {
    // SimpleJWT uses uuid4().hex, whose version and variant nibbles are fixed; we use all
    // 128 bits random. Same shape (32 lower-case hex characters), nobody parses it as a UUID.
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("OpenSSL: RAND_bytes failed");
    static constexpr char hex[] = "0123456789abcdef";
    std::string jti(32, '0');
    for (std::size_t i = 0; i < sizeof bytes; ++i) {
        jti[2 * i] = hex[bytes[i] >> 4];
        jti[2 * i + 1] = hex[bytes[i] & 0x0f];
    }
    return jti;
}

}  // namespace

TokenCodec::TokenCodec(JwsCodec jws, TokenLifetimes lifetimes)
    : jws_(std::move(jws)), lifetimes_(lifetimes) {
    for (std::int64_t seconds : {lifetimes.access_seconds, lifetimes.refresh_seconds}) {
        if (seconds < 1 || seconds > max_lifetime_seconds)
            throw std::invalid_argument("token lifetime must be between 1 second and 10 years");
    }
}

IssuedToken TokenCodec::issue(TokenType type, std::int64_t user_id, std::int64_t now) const {
    const std::int64_t lifetime =
        type == TokenType::refresh ? lifetimes_.refresh_seconds : lifetimes_.access_seconds;
    TokenClaims claims;
    claims.type = type;
    if (__builtin_add_overflow(now, lifetime, &claims.exp))
        throw std::out_of_range("token expiry overflows");
    claims.iat = now;
    claims.jti = random_jti();
    claims.user_id = user_id;

    // SimpleJWT's order: Token.__init__ sets token_type, exp, iat, jti; for_user adds user_id.
    boost::json::object payload;
    payload.reserve(5);
    payload.emplace("token_type", token_type_name(type));
    payload.emplace("exp", claims.exp);
    payload.emplace("iat", claims.iat);
    payload.emplace("jti", claims.jti);
    payload.emplace("user_id", claims.user_id);
    return IssuedToken{jws_.encode(payload), std::move(claims)};
}

std::variant<TokenClaims, TokenProblem> TokenCodec::validate(std::string_view token,
                                                             TokenType expected,
                                                             std::int64_t now) const {
    const auto payload = jws_.decode(token);
    if (!payload) return TokenProblem::invalid_or_expired;
    TokenClaims claims;

    // PyJWT's _validate_claims: iat, nbf, exp, each checked only when present.
    if (const auto* iat = payload->if_contains("iat")) {
        const auto value = integer_claim(*iat);
        if (!value || *value > now) return TokenProblem::invalid_or_expired;
        claims.iat = *value;
    }
    if (const auto* nbf = payload->if_contains("nbf")) {
        const auto value = integer_claim(*nbf);
        if (!value || *value > now) return TokenProblem::invalid_or_expired;
    }
    // PyJWT: expired when exp <= now, so a token dies at the second its exp names.
    // SimpleJWT's Token.verify then requires exp to be present.
    const auto* exp = payload->if_contains("exp");
    if (exp == nullptr) return TokenProblem::invalid_or_expired;
    const auto exp_value = integer_claim(*exp);
    if (!exp_value || *exp_value <= now) return TokenProblem::invalid_or_expired;
    claims.exp = *exp_value;

    // SimpleJWT only asks that jti be present; we also want the non-empty string the
    // blacklist stores.
    const auto* jti = payload->if_contains("jti");
    if (jti == nullptr || !jti->is_string() || jti->get_string().empty())
        return TokenProblem::no_id;
    claims.jti = jti->get_string();

    // SimpleJWT says "Token has no type" when the claim is missing; both are a refusal.
    const auto* type = payload->if_contains("token_type");
    if (type == nullptr || !type->is_string() || type->get_string() != token_type_name(expected))
        return TokenProblem::wrong_type;
    claims.type = expected;

    // SimpleJWT 5.2.2 reads user_id only in JWTAuthentication.get_user (and refresh never
    // reads it); checking it here gives the same 401 earlier and keeps refresh honest.
    const auto* user_id = payload->if_contains("user_id");
    const auto user_id_value = user_id != nullptr ? user_id_claim(*user_id) : std::nullopt;
    if (!user_id_value) return TokenProblem::no_user_id;
    claims.user_id = *user_id_value;
    return claims;
}

}  // namespace gatehouse::auth
