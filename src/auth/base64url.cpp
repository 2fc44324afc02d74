#include "auth/base64url.hpp"

#include <array>
#include <cstdint>

namespace gatehouse::auth {
namespace {

constexpr char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

constexpr std::uint8_t invalid = 0xff;

constexpr std::array<std::uint8_t, 256> make_decode_table() {
    std::array<std::uint8_t, 256> table{};
    for (auto& entry : table) entry = invalid;
    for (std::uint8_t i = 0; i < 64; ++i) table[static_cast<unsigned char>(alphabet[i])] = i;
    return table;
}

constexpr auto decode_table = make_decode_table();

// Calls sink(byte) for each decoded byte; false on any non-canonical input.
template <typename Sink>
bool decode_each(std::string_view text, Sink&& sink) {
    std::uint32_t accumulator = 0;
    int bits = 0;
    for (unsigned char c : text) {
        const std::uint8_t sextet = decode_table[c];
        if (sextet == invalid) return false;
        accumulator = (accumulator << 6) | sextet;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            sink(static_cast<unsigned char>(accumulator >> bits));
            accumulator &= (1u << bits) - 1;
        }
    }
    // Leftover bits must be zero, or two texts would decode to the same bytes.
    return accumulator == 0;
}

}  // namespace

std::optional<std::size_t> base64url_decoded_size(std::size_t text_size) {
    switch (text_size % 4) {
    case 0: return text_size / 4 * 3;
    case 2: return text_size / 4 * 3 + 1;
    case 3: return text_size / 4 * 3 + 2;
    default: return std::nullopt;
    }
}

void base64url_encode_append(std::string_view bytes, std::string& out) {
    const std::size_t start = out.size();
    out.resize(start + base64url_encoded_size(bytes.size()));
    char* p = out.data() + start;
    const auto* in = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const std::uint32_t n = (in[i] << 16) | (in[i + 1] << 8) | in[i + 2];
        *p++ = alphabet[(n >> 18) & 63];
        *p++ = alphabet[(n >> 12) & 63];
        *p++ = alphabet[(n >> 6) & 63];
        *p++ = alphabet[n & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest == 1) {
        const std::uint32_t n = in[i] << 16;
        *p++ = alphabet[(n >> 18) & 63];
        *p++ = alphabet[(n >> 12) & 63];
    } else if (rest == 2) {
        const std::uint32_t n = (in[i] << 16) | (in[i + 1] << 8);
        *p++ = alphabet[(n >> 18) & 63];
        *p++ = alphabet[(n >> 12) & 63];
        *p++ = alphabet[(n >> 6) & 63];
    }
}

std::string base64url_encode(std::string_view bytes) {
    std::string out;
    base64url_encode_append(bytes, out);
    return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
    const auto size = base64url_decoded_size(text.size());
    if (!size) return std::nullopt;
    std::string out;
    out.reserve(*size);
    if (!decode_each(text, [&](unsigned char byte) { out.push_back(static_cast<char>(byte)); }))
        return std::nullopt;
    return out;
}

std::optional<std::size_t> base64url_decode_to(std::string_view text,
                                               std::span<unsigned char> out) {
    const auto size = base64url_decoded_size(text.size());
    if (!size || *size > out.size()) return std::nullopt;
    std::size_t written = 0;
    if (!decode_each(text, [&](unsigned char byte) { out[written++] = byte; }))
        return std::nullopt;
    return written;
}

}  // namespace gatehouse::auth
