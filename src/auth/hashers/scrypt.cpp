// Django's ScryptPasswordHasher (Django >= 4.0):
// "scrypt$<n>$<salt>$<r>$<p>$<base64 of the 64-byte key>".
#include "auth/hashers/algorithm.hpp"
#include "auth/hashers/encoding.hpp"

#include <openssl/evp.h>

namespace gatehouse::auth::hashers {
namespace {

constexpr std::size_t key_length = 64;
// Memory is bounded by OpenSSL's default limit of 32 MiB (maxmem = 0), exactly as Django's
// hashlib.scrypt(maxmem=0) call is, so larger n * r fails there too. Time also grows with
// p, which that limit does not bound: Django uses 1.
constexpr std::uint64_t max_parallelism = 16;
constexpr std::uint64_t max_block_size = 1024;

struct Decoded {
    std::uint64_t n, r, p;
    std::string_view salt, hash;
};

// Django's decode(): exactly six '$'-separated parts.
std::optional<Decoded> decode(std::string_view encoded) {
    const auto parts = split(encoded, '$');
    if (parts.size() != 6 || parts[0] != "scrypt") return std::nullopt;
    const auto n = parse_decimal(parts[1]);
    const auto r = parse_decimal(parts[3]);
    const auto p = parse_decimal(parts[4]);
    if (!n || !r || !p) return std::nullopt;
    return Decoded{*n, *r, *p, parts[2], parts[5]};
}

bool within_bounds(const Decoded& d) {
    const bool n_power_of_two = d.n >= 2 && (d.n & (d.n - 1)) == 0 && d.n <= (1ULL << 30);
    return n_power_of_two && d.r >= 1 && d.r <= max_block_size && d.p >= 1 &&
           d.p <= max_parallelism && !d.salt.empty();
}

Verdict verify(std::string_view password, std::string_view encoded) {
    const auto decoded = decode(encoded);
    if (!decoded || !within_bounds(*decoded)) return Verdict::malformed;
    if (password.size() > max_password_bytes) return Verdict::mismatch;
    unsigned char key[key_length];
    if (EVP_PBE_scrypt(password.data(), password.size(),
                       reinterpret_cast<const unsigned char*>(decoded->salt.data()),
                       decoded->salt.size(), decoded->n, decoded->r, decoded->p, 0, key,
                       key_length) != 1) {
        return Verdict::malformed;  // over the memory limit, as in Django
    }
    // Re-encode and compare the whole string, as Django does.
    std::string again = "scrypt$" + std::to_string(decoded->n) + '$' + std::string(decoded->salt) +
                        '$' + std::to_string(decoded->r) + '$' + std::to_string(decoded->p) + '$' +
                        base64_encode({reinterpret_cast<const char*>(key), key_length});
    return constant_time_equals(encoded, again) ? Verdict::match : Verdict::mismatch;
}

std::optional<Fields> summarize(std::string_view encoded) {
    const auto decoded = decode(encoded);
    if (!decoded) return std::nullopt;
    return Fields{
        {"algorithm", "scrypt"},
        {"work factor", std::to_string(decoded->n)},
        {"block size", std::to_string(decoded->r)},
        {"parallelism", std::to_string(decoded->p)},
        {"salt", mask_hash(decoded->salt)},
        {"hash", mask_hash(decoded->hash)},
    };
}

}  // namespace

const Algorithm scrypt_algorithm{"scrypt", verify, summarize};

}  // namespace gatehouse::auth::hashers
