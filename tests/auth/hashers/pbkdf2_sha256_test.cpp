#include "auth/hashers/pbkdf2_sha256.hpp"

#include <openssl/evp.h>

#include <chrono>
#include <cstring>
#include <gtest/gtest.h>
#include <string>

namespace gatehouse::auth::hashers {
namespace {

std::array<unsigned char, 32> openssl_pbkdf2(std::string_view password, std::string_view salt, int iterations) {
    std::array<unsigned char, 32> out{};
    PKCS5_PBKDF2_HMAC(password.data(), int(password.size()), reinterpret_cast<const unsigned char*>(salt.data()),
                      int(salt.size()), iterations, EVP_sha256(), int(out.size()), out.data());
    return out;
}

TEST(Pbkdf2Sha256, MatchesOpenSslForEveryShapeOfInput) {
    const std::string long_password(200, 'p');
    const std::string block_password(64, 'q');
    const std::string long_salt(300, 's');
    struct Case { std::string password, salt; int iterations; };
    for (const auto& c : {Case{"password", "salt", 1}, Case{"password", "salt", 2}, Case{"password", "salt", 4096},
                          Case{"", "salt", 10}, Case{"secret", "", 10}, Case{long_password, "MqYSvZ2iLbKYwaJW1AlEXZ", 100},
                          Case{block_password, "salt", 3}, Case{std::string(65, 'x'), "salt", 3},
                          Case{"pässwörd", long_salt, 7}, Case{std::string("a\0b", 3), "s\0t", 5}}) {
        SCOPED_TRACE(c.password.size());
        EXPECT_EQ(pbkdf2_hmac_sha256(c.password, c.salt, c.iterations), openssl_pbkdf2(c.password, c.salt, c.iterations));
    }
}

TEST(Pbkdf2Sha256, Rfc7914TestVector) {
    // RFC 7914 section 11: PBKDF2-HMAC-SHA256("passwd", "salt", c=1), first 32 bytes
    // (also Python's hashlib.pbkdf2_hmac, which Django uses).
    auto out = pbkdf2_hmac_sha256("passwd", "salt", 1);
    const unsigned char expected[] = {0x55, 0xac, 0x04, 0x6e, 0x56, 0xe3, 0x08, 0x9f, 0xec, 0x16, 0x91,
                                      0xc2, 0x25, 0x44, 0xb6, 0x05, 0xf9, 0x41, 0x85, 0x21, 0x6d, 0xde,
                                      0x04, 0x65, 0xe6, 0x8b, 0x9d, 0x57, 0xc2, 0x0d, 0xac, 0xbc};
    EXPECT_EQ(0, std::memcmp(out.data(), expected, 32));
}

}  // namespace
}  // namespace gatehouse::auth::hashers
