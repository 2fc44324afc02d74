#include "admin/flash_messages.hpp"

#include <gtest/gtest.h>

namespace gatehouse::admin {
namespace {

const std::string key = "flash-test-key-0123456789abcdef0123456789";

TEST(FlashMessages, RoundTrip) {
    std::vector<Flash> flashes = {{"success", "The user “bob” was added."}, {"warning", "<b>x</b>"}};
    auto decoded = decode_flashes(encode_flashes(flashes, key), key);
    ASSERT_EQ(decoded.size(), 2u);
    EXPECT_EQ(decoded[0].text, "The user “bob” was added.");
    EXPECT_EQ(decoded[1].level, "warning");
}

TEST(FlashMessages, ForgedOrTamperedCookiesShowNothing) {
    std::string cookie = encode_flashes({{"success", "hello"}}, key);
    EXPECT_TRUE(decode_flashes(cookie, "another-key-0123456789abcdef0123456789").empty());
    std::string tampered = cookie;
    tampered[2] = tampered[2] == 'A' ? 'B' : 'A';
    EXPECT_TRUE(decode_flashes(tampered, key).empty());
    EXPECT_TRUE(decode_flashes("garbage", key).empty());
    EXPECT_TRUE(decode_flashes("", key).empty());
    EXPECT_TRUE(decode_flashes(std::string(5000, 'a') + ".b", key).empty());
}

}  // namespace
}  // namespace gatehouse::admin
