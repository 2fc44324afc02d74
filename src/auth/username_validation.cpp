#include "auth/username_validation.hpp"

namespace gatehouse::auth {
namespace {

constexpr std::size_t max_username_characters = 150;

std::size_t utf8_length(std::string_view text) {
    std::size_t count = 0;
    for (unsigned char c : text) count += (c & 0xC0) != 0x80;
    return count;
}

}  // namespace

std::optional<std::string> username_error(std::string_view username) {
    if (username.empty()) return "This field cannot be blank.";
    for (unsigned char c : username) {
        bool ascii_word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        bool allowed_punctuation = c == '.' || c == '@' || c == '+' || c == '-';
        // Python's \w also takes non-ASCII letters and digits; we accept any non-ASCII
        // UTF-8 here rather than carry Unicode tables (control characters stay refused).
        if (!ascii_word && !allowed_punctuation && c < 0x80) {
            return "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";
        }
    }
    std::size_t length = utf8_length(username);
    if (length > max_username_characters) {
        return "Ensure this value has at most 150 characters (it has " + std::to_string(length) + ").";
    }
    return std::nullopt;
}

}  // namespace gatehouse::auth
