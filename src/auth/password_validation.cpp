// Django's four default validators (django/contrib/auth/password_validation.py, 3.2),
// run in settings order with Django's English messages.
#include "auth/password_validation.hpp"

#include <array>
#include <optional>

#include "auth/password_validation/python_str.hpp"

namespace gatehouse::auth {
namespace {

using python_str::quick_ratio;

constexpr double max_similarity = 0.7;
constexpr std::size_t min_length = 8;

// Django's exceeds_maximum_length_ratio(): a value far shorter than the password cannot
// reach max_similarity, so the comparison is skipped (it bounds quick_ratio's cost).
bool exceeds_maximum_length_ratio(std::u32string_view password, std::u32string_view value) {
    const double length_bound_similarity = max_similarity / 2 * double(password.size());
    return password.size() >= 10 * value.size() && double(value.size()) < length_bound_similarity;
}

// re.split(r'\W+', value) + [value]: empty leading and trailing parts included, as re does.
std::vector<std::u32string_view> value_parts(std::u32string_view value) {
    std::vector<std::u32string_view> parts;
    std::size_t start = 0;
    std::size_t i = 0;
    while (i < value.size()) {
        if (python_str::is_word_char(value[i])) {
            ++i;
            continue;
        }
        parts.push_back(value.substr(start, i - start));
        while (i < value.size() && !python_str::is_word_char(value[i])) ++i;
        start = i;
    }
    parts.push_back(value.substr(start));
    parts.push_back(value);
    return parts;
}

std::optional<std::string> user_attribute_similarity(std::u32string_view password,
                                                     const UserAttributes& user) {
    const std::u32string password_lower = python_str::lower(password);
    // The attribute and its model field's verbose_name, in Django's default order.
    const std::array<std::pair<const std::string*, const char*>, 4> attributes = {{
        {&user.username, "username"},
        {&user.first_name, "first name"},
        {&user.last_name, "last name"},
        {&user.email, "email address"},
    }};
    for (const auto& [value, verbose_name] : attributes) {
        if (value->empty()) continue;
        const std::u32string value_lower = python_str::lower(python_str::decode(*value));
        for (std::u32string_view part : value_parts(value_lower)) {
            if (exceeds_maximum_length_ratio(password_lower, part)) continue;
            if (quick_ratio(password_lower, part) >= max_similarity) {
                return std::string("The password is too similar to the ") + verbose_name + ".";
            }
        }
    }
    return std::nullopt;
}

// Django's ngettext() pair for a count; English has one singular form.
std::string characters(std::size_t count) {
    return std::to_string(count) + (count == 1 ? " character." : " characters.");
}

}  // namespace

std::vector<std::string> validate_password(std::string_view password, const UserAttributes& user) {
    const std::u32string text = python_str::decode(password);
    std::vector<std::string> errors;
    if (auto message = user_attribute_similarity(text, user)) errors.push_back(*message);
    // len() of a Python str: code points, not bytes.
    if (text.size() < min_length) {
        errors.push_back("This password is too short. It must contain at least " +
                         characters(min_length));
    }
    if (is_common_password(password)) errors.push_back("This password is too common.");
    if (python_str::is_all_digits(text)) errors.push_back("This password is entirely numeric.");
    return errors;
}

std::vector<std::string> password_validators_help_texts() {
    return {
        "Your password can\u2019t be too similar to your other personal information.",
        "Your password must contain at least " + characters(min_length),
        "Your password can\u2019t be a commonly used password.",
        "Your password can\u2019t be entirely numeric.",
    };
}

}  // namespace gatehouse::auth
