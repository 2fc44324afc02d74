// Django's legacy hashers, still accepted so old databases keep working (and re-hashed
// on the next login): salted "sha1$<salt>$<hex>" and "md5$<salt>$<hex>", unsalted
// "sha1$$<hex>", bare 32-hex MD5 or "md5$$<hex>", and "crypt$$<13-char DES crypt>".
#include "auth/hashers/algorithm.hpp"
#include "auth/hashers/encoding.hpp"
#include "auth/hashers/primitives.hpp"

namespace gatehouse::auth::hashers {
namespace {

using Digest = std::string (*)(std::string_view);

// "<algorithm>$<salt>$<hex(digest(salt + password))>"
template <Digest digest>
Verdict verify_salted(std::string_view password, std::string_view encoded) {
    const auto parts = split(encoded, '$', 2);
    // Django asserts a non-empty salt when re-encoding.
    if (parts.size() != 3 || parts[1].empty()) return Verdict::malformed;
    if (password.size() > max_password_bytes) return Verdict::mismatch;
    std::string again(parts[0]);
    again += '$';
    again += parts[1];
    again += '$';
    again += hex_encode(digest(std::string(parts[1]) + std::string(password)));
    return constant_time_equals(encoded, again) ? Verdict::match : Verdict::mismatch;
}

std::optional<Fields> summarize_salted(std::string_view encoded) {
    const auto parts = split(encoded, '$', 2);
    if (parts.size() != 3) return std::nullopt;
    return Fields{
        {"algorithm", std::string(parts[0])},
        {"salt", mask_hash(parts[1], 2)},
        {"hash", mask_hash(parts[2])},
    };
}

Verdict verify_unsalted_sha1(std::string_view password, std::string_view encoded) {
    if (password.size() > max_password_bytes) return Verdict::mismatch;
    const std::string again = "sha1$$" + hex_encode(sha1(password));
    return constant_time_equals(encoded, again) ? Verdict::match : Verdict::mismatch;
}

std::optional<Fields> summarize_unsalted_sha1(std::string_view encoded) {
    return Fields{
        {"algorithm", "unsalted_sha1"},
        {"hash", mask_hash(encoded.substr(6))},
    };
}

Verdict verify_unsalted_md5(std::string_view password, std::string_view encoded) {
    if (encoded.size() == 37 && encoded.substr(0, 5) == "md5$$") encoded.remove_prefix(5);
    if (password.size() > max_password_bytes) return Verdict::mismatch;
    return constant_time_equals(encoded, hex_encode(md5(password))) ? Verdict::match
                                                                     : Verdict::mismatch;
}

std::optional<Fields> summarize_unsalted_md5(std::string_view encoded) {
    // Django masks the whole stored value, "md5$$" prefix included.
    return Fields{
        {"algorithm", "unsalted_md5"},
        {"hash", mask_hash(encoded, 3)},
    };
}

// Django writes traditional DES crypt only (a 2-character salt). Other crypt(3) methods
// a stored value could name carry their own, unbounded cost parameters ("$5$rounds=...",
// yescrypt), so only the 13-character DES form is accepted.
bool is_des_crypt(std::string_view hash) {
    if (hash.size() != 13) return false;
    for (char c : hash) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '/';
        if (!ok) return false;
    }
    return true;
}

Verdict verify_crypt(std::string_view password, std::string_view encoded) {
    const auto parts = split(encoded, '$', 2);
    if (parts.size() != 3 || parts[0] != "crypt" || !is_des_crypt(parts[2])) {
        return Verdict::malformed;
    }
    if (password.size() > max_password_bytes) return Verdict::mismatch;
    const auto again = unix_crypt(password, parts[2]);
    if (!again) return Verdict::mismatch;  // a NUL in the password
    return constant_time_equals(parts[2], *again) ? Verdict::match : Verdict::mismatch;
}

std::optional<Fields> summarize_crypt(std::string_view encoded) {
    const auto parts = split(encoded, '$', 2);
    if (parts.size() != 3) return std::nullopt;
    return Fields{
        {"algorithm", std::string(parts[0])},
        {"salt", std::string(parts[1])},
        {"hash", mask_hash(parts[2], 3)},
    };
}

}  // namespace

const Algorithm sha1_algorithm{"sha1", verify_salted<sha1>, summarize_salted};
const Algorithm md5_algorithm{"md5", verify_salted<md5>, summarize_salted};
const Algorithm unsalted_sha1_algorithm{"unsalted_sha1", verify_unsalted_sha1,
                                        summarize_unsalted_sha1};
const Algorithm unsalted_md5_algorithm{"unsalted_md5", verify_unsalted_md5,
                                       summarize_unsalted_md5};
const Algorithm crypt_algorithm{"crypt", verify_crypt, summarize_crypt};

}  // namespace gatehouse::auth::hashers
