#include "auth/hashers/primitives.hpp"

#include <crypt.h>
#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace gatehouse::auth::hashers {
namespace {

std::string digest(const EVP_MD* md, std::string_view data) {
    std::string out(std::size_t(EVP_MD_get_size(md)), '\0');
    unsigned int size = 0;
    if (EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(out.data()), &size,
                   md, nullptr) != 1) {
        throw std::runtime_error("EVP_Digest failed");
    }
    out.resize(size);
    return out;
}

}  // namespace

std::string sha256(std::string_view data) { return digest(EVP_sha256(), data); }
std::string sha1(std::string_view data) { return digest(EVP_sha1(), data); }
std::string md5(std::string_view data) { return digest(EVP_md5(), data); }

std::optional<std::string> unix_crypt(std::string_view password, std::string_view setting) {
    if (password.find('\0') != std::string_view::npos ||
        setting.find('\0') != std::string_view::npos) {
        return std::nullopt;
    }
    // crypt_data is ~32 KiB: too large for comfort on a coroutine or thread stack.
    auto data = std::make_unique<crypt_data>();
    const std::string password_z(password);
    const std::string setting_z(setting);
    // crypt_rn returns NULL on failure instead of crypt_r's "*0" marker strings.
    const char* hashed = crypt_rn(password_z.c_str(), setting_z.c_str(), data.get(), sizeof *data);
    if (hashed == nullptr || hashed[0] == '*') return std::nullopt;
    return std::string(hashed);
}

}  // namespace gatehouse::auth::hashers
