#include "auth/hashers/encoding.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace gatehouse::auth::hashers {
namespace {

constexpr std::string_view base64_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr std::string_view random_alphabet =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        std::uint32_t n = (std::uint8_t(bytes[i]) << 16) | (std::uint8_t(bytes[i + 1]) << 8) |
                          std::uint8_t(bytes[i + 2]);
        out += base64_alphabet[(n >> 18) & 63];
        out += base64_alphabet[(n >> 12) & 63];
        out += base64_alphabet[(n >> 6) & 63];
        out += base64_alphabet[n & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        std::uint32_t n = std::uint8_t(bytes[i]) << 16;
        if (rest == 2) n |= std::uint8_t(bytes[i + 1]) << 8;
        out += base64_alphabet[(n >> 18) & 63];
        out += base64_alphabet[(n >> 12) & 63];
        out += rest == 2 ? base64_alphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
    while (!text.empty() && text.back() == '=') text.remove_suffix(1);
    if (text.size() % 4 == 1) return std::nullopt;
    std::string out;
    out.reserve(text.size() * 3 / 4);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (char c : text) {
        const int v = base64_value(c);
        if (v < 0) return std::nullopt;
        buffer = (buffer << 6) | std::uint32_t(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += char((buffer >> bits) & 0xff);
        }
    }
    return out;
}

std::string hex_encode(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

std::vector<std::string_view> split(std::string_view text, char sep, std::size_t maxsplit) {
    std::vector<std::string_view> parts;
    while (parts.size() < maxsplit) {
        const auto pos = text.find(sep);
        if (pos == std::string_view::npos) break;
        parts.push_back(text.substr(0, pos));
        text.remove_prefix(pos + 1);
    }
    parts.push_back(text);
    return parts;
}

std::optional<std::uint64_t> parse_decimal(std::string_view text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + std::uint64_t(c - '0');
    }
    return value;
}

bool constant_time_equals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_string(std::size_t length) {
    // Bytes >= 248 are rejected: 248 = 4 * 62, so `byte % 62` is then uniform.
    constexpr unsigned limit = 256 - 256 % random_alphabet.size();
    std::string out;
    out.reserve(length);
    std::array<unsigned char, 64> pool{};
    while (out.size() < length) {
        if (RAND_bytes(pool.data(), int(pool.size())) != 1) {
            throw std::runtime_error("RAND_bytes failed");
        }
        for (unsigned char b : pool) {
            if (b >= limit) continue;
            out += random_alphabet[b % random_alphabet.size()];
            if (out.size() == length) break;
        }
    }
    return out;
}

std::string mask_hash(std::string_view hash, std::size_t show) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < hash.size(); ++i) {
        // A byte that is not a UTF-8 continuation byte starts a new character.
        const bool starts_char = (std::uint8_t(hash[i]) & 0xC0) != 0x80;
        if (starts_char) ++chars;
        if (chars <= show) {
            out += hash[i];
        } else if (starts_char) {
            out += '*';
        }
    }
    return out;
}

std::string latin1_to_utf8(std::string_view bytes) {
    std::string out;
    for (unsigned char c : bytes) {
        if (c < 0x80) {
            out += char(c);
        } else {
            out += char(0xC0 | (c >> 6));
            out += char(0x80 | (c & 0x3F));
        }
    }
    return out;
}

}  // namespace gatehouse::auth::hashers
