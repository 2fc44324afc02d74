// Django's PBKDF2PasswordHasher and PBKDF2SHA1PasswordHasher:
// "<algorithm>$<iterations>$<salt>$<base64 of PBKDF2-HMAC, digest-sized>".
#include "auth/hashers/algorithm.hpp"
#include "auth/hashers/encoding.hpp"
#include "auth/hashers/pbkdf2_sha256.hpp"

#include <openssl/evp.h>

#include <stdexcept>

namespace gatehouse::auth::hashers {
namespace {

// Django 6.1 uses 1.5 million; a hundred million would take most of a minute. Anything
// beyond is a hostile or corrupt value, not a hash a Django ever wrote.
constexpr std::uint64_t max_pbkdf2_iterations = 100'000'000;

std::string_view name_of(Pbkdf2Digest digest) {
    return digest == Pbkdf2Digest::sha256 ? "pbkdf2_sha256" : "pbkdf2_sha1";
}

struct Decoded {
    std::string_view algorithm;
    std::uint32_t iterations;
    std::string_view salt;
    std::string_view hash;
};

// Django's decode(): encoded.split('$', 3) into exactly four parts.
std::optional<Decoded> decode(std::string_view encoded) {
    const auto parts = split(encoded, '$', 3);
    if (parts.size() != 4) return std::nullopt;
    const auto iterations = parse_decimal(parts[1]);
    // Django asserts a non-empty salt when re-encoding.
    if (!iterations || *iterations == 0 || *iterations > max_pbkdf2_iterations || parts[2].empty()) {
        return std::nullopt;
    }
    return Decoded{parts[0], std::uint32_t(*iterations), parts[2], parts[3]};
}

template <Pbkdf2Digest digest>
Verdict verify(std::string_view password, std::string_view encoded) {
    const auto decoded = decode(encoded);
    if (!decoded || decoded->algorithm != name_of(digest)) return Verdict::malformed;
    if (password.size() > max_password_bytes) return Verdict::mismatch;
    // Django re-encodes and compares the whole string, so a non-canonical stored value
    // (leading zeros, other padding) never matches; we do the same.
    const auto again = pbkdf2_encode(digest, password, decoded->salt, decoded->iterations);
    return constant_time_equals(encoded, again) ? Verdict::match : Verdict::mismatch;
}

std::optional<Fields> summarize(std::string_view encoded) {
    const auto decoded = decode(encoded);
    if (!decoded) return std::nullopt;
    return Fields{
        {"algorithm", std::string(decoded->algorithm)},
        {"iterations", std::to_string(decoded->iterations)},
        {"salt", mask_hash(decoded->salt)},
        {"hash", mask_hash(decoded->hash)},
    };
}

}  // namespace

std::string pbkdf2_encode(Pbkdf2Digest digest, std::string_view password, std::string_view salt,
                          std::uint32_t iterations) {
    const EVP_MD* md = digest == Pbkdf2Digest::sha256 ? EVP_sha256() : EVP_sha1();
    std::string key(std::size_t(EVP_MD_get_size(md)), '\0');
    if (digest == Pbkdf2Digest::sha256) {
        // The hot path of every login: two compressions per iteration (pbkdf2_sha256.hpp).
        const auto derived = pbkdf2_hmac_sha256(password, salt, iterations);
        key.assign(reinterpret_cast<const char*>(derived.data()), derived.size());
    } else if (PKCS5_PBKDF2_HMAC(password.data(), int(password.size()),
                          reinterpret_cast<const unsigned char*>(salt.data()), int(salt.size()),
                          int(iterations), md, int(key.size()),
                          reinterpret_cast<unsigned char*>(key.data())) != 1) {
        throw std::runtime_error("PKCS5_PBKDF2_HMAC failed");
    }
    std::string out(name_of(digest));
    out += '$';
    out += std::to_string(iterations);
    out += '$';
    out += salt;
    out += '$';
    out += base64_encode(key);
    return out;
}

std::optional<Pbkdf2Parts> pbkdf2_decode(std::string_view encoded) {
    const auto decoded = decode(encoded);
    if (!decoded) return std::nullopt;
    return Pbkdf2Parts{decoded->iterations, decoded->salt};
}

const Algorithm pbkdf2_sha256_algorithm{"pbkdf2_sha256", verify<Pbkdf2Digest::sha256>, summarize};
const Algorithm pbkdf2_sha1_algorithm{"pbkdf2_sha1", verify<Pbkdf2Digest::sha1>, summarize};

}  // namespace gatehouse::auth::hashers
