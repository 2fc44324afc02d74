#include "auth/bearer_authentication.hpp"

#include "auth/authentication_failed.hpp"

#include <boost/json/object.hpp>

#include <vector>

namespace gatehouse::auth {
namespace {

// Python's bytes.split(): runs of ASCII whitespace separate parts.
std::vector<std::string_view> split_whitespace(std::string_view text) {
    std::vector<std::string_view> parts;
    std::size_t i = 0;
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    while (i < text.size()) {
        while (i < text.size() && is_space(text[i])) ++i;
        std::size_t start = i;
        while (i < text.size() && !is_space(text[i])) ++i;
        if (i > start) parts.push_back(text.substr(start, i - start));
    }
    return parts;
}

}  // namespace

BearerAuthentication::BearerAuthentication(const TokenCodec& tokens, store::UserRepository& users)
    : tokens_(tokens), users_(users) {}

std::optional<store::User> BearerAuthentication::authenticate(std::string_view header, std::int64_t now) const {
    auto parts = split_whitespace(header);
    if (parts.empty() || parts[0] != "Bearer") return std::nullopt;
    if (parts.size() != 2) {
        throw AuthenticationFailed("Authorization header must contain two space-delimited values",
                                   "bad_authorization_header");
    }
    auto result = tokens_.validate(parts[1], TokenType::access, now);
    if (auto* problem = std::get_if<TokenProblem>(&result)) {
        if (*problem == TokenProblem::no_user_id) {
            // SimpleJWT finds this in get_user(), after the token itself passed.
            throw AuthenticationFailed(std::string(token_problem_message(*problem)), token_not_valid_code);
        }
        boost::json::array messages{boost::json::object{{"token_class", "AccessToken"},
                                                        {"token_type", "access"},
                                                        {"message", token_problem_message(*problem)}}};
        throw AuthenticationFailed("Given token not valid for any token type", token_not_valid_code, std::move(messages));
    }
    const auto& claims = std::get<TokenClaims>(result);
    auto user = users_.find_by_id(claims.user_id);
    if (!user) throw AuthenticationFailed("User not found", "user_not_found");
    if (!user->is_active) throw AuthenticationFailed("User is inactive", "user_inactive");
    return user;
}

}  // namespace gatehouse::auth
