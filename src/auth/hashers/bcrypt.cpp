// Django's BCryptSHA256PasswordHasher and BCryptPasswordHasher:
// "bcrypt_sha256$" / "bcrypt$" + the modular-crypt string "$2b$<cost>$<22 salt><31 hash>".
// bcrypt_sha256 first turns the password into the 64 hex characters of its SHA-256, so
// bcrypt's 72-byte truncation does not apply (Django ticket #20138).
#include "auth/hashers/algorithm.hpp"
#include "auth/hashers/encoding.hpp"
#include "auth/hashers/primitives.hpp"

namespace gatehouse::auth::hashers {
namespace {

// Django uses 12. Each step doubles the work; 16 is about 16 times Django's default
// (seconds per login), so larger costs are refused rather than honoured.
constexpr std::uint64_t max_cost = 16;
constexpr std::size_t setting_length = 29;  // "$2b$12$" + 22 salt characters
constexpr std::size_t hash_length = 60;

// The modular-crypt part after "<algorithm>$", checked before libxcrypt sees it.
std::optional<std::uint64_t> cost_of(std::string_view data) {
    if (data.size() != hash_length) return std::nullopt;
    const auto variant = data.substr(0, 4);
    if (variant != "$2a$" && variant != "$2b$" && variant != "$2y$") return std::nullopt;
    if (data[6] != '$') return std::nullopt;
    return parse_decimal(data.substr(4, 2));
}

template <bool prehash>
Verdict verify(std::string_view password, std::string_view encoded) {
    constexpr std::string_view name = prehash ? "bcrypt_sha256" : "bcrypt";
    const auto parts = split(encoded, '$', 1);
    if (parts.size() != 2 || parts[0] != name) return Verdict::malformed;
    const std::string_view data = parts[1];
    const auto cost = cost_of(data);
    if (!cost || *cost < 4 || *cost > max_cost) return Verdict::malformed;
    if (password.size() > max_password_bytes) return Verdict::mismatch;
    const std::string secret = prehash ? hex_encode(sha256(password)) : std::string(password);
    const auto again = unix_crypt(secret, data.substr(0, setting_length));
    if (!again) {
        // A NUL in a plain-bcrypt password is the caller's input, not a bad stored hash.
        return secret.find('\0') != std::string::npos ? Verdict::mismatch : Verdict::malformed;
    }
    return constant_time_equals(data, *again) ? Verdict::match : Verdict::mismatch;
}

// Django's decode(): encoded.split('$', 4) -> algorithm, '', algostr, work factor, data.
std::optional<Fields> summarize(std::string_view encoded) {
    const auto parts = split(encoded, '$', 4);
    if (parts.size() != 5) return std::nullopt;
    const auto work_factor = parse_decimal(parts[3]);
    if (!work_factor) return std::nullopt;
    const std::string_view data = parts[4];
    return Fields{
        {"algorithm", std::string(parts[0])},
        {"work factor", std::to_string(*work_factor)},
        {"salt", mask_hash(data.substr(0, 22))},
        {"checksum", mask_hash(data.size() > 22 ? data.substr(22) : std::string_view{})},
    };
}

}  // namespace

const Algorithm bcrypt_sha256_algorithm{"bcrypt_sha256", verify<true>, summarize};
const Algorithm bcrypt_algorithm{"bcrypt", verify<false>, summarize};

}  // namespace gatehouse::auth::hashers
