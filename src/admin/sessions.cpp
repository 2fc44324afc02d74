#include "admin/sessions.hpp"

#include "admin/cookies.hpp"
#include "auth/hashers/encoding.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <stdexcept>

namespace gatehouse::admin {
namespace {

std::string to_hex(const unsigned char* bytes, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size * 2);
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 15];
    }
    return out;
}

// 43 characters from [a-zA-Z0-9]: about 256 bits.
constexpr std::size_t session_key_length = 43;

}  // namespace

std::string SessionManager::key_hash_of(std::string_view cookie_value) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(cookie_value.data()), cookie_value.size(), digest);
    // django_session.session_key is varchar(40): 160 bits of the hash are kept.
    return to_hex(digest, SHA256_DIGEST_LENGTH).substr(0, 40);
}

std::string SessionManager::auth_hash(std::string_view encoded_password) const {
    // As Django's get_session_auth_hash: an HMAC of the password hash under the secret key,
    // with a salt of its own so the value is useless for anything else.
    static constexpr std::string_view salt = "gatehouse.admin.SessionManager.auth_hash:";
    std::string message = std::string(salt) + std::string(encoded_password);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_size = 0;
    if (!HMAC(EVP_sha256(), secret_key_.data(), int(secret_key_.size()),
              reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac, &mac_size)) {
        throw std::runtime_error("OpenSSL: HMAC failed");
    }
    return to_hex(mac, mac_size);
}

std::optional<AdminSession> SessionManager::load(const http::Request& request) {
    auto cookie = cookie_value(request[http::beast_http::field::cookie], session_cookie_name);
    if (!cookie || cookie->size() != session_key_length) return std::nullopt;
    std::string key_hash = key_hash_of(*cookie);
    auto session = store_.sessions().find(key_hash, store::now());
    if (!session) return std::nullopt;
    auto user = store_.users().find_by_id(session->user_id);
    const bool live = user && user->is_active && user->is_staff &&
                      auth::hashers::constant_time_equals(session->auth_hash, auth_hash(user->password));
    if (!live) {
        store_.sessions().remove(key_hash);
        return std::nullopt;
    }
    return AdminSession{std::move(*user), std::move(key_hash)};
}

std::string SessionManager::open(const store::User& user) {
    std::string key = auth::hashers::random_string(session_key_length);
    store::Session session;
    session.key_hash = key_hash_of(key);
    session.user_id = user.id;
    session.auth_hash = auth_hash(user.password);
    session.expires = store::now() + std::chrono::duration_cast<std::chrono::microseconds>(session_lifetime);
    store_.sessions().create(session);
    return key;
}

void SessionManager::end(std::string_view key_hash) { store_.sessions().remove(key_hash); }

void SessionManager::end_all(store::UserId user) { store_.sessions().remove_for_user(user); }

void SessionManager::password_changed(store::UserId user, std::string_view encoded_password,
                                      std::string_view keep_key_hash) {
    store_.sessions().remove_for_user(user, keep_key_hash);
    if (keep_key_hash.empty()) return;
    if (auto kept = store_.sessions().find(keep_key_hash, store::now())) {
        kept->auth_hash = auth_hash(encoded_password);
        store_.sessions().update(*kept);
    }
}

}  // namespace gatehouse::admin
