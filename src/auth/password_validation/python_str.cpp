#include "auth/password_validation/python_str.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace gatehouse::auth::python_str {

std::u32string decode(std::string_view utf8) {
    std::u32string out;
    out.reserve(utf8.size());
    std::size_t i = 0;
    while (i < utf8.size()) {
        const auto b0 = std::uint8_t(utf8[i]);
        std::size_t length = 0;
        char32_t c = 0;
        char32_t min = 0;
        if (b0 < 0x80) {
            out += char32_t(b0);
            ++i;
            continue;
        } else if ((b0 & 0xE0) == 0xC0) {
            length = 2, c = b0 & 0x1F, min = 0x80;
        } else if ((b0 & 0xF0) == 0xE0) {
            length = 3, c = b0 & 0x0F, min = 0x800;
        } else if ((b0 & 0xF8) == 0xF0) {
            length = 4, c = b0 & 0x07, min = 0x10000;
        }
        bool valid = length > 0 && i + length <= utf8.size();
        for (std::size_t k = 1; valid && k < length; ++k) {
            const auto b = std::uint8_t(utf8[i + k]);
            valid = (b & 0xC0) == 0x80;
            c = (c << 6) | (b & 0x3F);
        }
        valid = valid && c >= min && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
        if (valid) {
            out += c;
            i += length;
        } else {
            out += char32_t(0xDC00 + b0);
            ++i;
        }
    }
    return out;
}

std::string encode(std::u32string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char32_t c : text) {
        if (c >= 0xDC80 && c <= 0xDCFF) {
            out += char(c - 0xDC00);  // an escaped invalid byte goes back as it came
        } else if (c < 0x80) {
            out += char(c);
        } else if (c < 0x800) {
            out += char(0xC0 | (c >> 6));
            out += char(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += char(0xE0 | (c >> 12));
            out += char(0x80 | ((c >> 6) & 0x3F));
            out += char(0x80 | (c & 0x3F));
        } else {
            out += char(0xF0 | (c >> 18));
            out += char(0x80 | ((c >> 12) & 0x3F));
            out += char(0x80 | ((c >> 6) & 0x3F));
            out += char(0x80 | (c & 0x3F));
        }
    }
    return out;
}

namespace {

char32_t lower(char32_t c) {
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;  // Latin-1 capitals, not '×'
    if (c >= 0x100 && c <= 0x17F) {
        // Latin Extended-A: capital/small pairs, capital at the even code point, except
        // the stretches 0x139-0x148 and 0x179-0x17E where the capital is odd.
        if (c == 0x130 || c == 0x138 || c == 0x149 || c == 0x17F) return c;  // no simple pair
        if (c == 0x178) return 0xFF;                                          // 'Ÿ'
        const bool odd_capitals = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
        return (c % 2 == (odd_capitals ? 1 : 0)) ? c + 1 : c;
    }
    if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;  // Greek capitals
    if (c == 0x386) return 0x3AC;
    if (c >= 0x388 && c <= 0x38A) return c + 37;
    if (c == 0x38C) return 0x3CC;
    if (c == 0x38E || c == 0x38F) return c + 63;
    if (c >= 0x400 && c <= 0x40F) return c + 80;  // Cyrillic 'Ѐ'..'Џ'
    if (c >= 0x410 && c <= 0x42F) return c + 32;  // Cyrillic 'А'..'Я'
    // Extended Cyrillic ('Ґ', 'Ә', ...): pairs with the capital at the even code point,
    // except 0x4C1-0x4CE where it is odd.
    if ((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) || (c >= 0x4D0 && c <= 0x52F)) {
        return c % 2 == 0 ? c + 1 : c;
    }
    if (c >= 0x4C1 && c <= 0x4CE) return c % 2 == 1 ? c + 1 : c;
    if (c == 0x4C0) return 0x4CF;
    return c;
}

}  // namespace

std::u32string lower(std::u32string_view text) {
    std::u32string out(text);
    for (char32_t& c : out) c = lower(c);
    return out;
}

bool is_whitespace(char32_t c) {
    // Python's str.isspace(): bidirectional types WS, B, S or category Zs.
    return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 ||
           c == 0x202F || c == 0x205F || c == 0x3000;
}

std::u32string_view strip(std::u32string_view text) {
    while (!text.empty() && is_whitespace(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_whitespace(text.back())) text.remove_suffix(1);
    return text;
}

bool is_all_digits(std::u32string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char32_t c) { return c >= '0' && c <= '9'; });
}

bool is_word_char(char32_t c) {
    if (c < 0x80) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    }
    if (is_whitespace(c) || c <= 0x9F) return false;  // C1 controls
    if (c >= 0x300 && c <= 0x36F) return false;        // combining diacritics
    if (c >= 0xA0 && c <= 0xBF) {
        // Latin-1 punctuation and symbols; the exceptions are letters ('ª', 'µ', 'º') and
        // numbers ('²', '³', '¹', '¼', '½', '¾'), which Python counts as \w.
        return c == 0xAA || c == 0xB5 || c == 0xBA || c == 0xB2 || c == 0xB3 || c == 0xB9 ||
               c == 0xBC || c == 0xBD || c == 0xBE;
    }
    if (c == 0xD7 || c == 0xF7) return false;                   // '×', '÷'
    if (c >= 0x2000 && c <= 0x2BFF) return false;               // punctuation, symbols, arrows
    if (c >= 0x3000 && c <= 0x303F) return false;               // CJK punctuation
    if (c >= 0xFE30 && c <= 0xFE4F) return false;               // CJK compatibility forms
    if (c >= 0xFF00 && c <= 0xFF0F) return false;               // fullwidth punctuation
    if (c >= 0x1F000 && c <= 0x1FAFF) return false;             // emoji and pictographs
    if (c >= 0xDC80 && c <= 0xDCFF) return false;               // escaped invalid bytes
    return true;
}

double quick_ratio(std::u32string_view a, std::u32string_view b) {
    const std::size_t length = a.size() + b.size();
    if (length == 0) return 1.0;
    std::unordered_map<char32_t, long> available;
    for (char32_t c : b) ++available[c];
    std::size_t matches = 0;
    for (char32_t c : a) {
        auto it = available.find(c);
        if (it != available.end() && it->second > 0) {
            --it->second;
            ++matches;
        }
    }
    return 2.0 * double(matches) / double(length);
}

}  // namespace gatehouse::auth::python_str
