#include "admin/flash_messages.hpp"

#include "auth/base64url.hpp"
#include "auth/hashers/encoding.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

namespace gatehouse::admin {
namespace {

std::string signature(std::string_view payload, std::string_view secret_key) {
    static constexpr std::string_view salt = "gatehouse.admin.flash_messages:";
    std::string message = std::string(salt) + std::string(payload);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_size = 0;
    if (!HMAC(EVP_sha256(), secret_key.data(), int(secret_key.size()),
              reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &mac_size)) {
        throw std::runtime_error("OpenSSL: HMAC failed");
    }
    return auth::base64url_encode(std::string_view(reinterpret_cast<const char*>(mac), mac_size));
}

constexpr std::size_t max_cookie_bytes = 3000;

}  // namespace

std::string encode_flashes(const std::vector<Flash>& flashes, std::string_view secret_key) {
    boost::json::array list;
    for (const Flash& flash : flashes) list.push_back(boost::json::array{flash.level, flash.text});
    std::string payload = auth::base64url_encode(boost::json::serialize(list));
    return payload + "." + signature(payload, secret_key);
}

std::vector<Flash> decode_flashes(std::string_view cookie, std::string_view secret_key) {
    std::vector<Flash> flashes;
    if (cookie.empty() || cookie.size() > max_cookie_bytes) return flashes;
    auto dot = cookie.find('.');
    if (dot == std::string_view::npos) return flashes;
    std::string_view payload = cookie.substr(0, dot);
    if (!auth::hashers::constant_time_equals(cookie.substr(dot + 1), signature(payload, secret_key))) return flashes;
    auto json = auth::base64url_decode(payload);
    if (!json) return flashes;
    boost::system::error_code ec;
    auto value = boost::json::parse(*json, ec);
    if (ec || !value.is_array()) return flashes;
    for (const auto& item : value.get_array()) {
        const auto* pair = item.if_array();
        if (!pair || pair->size() != 2 || !(*pair)[0].is_string() || !(*pair)[1].is_string()) continue;
        flashes.push_back({std::string((*pair)[0].get_string()), std::string((*pair)[1].get_string())});
    }
    return flashes;
}

}  // namespace gatehouse::admin
