#include "auth/bearer_authentication.hpp"

#include "store/types.hpp"

#include <gtest/gtest.h>

#include <map>
#include <stdexcept>

namespace gatehouse::auth {
namespace {

constexpr std::int64_t now = 1'800'000'000;

// Just enough of a user table for authentication: find_by_id.
class FakeUsers : public store::UserRepository {
public:
    std::map<store::UserId, store::User> rows;
    std::optional<store::User> find_by_id(store::UserId id) override {
        auto it = rows.find(id);
        return it == rows.end() ? std::nullopt : std::optional(it->second);
    }
    std::optional<store::User> find_by_username(std::string_view) override { return std::nullopt; }
    std::vector<store::User> list_ordered_by_id() override { return {}; }
    std::int64_t count() override { return 0; }
    store::UserId create(const store::NewUser&) override { return 0; }
    void update(const store::User&) override {}
    void set_password(store::UserId, std::string_view) override {}
    void set_last_login(store::UserId, store::Timestamp) override {}
    bool remove(store::UserId) override { return false; }
    std::vector<std::string> permissions(store::UserId) override { return {}; }
    bool has_permission(store::UserId, std::string_view) override { return false; }
    bool grant_permission(store::UserId, std::string_view) override { return false; }
    bool revoke_permission(store::UserId, std::string_view) override { return false; }
    store::UserPage search(const store::UserQuery&) override { throw std::logic_error("not used"); }
    store::UserRelations relations(store::UserId) override { throw std::logic_error("not used"); }
    store::UserId create_logged(const store::NewUser&, const store::LogEntryInput&) override {
        throw std::logic_error("not used");
    }
    void update_logged(const store::User&, const std::optional<store::UserRelations>&,
                       const std::optional<store::LogEntryInput>&) override {
        throw std::logic_error("not used");
    }
    void set_password_logged(store::UserId, std::string_view, const store::LogEntryInput&) override {
        throw std::logic_error("not used");
    }
    std::int64_t remove_logged(const std::vector<store::UserId>&, const std::vector<store::LogEntryInput>&) override {
        throw std::logic_error("not used");
    }
    store::UserDeletionSummary deletion_summary(const std::vector<store::UserId>&) override {
        throw std::logic_error("not used");
    }
};

class BearerAuthenticationTest : public ::testing::Test {
protected:
    BearerAuthenticationTest()
        : tokens_(JwsCodec(std::string(40, 'k'), JwtAlgorithm::hs256), TokenLifetimes{}), bearer_(tokens_, users_) {
        store::User alice;
        alice.id = 5;
        alice.username = "alice";
        users_.rows[5] = alice;
    }

    std::string access_for(std::int64_t user_id) { return tokens_.issue(TokenType::access, user_id, now).token; }

    FakeUsers users_;
    TokenCodec tokens_;
    BearerAuthentication bearer_;
};

TEST_F(BearerAuthenticationTest, NoHeaderOrOtherSchemeIsAnonymous) {
    for (auto header : {"", "   ", "Basic abc", "bearer abc", "Token abc", "JWT abc"}) {
        SCOPED_TRACE(header);
        auto result = bearer_.authenticate(header, now);
        EXPECT_FALSE(result.user);
        EXPECT_EQ(result.refusal, nullptr);
    }
}

TEST_F(BearerAuthenticationTest, GoodTokenGivesTheActiveUser) {
    auto result = bearer_.authenticate("Bearer " + access_for(5), now);
    ASSERT_TRUE(result.user);
    EXPECT_EQ(result.user->username, "alice");
    EXPECT_EQ(result.refusal, nullptr);
}

TEST_F(BearerAuthenticationTest, RefusalsCarrySimpleJwtBodies) {
    struct Case { std::string header; const char* body; };
    const std::string refresh = tokens_.issue(TokenType::refresh, 5, now).token;
    for (const auto& c : {
             Case{"Bearer", R"({"detail":"Authorization header must contain two space-delimited values","code":"bad_authorization_header"})"},
             Case{"Bearer a b", R"({"detail":"Authorization header must contain two space-delimited values","code":"bad_authorization_header"})"},
             Case{"Bearer x.y.z", R"({"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":"AccessToken","token_type":"access","message":"Token is invalid or expired"}]})"},
             Case{"Bearer " + refresh, R"({"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":"AccessToken","token_type":"access","message":"Token has wrong type"}]})"},
             Case{"Bearer " + access_for(99), R"({"detail":"User not found","code":"user_not_found"})"},
         }) {
        SCOPED_TRACE(c.header);
        auto result = bearer_.authenticate(c.header, now);
        EXPECT_FALSE(result.user);
        ASSERT_NE(result.refusal, nullptr);
        EXPECT_EQ(result.refusal->body, c.body);
    }
}

TEST_F(BearerAuthenticationTest, DeactivationTakesEffectAtTheNextRequest) {
    const std::string token = access_for(5);
    ASSERT_TRUE(bearer_.authenticate("Bearer " + token, now).user);
    users_.rows[5].is_active = false;
    auto result = bearer_.authenticate("Bearer " + token, now);
    EXPECT_FALSE(result.user);
    ASSERT_NE(result.refusal, nullptr);
    EXPECT_EQ(result.refusal->body, R"({"detail":"User is inactive","code":"user_inactive"})");
    users_.rows.erase(5);
    EXPECT_EQ(bearer_.authenticate("Bearer " + token, now).refusal->code, "user_not_found");
}

}  // namespace
}  // namespace gatehouse::auth
