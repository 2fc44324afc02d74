// Django's four default validators, checked against Django 3.2's own answers
// (tests/auth/make_hasher_vectors.py generated the tables).
#include "auth/password_validation.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "auth/password_validation/python_str.hpp"

namespace gatehouse::auth {
namespace {

struct ValidationVector {
    std::string password;
    UserAttributes user;  // username, first_name, last_name, email
    std::vector<std::string> messages;
};

const std::vector<ValidationVector> django_validation = {
    {"alexander1", {"alexander", "", "", ""}, {"The password is too similar to the username.", "This password is too common."}},
    {"alexexample", {"bob", "", "", "alex@example.com"}, {"The password is too similar to the email address."}},
    {"example.com", {"", "", "", "alex@example.com"}, {"The password is too similar to the email address."}},
    {"Alex@Example.com", {"", "", "", "alex@example.com"}, {"The password is too similar to the email address."}},
    {"johnsmith99", {"", "John", "Smith", ""}, {}},
    {"smithereens", {"", "", "Smith", ""}, {}},
    {"johnathan", {"", "John", "", ""}, {"This password is too common."}},
    {"abcdefg", {"abcdefghij", "", "", ""}, {"The password is too similar to the username.", "This password is too short. It must contain at least 8 characters.", "This password is too common."}},
    {"abcdefgxyz", {"abcdefg", "", "", ""}, {"The password is too similar to the username."}},
    {"abcdefxyzw", {"abcdefg", "", "", ""}, {"The password is too similar to the username."}},
    {"abcdexyzwq", {"abcdefg", "", "", ""}, {}},
    {"abcdefgxyz", {"abcdefgqrs", "", "", ""}, {"The password is too similar to the username."}},
    {"abcdefxyzw", {"abcdefqrst", "", "", ""}, {}},
    {"josé-maría", {"", "José María", "", ""}, {"The password is too similar to the first name."}},
    {"ΑΛΕΞΑΝΔΡΟΣ1", {"αλεξανδρος", "", "", ""}, {"The password is too similar to the username."}},
    {"", {"@x", "", "", ""}, {"The password is too similar to the username.", "This password is too short. It must contain at least 8 characters."}},
    {"abcdefghijklmn", {"abcdefghiz", "", "", ""}, {"The password is too similar to the username."}},
    {"abcdefgzyxwvut", {"abcdefgqrs", "", "", ""}, {}},
    {"abcdefghxxxxxxxxx", {"abcdefghij", "", "", ""}, {}},
    {"abcdefghijkxxxx", {"abcdefghij", "", "", ""}, {"The password is too similar to the username."}},
    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaa", {"a", "", "", ""}, {}},
    {"zq7!vRt#pL2m", {"alexander", "", "", "alex@example.com"}, {}},
    {"", {"x", "", "", ""}, {"This password is too short. It must contain at least 8 characters."}},
    {"1234567", {"", "", "", ""}, {"This password is too short. It must contain at least 8 characters.", "This password is too common.", "This password is entirely numeric."}},
    {"12345678", {"", "", "", ""}, {"This password is too common.", "This password is entirely numeric."}},
    {"password", {"", "", "", ""}, {"This password is too common."}},
    {"PASSWORD ", {"", "", "", ""}, {"This password is too common."}},
    {"qwerty123", {"", "", "", ""}, {"This password is too common."}},
    {"pässwör", {"", "", "", ""}, {"This password is too short. It must contain at least 8 characters."}},
    {"pässwörd", {"", "", "", ""}, {}},
    {"€€€€€€€", {"", "", "", ""}, {"This password is too short. It must contain at least 8 characters."}},
    {"€€€€€€€€", {"", "", "", ""}, {}},
    {"9782734983274", {"", "", "", ""}, {"This password is entirely numeric."}},
    {"xk3-Lm9_Qa", {"xk3-lm9_qa", "", "", ""}, {"The password is too similar to the username."}},
    {"ab-cd-ef-gh", {"ab-cd-ef-gh-ij", "", "", ""}, {"The password is too similar to the username."}},
};

TEST(PasswordValidation, MatchesDjangoOnEveryCase) {
    for (const auto& v : django_validation) {
        SCOPED_TRACE(v.password + " / " + v.user.username + " / " + v.user.email);
        EXPECT_EQ(validate_password(v.password, v.user), v.messages);
    }
}

TEST(PasswordValidation, AcceptsAGoodPassword) {
    EXPECT_TRUE(validate_password("correct horse battery staple", {"alice", "Alice", "Liddell",
                                                                   "alice@example.com"})
                    .empty());
}

// Each answer checked with Django's UserAttributeSimilarityValidator.
TEST(PasswordValidation, SimilarityNamesTheMatchingAttribute) {
    const UserAttributes user{"zed", "Johnathan", "Smithers", "jsm@example.com"};
    auto similarity = [&](const std::string& password) { return validate_password(password, user).at(0); };
    EXPECT_EQ(similarity("johnathan1"), "The password is too similar to the first name.");
    EXPECT_EQ(similarity("smithers12"), "The password is too similar to the last name.");
    EXPECT_EQ(similarity("jsm@example"), "The password is too similar to the email address.");
    EXPECT_EQ(similarity("examples!"), "The password is too similar to the email address.");
    EXPECT_TRUE(validate_password("zedzed-Qx7!", user).empty());
}

TEST(PasswordValidation, LengthCountsCharactersNotBytes) {
    const std::string too_short =
        "This password is too short. It must contain at least 8 characters.";
    auto has_short = [&](const std::string& password) {
        const auto errors = validate_password(password, {});
        return std::find(errors.begin(), errors.end(), too_short) != errors.end();
    };
    EXPECT_TRUE(has_short("Zx9!kq3"));
    EXPECT_FALSE(has_short("Zx9!kq3w"));
    EXPECT_TRUE(has_short("日本語パスワ"));       // 6 characters, 18 bytes
    EXPECT_TRUE(has_short("ñ€日本語パス"));       // 7 characters
    EXPECT_FALSE(has_short("ñ€日本語パスワ"));    // 8 characters
    EXPECT_TRUE(has_short("😀😀😀😀😀😀😀"));  // 7 characters, 28 bytes
}

TEST(PasswordValidation, CommonPasswordsLowercasedAndStripped) {
    EXPECT_TRUE(is_common_password("password"));
    EXPECT_TRUE(is_common_password("PASSWORD "));
    EXPECT_TRUE(is_common_password("\t PassWord\n"));
    EXPECT_TRUE(is_common_password("qwerty123"));
    EXPECT_FALSE(is_common_password("pass word"));
    EXPECT_FALSE(is_common_password("correct horse battery staple"));
    EXPECT_FALSE(is_common_password(""));
}

TEST(PasswordValidation, CommonListIsDjangos) {
    // Django 3.2's common-passwords.txt.gz as Django reads it (a set of stripped lines).
    EXPECT_EQ(common_password_count(), 19727u);
}

TEST(PasswordValidation, NumericMeansAllDigits) {
    const std::string numeric = "This password is entirely numeric.";
    auto has_numeric = [&](const std::string& password) {
        const auto errors = validate_password(password, {});
        return std::find(errors.begin(), errors.end(), numeric) != errors.end();
    };
    EXPECT_TRUE(has_numeric("9782734983274"));
    EXPECT_FALSE(has_numeric("9782734983274a"));
    EXPECT_FALSE(has_numeric(" 9782734983274"));
    EXPECT_FALSE(has_numeric(""));  // Python: "".isdigit() is False
}

TEST(PasswordValidation, HelpTextsAsDjango) {
    const std::vector<std::string> expected = {
        "Your password can’t be too similar to your other personal information.",
        "Your password must contain at least 8 characters.",
        "Your password can’t be a commonly used password.",
        "Your password can’t be entirely numeric.",
    };
    EXPECT_EQ(password_validators_help_texts(), expected);
}

struct RatioVector {
    std::u32string a, b;
    double ratio;
};

TEST(PythonStr, QuickRatioAsDifflib) {
    const std::vector<RatioVector> vectors = {
        {U"abcd", U"bcde", 0.75},
        {U"alexander1", U"alexander", 0.9473684210526315},
        {U"", U"", 1.0},
        {U"aab", U"abb", 0.6666666666666666},
        {U"abc", U"", 0.0},
        {U"hello", U"world", 0.4},
    };
    for (const auto& v : vectors) {
        EXPECT_DOUBLE_EQ(python_str::quick_ratio(v.a, v.b), v.ratio);
    }
}

TEST(PythonStr, LowerStripAndDecode) {
    EXPECT_EQ(python_str::lower(U"ÀÉÎÕÜ ŁŹŻ ΑΒΓ АБВ Ґ"), U"àéîõü łźż αβγ абв ґ");
    EXPECT_EQ(python_str::strip(U"\u00a0\u3000 x y \t\n"), U"x y");
    EXPECT_EQ(python_str::decode("a\xff" "b"), (std::u32string{U'a', 0xDCFF, U'b'}));
    EXPECT_EQ(python_str::encode(python_str::decode("a\xff" "b€")), "a\xff" "b€");
}

}  // namespace
}  // namespace gatehouse::auth
