// Django's check_password / make_password policy over the algorithms in hashers/:
// which algorithm an encoded string names (identify_hasher), timing equalisation for
// unusable and unknown values, and when a successful login should re-hash (must_update).
#include "auth/hashers.hpp"

#include <stdexcept>

#include "auth/hashers/algorithm.hpp"
#include "auth/hashers/encoding.hpp"

namespace gatehouse::auth {
namespace {

using hashers::Verdict;

constexpr char unusable_prefix = '!';
constexpr std::size_t unusable_suffix_length = 40;
// ceil(128 bits / log2(62)): Django's salt_entropy for its [a-zA-Z0-9] alphabet.
constexpr std::size_t salt_length = 22;

// Django's identify_hasher(): ancient unsalted MD5/SHA-1 values are recognised by shape,
// everything else by the name before the first '$'.
const hashers::Algorithm* identify(std::string_view encoded) {
    if ((encoded.size() == 32 && encoded.find('$') == std::string_view::npos) ||
        (encoded.size() == 37 && encoded.substr(0, 5) == "md5$$")) {
        return &hashers::unsalted_md5_algorithm;
    }
    if (encoded.size() == 46 && encoded.substr(0, 6) == "sha1$$") {
        return &hashers::unsalted_sha1_algorithm;
    }
    return hashers::find_algorithm(encoded.substr(0, encoded.find('$')));
}

}  // namespace

PasswordHasher::PasswordHasher(std::uint32_t pbkdf2_iterations)
    : pbkdf2_iterations_(pbkdf2_iterations) {
    if (pbkdf2_iterations == 0) throw std::invalid_argument("pbkdf2 iterations must be positive");
}

std::string PasswordHasher::make_password(std::string_view password) const {
    if (password.size() > max_password_bytes) {
        throw std::length_error("password longer than max_password_bytes");
    }
    return hashers::pbkdf2_encode(hashers::Pbkdf2Digest::sha256, password,
                                  hashers::random_string(salt_length), pbkdf2_iterations_);
}

std::string PasswordHasher::make_unusable_password() {
    return unusable_prefix + hashers::random_string(unusable_suffix_length);
}

PasswordCheck PasswordHasher::check_password(std::string_view password,
                                             std::string_view encoded) const {
    if (password.size() > max_password_bytes) {
        // Never matches, but costs what a real check costs: otherwise an over-long password
        // would answer at once for a known username and slowly (dummy hash) for an unknown one.
        run_dummy_check(password);
        return {};
    }
    const hashers::Algorithm* algorithm = is_usable(encoded) ? identify(encoded) : nullptr;
    const Verdict verdict =
        algorithm != nullptr ? algorithm->verify(password, encoded) : Verdict::malformed;
    if (verdict == Verdict::malformed) {
        // As Django: an account without a usable hash costs as much as one with a hash.
        make_password(hashers::random_string(unusable_suffix_length));
        return {};
    }

    const bool hasher_changed = algorithm != &hashers::pbkdf2_sha256_algorithm;
    bool must_update = hasher_changed;
    std::optional<hashers::Pbkdf2Parts> stored;
    if (!hasher_changed) {
        stored = hashers::pbkdf2_decode(encoded);  // verify() succeeded, so it parses
        // Django also renews salts below 128 bits of entropy (must_update_salt).
        must_update = stored->iterations != pbkdf2_iterations_ || stored->salt.size() < salt_length;
    }
    const bool matches = verdict == Verdict::match;
    // Django's harden_runtime(): a wrong password against a cheaper stored count still
    // costs the configured count, so the count does not show in response times.
    if (!matches && stored && stored->iterations < pbkdf2_iterations_) {
        hashers::pbkdf2_encode(hashers::Pbkdf2Digest::sha256, password.substr(0, max_password_bytes),
                               stored->salt, pbkdf2_iterations_ - stored->iterations);
    }
    return {matches, must_update};
}

void PasswordHasher::run_dummy_check(std::string_view password) const {
    // Truncated rather than refused: the point is to spend the time, not to check anything.
    make_password(password.substr(0, max_password_bytes));
}

bool PasswordHasher::is_usable(std::string_view encoded) {
    return encoded.empty() || encoded.front() != unusable_prefix;
}

HashSummary PasswordHasher::summarize(std::string_view encoded) {
    HashSummary summary;
    if (encoded.empty() || !is_usable(encoded)) {
        summary.usable = false;
        summary.message = "No password set.";
        return summary;
    }
    const hashers::Algorithm* algorithm = identify(encoded);
    std::optional<hashers::Fields> fields;
    if (algorithm != nullptr) fields = algorithm->summarize(encoded);
    if (!fields) {
        summary.message = "Invalid password format or unknown hashing algorithm.";
        return summary;
    }
    summary.fields = std::move(*fields);
    return summary;
}

}  // namespace gatehouse::auth
