#include "auth/hashers/pbkdf2_sha256.hpp"

// SHA256_Transform is deprecated in OpenSSL 3 but still exported; it is the one primitive
// that lets us run the compression function on a prepared block.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/crypto.h>
#include <openssl/sha.h>

#include <cstring>

namespace gatehouse::auth::hashers {
namespace {

constexpr std::size_t block_size = 64;
constexpr std::size_t digest_size = 32;

void store_be32(unsigned char* out, SHA_LONG value) {
    out[0] = static_cast<unsigned char>(value >> 24);
    out[1] = static_cast<unsigned char>(value >> 16);
    out[2] = static_cast<unsigned char>(value >> 8);
    out[3] = static_cast<unsigned char>(value);
}

// The digest held in a context's state words, after a final compression.
void state_to_bytes(const SHA256_CTX& ctx, unsigned char* out) {
    for (int i = 0; i < 8; ++i) store_be32(out + 4 * i, ctx.h[i]);
}

// A block holding a 32-byte message that follows one already-hashed 64-byte block:
// message, 0x80, zeros, and the bit length (64 + 32) * 8 = 768.
void prepare_tail_block(unsigned char* block) {
    std::memset(block + digest_size, 0, block_size - digest_size);
    block[digest_size] = 0x80;
    block[block_size - 2] = 0x03;  // 768 = 0x0300
    block[block_size - 1] = 0x00;
}

}  // namespace

std::array<unsigned char, 32> pbkdf2_hmac_sha256(std::string_view password, std::string_view salt,
                                                 std::uint32_t iterations) {
    unsigned char key[block_size] = {};
    if (password.size() > block_size) {
        SHA256(reinterpret_cast<const unsigned char*>(password.data()), password.size(), key);
    } else {
        std::memcpy(key, password.data(), password.size());
    }
    unsigned char pad[block_size];
    SHA256_CTX inner_start, outer_start;
    for (std::size_t i = 0; i < block_size; ++i) pad[i] = key[i] ^ 0x36;
    SHA256_Init(&inner_start);
    SHA256_Update(&inner_start, pad, block_size);
    for (std::size_t i = 0; i < block_size; ++i) pad[i] = key[i] ^ 0x5c;
    SHA256_Init(&outer_start);
    SHA256_Update(&outer_start, pad, block_size);
    OPENSSL_cleanse(key, sizeof key);
    OPENSSL_cleanse(pad, sizeof pad);

    // U1 = HMAC(password, salt || INT(1)), through the ordinary streaming interface.
    unsigned char u[digest_size];
    SHA256_CTX ctx = inner_start;
    const unsigned char block_index[4] = {0, 0, 0, 1};
    SHA256_Update(&ctx, salt.data(), salt.size());
    SHA256_Update(&ctx, block_index, sizeof block_index);
    SHA256_Final(u, &ctx);
    ctx = outer_start;
    SHA256_Update(&ctx, u, digest_size);
    SHA256_Final(u, &ctx);

    std::array<unsigned char, 32> result;
    std::memcpy(result.data(), u, digest_size);

    // U2..Uc: each HMAC of a 32-byte message is one compression from each saved state.
    alignas(16) unsigned char inner_block[block_size];
    alignas(16) unsigned char outer_block[block_size];
    prepare_tail_block(inner_block);
    prepare_tail_block(outer_block);
    std::memcpy(inner_block, u, digest_size);
    for (std::uint32_t round = 1; round < iterations; ++round) {
        ctx = inner_start;
        SHA256_Transform(&ctx, inner_block);
        state_to_bytes(ctx, outer_block);
        ctx = outer_start;
        SHA256_Transform(&ctx, outer_block);
        state_to_bytes(ctx, inner_block);  // U_j, the next round's message
        for (std::size_t i = 0; i < digest_size; ++i) result[i] ^= inner_block[i];
    }
    OPENSSL_cleanse(&inner_start, sizeof inner_start);
    OPENSSL_cleanse(&outer_start, sizeof outer_start);
    OPENSSL_cleanse(&ctx, sizeof ctx);
    OPENSSL_cleanse(inner_block, sizeof inner_block);
    OPENSSL_cleanse(outer_block, sizeof outer_block);
    return result;
}

}  // namespace gatehouse::auth::hashers
