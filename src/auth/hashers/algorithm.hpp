#pragma once
// The internal shape of one Django hasher: verify an encoded string and summarise it.
// hashers.cpp picks the algorithm from the encoded string (as Django's identify_hasher)
// and adds the policy: unusable passwords, timing equalisation, re-hash decisions.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "auth/hashers.hpp"

namespace gatehouse::auth::hashers {

using gatehouse::auth::max_password_bytes;  // declared in hashers.hpp

enum class Verdict {
    match,
    mismatch,
    // Unparseable, or parameters beyond our bounds: Django would raise (or burn minutes);
    // we never match and treat it as an unknown format.
    malformed,
};

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Algorithm {
    std::string_view name;
    Verdict (*verify)(std::string_view password, std::string_view encoded);
    // Django's safe_summary(); nullopt where Django's decode() would raise.
    std::optional<Fields> (*summarize)(std::string_view encoded);
};

// Algorithms by Django name; nullptr for names we do not know.
const Algorithm* find_algorithm(std::string_view name);

// PBKDF2 specifics that the policy in hashers.cpp needs beyond verify/summarize.
enum class Pbkdf2Digest { sha256, sha1 };
std::string pbkdf2_encode(Pbkdf2Digest digest, std::string_view password, std::string_view salt,
                          std::uint32_t iterations);
struct Pbkdf2Parts {
    std::uint32_t iterations;
    std::string_view salt;
};
std::optional<Pbkdf2Parts> pbkdf2_decode(std::string_view encoded);

// One registry entry per file under hashers/.
extern const Algorithm pbkdf2_sha256_algorithm;
extern const Algorithm pbkdf2_sha1_algorithm;
extern const Algorithm argon2_algorithm;
extern const Algorithm bcrypt_sha256_algorithm;
extern const Algorithm bcrypt_algorithm;
extern const Algorithm scrypt_algorithm;
extern const Algorithm sha1_algorithm;
extern const Algorithm md5_algorithm;
extern const Algorithm unsalted_sha1_algorithm;
extern const Algorithm unsalted_md5_algorithm;
extern const Algorithm crypt_algorithm;

}  // namespace gatehouse::auth::hashers
