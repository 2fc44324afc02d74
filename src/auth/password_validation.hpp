#pragma once
// Django's four default password validators with Django's messages
// (django/contrib/auth/password_validation.py).
#include <string>
#include <string_view>
#include <vector>

namespace gatehouse::auth {

// The user attributes UserAttributeSimilarityValidator compares against.
struct UserAttributes {
    std::string username;
    std::string first_name;
    std::string last_name;
    std::string email;
};

// Every message of every validator that fails, in Django's order (similarity, length,
// common, numeric); empty when the password is acceptable.
std::vector<std::string> validate_password(std::string_view password, const UserAttributes& user);

// The four help texts Django shows under a password field, in the same order.
std::vector<std::string> password_validators_help_texts();

// True when the lower-cased password is in the embedded common-password list.
bool is_common_password(std::string_view password);
std::size_t common_password_count();

}  // namespace gatehouse::auth
