#pragma once
// JWS compact serialization with HMAC (RFC 7515), as PyJWT writes and reads it for
// SimpleJWT. Pure: bytes in, values out. The algorithm is pinned by configuration; the
// token's own "alg" header must name exactly that algorithm ("none" never does).
#include <boost/json/object.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace gatehouse::auth {

enum class JwtAlgorithm { hs256, hs384, hs512 };

std::optional<JwtAlgorithm> parse_jwt_algorithm(std::string_view name);  // "HS256", ...
std::string_view jwt_algorithm_name(JwtAlgorithm algorithm);

class JwsCodec {
public:
    // key: the raw signing key bytes (SimpleJWT's SIGNING_KEY, UTF-8 encoded). The keyed
    // HMAC state is prepared here once and shared by copies (it is never modified), so
    // copying a codec is cheap. Throws std::runtime_error if OpenSSL cannot provide HMAC.
    JwsCodec(std::string key, JwtAlgorithm algorithm);

    // header {"alg":"HS256","typ":"JWT"} as PyJWT 2.x writes it; claims serialized in
    // their insertion order. For ASCII claims with integer and string values the token is
    // byte-identical to PyJWT's jwt.encode(claims, key, algorithm); non-ASCII strings
    // differ in escaping only (Python writes \uXXXX), which both sides read the same.
    std::string encode(const boost::json::object& claims) const;

    // The payload object when the token is three base64url parts, the header is a JSON
    // object whose "alg" is the pinned algorithm, the signature matches (compared in
    // constant time) and the payload is a JSON object; nullopt otherwise. Claims are not
    // checked here (see tokens.hpp). Tokens longer than max_token_size are refused unread.
    // Header rules follow PyJWT 2.6: "kid" must be a string when present (and is never
    // used), "b64": false (a detached payload) is refused, "typ" and others are ignored.
    // Stricter than PyJWT: any "crit" is refused (PyJWT accepts only ["b64"], which nobody
    // sends), base64url must be canonical, JSON nesting is limited to max_json_depth.
    // Duplicate JSON keys: the last value wins, as in Python's json, so Django and
    // gatehouse read the same claims from the same token.
    std::optional<boost::json::object> decode(std::string_view token) const;

    JwtAlgorithm algorithm() const { return algorithm_; }

    static constexpr std::size_t max_token_size = 8192;
    static constexpr std::size_t max_json_depth = 32;

    struct Keyed;  // opaque: the prepared HMAC state, defined in jwt.cpp

private:
    std::shared_ptr<const Keyed> keyed_;
    JwtAlgorithm algorithm_;
};

}  // namespace gatehouse::auth
