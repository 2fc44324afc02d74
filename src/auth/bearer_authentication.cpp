#include "auth/bearer_authentication.hpp"

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

// SimpleJWT's JWTAuthentication answer for a token that failed validation.
AuthenticationFailure invalid_access_token(TokenProblem problem) {
    if (problem == TokenProblem::no_user_id) {
        // SimpleJWT finds this in get_user(), after the token itself passed.
        return {std::string(token_problem_message(problem)), token_not_valid_code};
    }
    boost::json::array messages{boost::json::object{
        {"token_class", "AccessToken"}, {"token_type", "access"}, {"message", token_problem_message(problem)}}};
    return {"Given token not valid for any token type", token_not_valid_code, std::move(messages)};
}

const AuthenticationFailure& refusal_for(TokenProblem problem) {
    static const AuthenticationFailure invalid_or_expired = invalid_access_token(TokenProblem::invalid_or_expired);
    static const AuthenticationFailure wrong_type = invalid_access_token(TokenProblem::wrong_type);
    static const AuthenticationFailure no_id = invalid_access_token(TokenProblem::no_id);
    static const AuthenticationFailure no_user_id = invalid_access_token(TokenProblem::no_user_id);
    switch (problem) {
        case TokenProblem::wrong_type: return wrong_type;
        case TokenProblem::no_id: return no_id;
        case TokenProblem::no_user_id: return no_user_id;
        case TokenProblem::invalid_or_expired: break;
    }
    return invalid_or_expired;
}

const AuthenticationFailure bad_header{"Authorization header must contain two space-delimited values",
                                       "bad_authorization_header"};
const AuthenticationFailure user_not_found{"User not found", "user_not_found"};
const AuthenticationFailure user_inactive{"User is inactive", "user_inactive"};

}  // namespace

BearerAuthentication::BearerAuthentication(const TokenCodec& tokens, store::UserRepository& users)
    : tokens_(tokens), users_(users) {}

AuthenticationResult BearerAuthentication::authenticate(std::string_view header, std::int64_t now) const {
    auto parts = split_whitespace(header);
    if (parts.empty() || parts[0] != "Bearer") return {};
    if (parts.size() != 2) return {std::nullopt, &bad_header};
    auto result = tokens_.validate(parts[1], TokenType::access, now);
    if (auto* problem = std::get_if<TokenProblem>(&result)) return {std::nullopt, &refusal_for(*problem)};
    const auto& claims = std::get<TokenClaims>(result);
    auto user = users_.find_by_id(claims.user_id);
    if (!user) return {std::nullopt, &user_not_found};
    if (!user->is_active) return {std::nullopt, &user_inactive};
    return {std::move(user), nullptr};
}

}  // namespace gatehouse::auth
