#pragma once
// base64url without padding (RFC 4648 section 5, RFC 7515 section 2), the encoding of JWS
// parts. Decoding is strict, so every byte string has exactly one accepted text: no "=",
// no characters outside [A-Za-z0-9_-], no whitespace, and unused trailing bits must be
// zero. (Python's urlsafe_b64decode, which PyJWT uses, is laxer; what PyJWT writes is
// always canonical, so the strictness costs no interoperability.)
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace gatehouse::auth {

constexpr std::size_t base64url_encoded_size(std::size_t bytes) {
    return bytes / 3 * 4 + (bytes % 3 == 0 ? 0 : bytes % 3 + 1);
}

// nullopt when no byte string encodes to `text_size` characters (a remainder of 1 mod 4).
std::optional<std::size_t> base64url_decoded_size(std::size_t text_size);

std::string base64url_encode(std::string_view bytes);
void base64url_encode_append(std::string_view bytes, std::string& out);

std::optional<std::string> base64url_decode(std::string_view text);

// Decodes into `out` without allocating; returns the number of bytes written, or nullopt
// when `text` is not canonical base64url or does not fit.
std::optional<std::size_t> base64url_decode_to(std::string_view text,
                                               std::span<unsigned char> out);

}  // namespace gatehouse::auth
