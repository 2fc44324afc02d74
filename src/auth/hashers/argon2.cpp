// Django's Argon2PasswordHasher: "argon2" + the PHC string argon2-cffi writes,
// "argon2$<variety>$v=19$m=<KiB>,t=<passes>,p=<lanes>$<b64 salt>$<b64 hash>" (no padding).
// Hashes from argon2-cffi before 16.0 lack "v=" and mean version 0x10; libargon2's own
// decoder reads both, and does the constant-time comparison itself.
#include "auth/hashers/algorithm.hpp"
#include "auth/hashers/encoding.hpp"

#include <argon2.h>

namespace gatehouse::auth::hashers {
namespace {

// Django's default is 100 MiB and 2 passes. Bounds well above any real deployment, so
// a corrupt or hostile stored value cannot make one login allocate gigabytes or spin.
constexpr std::uint64_t max_memory_kib = 1024 * 1024;  // 1 GiB
constexpr std::uint64_t max_passes = 64;
constexpr std::uint64_t max_memory_passes_kib = 4 * 1024 * 1024;  // e.g. 1 GiB x 4 passes
constexpr std::uint64_t max_lanes = 64;

struct Decoded {
    argon2_type type;
    std::string_view variety;
    std::optional<std::uint64_t> version;  // absent in pre-1.3 hashes
    std::uint64_t memory_kib, passes, lanes;
    std::string_view salt_b64, hash_b64;
};

std::optional<std::uint64_t> parse_key(std::string_view text, std::string_view key) {
    if (text.substr(0, key.size()) != key) return std::nullopt;
    return parse_decimal(text.substr(key.size()));
}

std::optional<Decoded> decode(std::string_view encoded) {
    constexpr std::string_view prefix = "argon2$";
    if (encoded.substr(0, prefix.size()) != prefix) return std::nullopt;
    auto parts = split(encoded.substr(prefix.size()), '$');
    Decoded d{};
    if (parts.size() == 5) {
        d.version = parse_key(parts[1], "v=");
        if (!d.version) return std::nullopt;
        parts.erase(parts.begin() + 1);
    } else if (parts.size() != 4) {
        return std::nullopt;
    }
    d.variety = parts[0];
    if (d.variety == "argon2id") {
        d.type = Argon2_id;
    } else if (d.variety == "argon2i") {
        d.type = Argon2_i;
    } else if (d.variety == "argon2d") {
        d.type = Argon2_d;
    } else {
        return std::nullopt;
    }
    // libargon2 insists on this order; argon2-cffi always writes it.
    const auto costs = split(parts[1], ',');
    if (costs.size() != 3) return std::nullopt;
    const auto m = parse_key(costs[0], "m=");
    const auto t = parse_key(costs[1], "t=");
    const auto p = parse_key(costs[2], "p=");
    if (!m || !t || !p) return std::nullopt;
    d.memory_kib = *m;
    d.passes = *t;
    d.lanes = *p;
    d.salt_b64 = parts[2];
    d.hash_b64 = parts[3];
    if (d.salt_b64.empty() || d.hash_b64.empty()) return std::nullopt;
    return d;
}

bool within_bounds(const Decoded& d) {
    return d.memory_kib >= 1 && d.memory_kib <= max_memory_kib && d.passes >= 1 &&
           d.passes <= max_passes && d.memory_kib * d.passes <= max_memory_passes_kib &&
           d.lanes >= 1 && d.lanes <= max_lanes &&
           (!d.version || *d.version == ARGON2_VERSION_10 || *d.version == ARGON2_VERSION_13);
}

Verdict verify(std::string_view password, std::string_view encoded) {
    const auto decoded = decode(encoded);
    if (!decoded || !within_bounds(*decoded)) return Verdict::malformed;
    if (password.size() > max_password_bytes) return Verdict::mismatch;
    // argon2_verify wants the PHC string (from its '$') NUL-terminated.
    const std::string phc(encoded.substr(encoded.find('$')));
    const int rc = argon2_verify(phc.c_str(), password.data(), password.size(), decoded->type);
    if (rc == ARGON2_OK) return Verdict::match;
    if (rc == ARGON2_VERIFY_MISMATCH) return Verdict::mismatch;
    return Verdict::malformed;
}

std::optional<Fields> summarize(std::string_view encoded) {
    const auto decoded = decode(encoded);
    if (!decoded) return std::nullopt;
    const auto salt = base64_decode(decoded->salt_b64);
    if (!salt) return std::nullopt;
    // argon2-cffi's extract_parameters() reports a missing "v=" as 18 (its "Argon v1.2").
    const std::uint64_t version = decoded->version.value_or(18);
    return Fields{
        {"algorithm", "argon2"},
        {"variety", std::string(decoded->variety)},
        {"version", std::to_string(version)},
        {"memory cost", std::to_string(decoded->memory_kib)},
        {"time cost", std::to_string(decoded->passes)},
        {"parallelism", std::to_string(decoded->lanes)},
        {"salt", mask_hash(latin1_to_utf8(*salt))},
        {"hash", mask_hash(decoded->hash_b64)},
    };
}

}  // namespace

const Algorithm argon2_algorithm{"argon2", verify, summarize};

}  // namespace gatehouse::auth::hashers
