#include "auth/hashers/algorithm.hpp"

#include <array>

namespace gatehouse::auth::hashers {

const Algorithm* find_algorithm(std::string_view name) {
    // Every hasher Django has shipped, installed at once: a database written under any
    // PASSWORD_HASHERS setting verifies here.
    static const std::array<const Algorithm*, 11> all = {
        &pbkdf2_sha256_algorithm, &pbkdf2_sha1_algorithm, &argon2_algorithm,
        &bcrypt_sha256_algorithm, &bcrypt_algorithm,      &scrypt_algorithm,
        &sha1_algorithm,          &md5_algorithm,         &unsalted_sha1_algorithm,
        &unsalted_md5_algorithm,  &crypt_algorithm,
    };
    for (const Algorithm* algorithm : all) {
        if (algorithm->name == name) return algorithm;
    }
    return nullptr;
}

}  // namespace gatehouse::auth::hashers
