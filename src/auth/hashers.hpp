#pragma once
// Django's password hashers: verify every format Django writes, hash new passwords
// with pbkdf2_sha256. Pure functions over bytes: no I/O, no globals but the CSPRNG.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gatehouse::auth {

// Django 3.2's count; the reference uses it. New deployments get current Django's (below).
inline constexpr std::uint32_t django32_pbkdf2_iterations = 260'000;
// Django 6.0's default (FACTS.md 2.1), our default for new hashes.
inline constexpr std::uint32_t default_pbkdf2_iterations = 1'200'000;

// Passwords longer than this (in bytes) never match, and make_password refuses them.
// Django has no limit, but hashing a multi-megabyte "password" costs memory and time
// and no real user has one; callers should reject such input before hashing.
inline constexpr std::size_t max_password_bytes = 4096;

struct PasswordCheck {
    bool matches = false;
    // The stored hash uses another algorithm or other parameters than new hashes would:
    // Django re-hashes it on a successful login.
    bool needs_rehash = false;
};

// What the admin shows instead of the hash (Django's ReadOnlyPasswordHashWidget):
// "algorithm", then the algorithm's own fields with salt and hash masked.
// Labels and masking as each hasher's safe_summary(). When there are no fields, `message` is
// the widget's text instead: "No password set." (empty or unusable) or "Invalid password
// format or unknown hashing algorithm.".
struct HashSummary {
    std::vector<std::pair<std::string, std::string>> fields;  // label -> value, in display order
    bool usable = true;  // false for the widget's "No password set." cases
    std::string message;
};

class PasswordHasher {
public:
    explicit PasswordHasher(std::uint32_t pbkdf2_iterations = default_pbkdf2_iterations);

    // A new pbkdf2_sha256 hash with a fresh 22-character salt.
    // Throws std::length_error beyond max_password_bytes.
    std::string make_password(std::string_view password) const;
    // "!" + 40 random characters, as Django's set_unusable_password().
    static std::string make_unusable_password();

    // Constant-time comparison; unknown formats and unusable hashes never match.
    // For those, and for needs_rehash computation, behaves as Django's check_password:
    // unusable, unknown or malformed values still cost one default hash, and a wrong
    // password against an older pbkdf2_sha256 count runs the missing iterations.
    // Stored values with absurd cost parameters (see the hashers/ files) count as malformed.
    PasswordCheck check_password(std::string_view password, std::string_view encoded) const;

    // Runs the default hasher once and discards the result, so a login for an unknown
    // username costs the same time as one for a known user (Django ticket #20760).
    void run_dummy_check(std::string_view password) const;

    static bool is_usable(std::string_view encoded);
    static HashSummary summarize(std::string_view encoded);

    std::uint32_t pbkdf2_iterations() const { return pbkdf2_iterations_; }

private:
    std::uint32_t pbkdf2_iterations_;
};

}  // namespace gatehouse::auth
