#pragma once
// Byte-level helpers shared by the hasher implementations: Django's encoded strings are
// '$'-separated ASCII with base64 or hex payloads, compared in constant time.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gatehouse::auth::hashers {

// Standard alphabet with '=' padding, as Python's base64.b64encode.
std::string base64_encode(std::string_view bytes);
// Standard alphabet; padding optional (PHC strings drop it). Rejects anything else.
std::optional<std::string> base64_decode(std::string_view text);
std::string hex_encode(std::string_view bytes);  // lowercase, as hexdigest()

// Python's str.split(sep, maxsplit): at most maxsplit + 1 parts.
std::vector<std::string_view> split(std::string_view text, char sep, std::size_t maxsplit = SIZE_MAX);

// Plain decimal digits only, no sign, no spaces, at most 18 digits: encoded hashes that
// Python's int() would read differently never re-encode to the same string anyway.
std::optional<std::uint64_t> parse_decimal(std::string_view text);

// Django's constant_time_compare (hmac.compare_digest): length may leak, content does not.
bool constant_time_equals(std::string_view a, std::string_view b);

// Django's get_random_string over [a-zA-Z0-9], from the OpenSSL CSPRNG.
std::string random_string(std::size_t length);

// Django's mask_hash: the first `show` characters, then one '*' per remaining character.
// Characters are UTF-8 code points, as Python slices str.
std::string mask_hash(std::string_view hash, std::size_t show = 6);

// Bytes read as Latin-1 (Django decodes argon2 salts so), re-encoded as UTF-8 for display.
std::string latin1_to_utf8(std::string_view bytes);

}  // namespace gatehouse::auth::hashers
