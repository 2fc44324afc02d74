#include "auth/jwt.hpp"

#include "auth/base64url.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <stdexcept>

namespace gatehouse::auth {

std::optional<JwtAlgorithm> parse_jwt_algorithm(std::string_view name) {
    if (name == "HS256") return JwtAlgorithm::hs256;
    if (name == "HS384") return JwtAlgorithm::hs384;
    if (name == "HS512") return JwtAlgorithm::hs512;
    return std::nullopt;
}

std::string_view jwt_algorithm_name(JwtAlgorithm algorithm) {
    switch (algorithm) {
    case JwtAlgorithm::hs256: return "HS256";
    case JwtAlgorithm::hs384: return "HS384";
    case JwtAlgorithm::hs512: return "HS512";
    }
    return "HS256";
}

namespace {

const char* digest_name(JwtAlgorithm algorithm) {
    switch (algorithm) {
    case JwtAlgorithm::hs256: return "SHA256";
    case JwtAlgorithm::hs384: return "SHA384";
    case JwtAlgorithm::hs512: return "SHA512";
    }
    return "SHA256";
}

// Codec identities for the per-thread MAC cache; never reused, unlike addresses.
std::atomic<std::uint64_t> next_codec_id{1};

using Mac = std::array<unsigned char, EVP_MAX_MD_SIZE>;

}  // namespace

struct JwsCodec::Keyed {
    std::uint64_t id = next_codec_id.fetch_add(1, std::memory_order_relaxed);
    EVP_MAC* mac = nullptr;
    EVP_MAC_CTX* prototype = nullptr;  // keyed once; only ever duplicated, never updated
    std::size_t mac_size = 0;
    std::string header_segment;  // base64url of the header PyJWT writes
    std::string_view algorithm_name;

    Keyed(const std::string& key, JwtAlgorithm algorithm)
        : algorithm_name(jwt_algorithm_name(algorithm)) {
        mac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
        if (mac != nullptr) prototype = EVP_MAC_CTX_new(mac);
        if (prototype == nullptr) {
            release();
            throw std::runtime_error("OpenSSL: HMAC is not available");
        }
        const OSSL_PARAM params[] = {
            OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
                                             const_cast<char*>(digest_name(algorithm)), 0),
            OSSL_PARAM_construct_end(),
        };
        // key.data() is never null, so an empty key is keyed as empty (as PyJWT allows).
        if (EVP_MAC_init(prototype, reinterpret_cast<const unsigned char*>(key.data()),
                         key.size(), params) != 1) {
            release();
            throw std::runtime_error("OpenSSL: cannot key HMAC");
        }
        mac_size = EVP_MAC_CTX_get_mac_size(prototype);
        // PyJWT sorts header keys and uses compact separators.
        std::string header = R"({"alg":")";
        header.append(algorithm_name);
        header.append(R"(","typ":"JWT"})");
        header_segment = base64url_encode(header);
    }
    ~Keyed() { release(); }
    Keyed(const Keyed&) = delete;
    Keyed& operator=(const Keyed&) = delete;

    void release() {
        EVP_MAC_CTX_free(prototype);
        EVP_MAC_free(mac);
        prototype = nullptr;
        mac = nullptr;
    }
};

namespace {

// A keyed EVP_MAC_CTX is not safe to share between threads, and keying one costs two
// digest blocks plus provider look-ups. Each thread keeps one copy of the last codec's
// prototype and re-initialises it per token, which restarts HMAC with the same key.
struct ThreadMac {
    std::uint64_t owner = 0;
    EVP_MAC_CTX* ctx = nullptr;
    ~ThreadMac() { EVP_MAC_CTX_free(ctx); }
};
thread_local ThreadMac thread_mac;

// The MAC of `input`, or 0 on an OpenSSL failure.
std::size_t compute_mac(const JwsCodec::Keyed& keyed, std::string_view input, Mac& out) {
    if (thread_mac.owner != keyed.id || thread_mac.ctx == nullptr) {
        EVP_MAC_CTX_free(thread_mac.ctx);
        thread_mac.ctx = EVP_MAC_CTX_dup(keyed.prototype);
        thread_mac.owner = thread_mac.ctx != nullptr ? keyed.id : 0;
        if (thread_mac.ctx == nullptr) return 0;
    } else if (EVP_MAC_init(thread_mac.ctx, nullptr, 0, nullptr) != 1) {
        return 0;
    }
    std::size_t written = 0;
    if (EVP_MAC_update(thread_mac.ctx, reinterpret_cast<const unsigned char*>(input.data()),
                       input.size()) != 1 ||
        EVP_MAC_final(thread_mac.ctx, out.data(), &written, out.size()) != 1) {
        thread_mac.owner = 0;  // state unknown: start from the prototype next time
        return 0;
    }
    return written;
}

boost::json::parse_options json_limits() {
    boost::json::parse_options options;
    options.max_depth = JwsCodec::max_json_depth;
    return options;
}

// PyJWT's header rules (api_jws._validate_headers, _verify_signature), "crit" refused.
bool header_acceptable(std::string_view header_json, std::string_view algorithm_name) {
    // Headers are tiny; parse them into a stack buffer that is dropped afterwards.
    unsigned char buffer[2048];
    boost::json::monotonic_resource resource(buffer, sizeof buffer);
    boost::system::error_code ec;
    const boost::json::value header = boost::json::parse(header_json, ec, &resource, json_limits());
    if (ec || !header.is_object()) return false;
    const boost::json::object& fields = header.get_object();

    const boost::json::value* alg = fields.if_contains("alg");
    if (alg == nullptr || !alg->is_string() || alg->get_string() != algorithm_name) return false;
    if (fields.contains("crit")) return false;
    if (const auto* kid = fields.if_contains("kid"); kid != nullptr && !kid->is_string())
        return false;
    if (const auto* b64 = fields.if_contains("b64"); b64 != nullptr && b64->is_bool() &&
                                                     !b64->get_bool())
        return false;
    return true;
}

}  // namespace

JwsCodec::JwsCodec(std::string key, JwtAlgorithm algorithm)
    : keyed_(std::make_shared<const Keyed>(key, algorithm)), algorithm_(algorithm) {
    // The raw key is kept only inside OpenSSL's keyed state; wipe our copy.
    OPENSSL_cleanse(key.data(), key.size());
}

std::string JwsCodec::encode(const boost::json::object& claims) const {
    const std::string payload = boost::json::serialize(claims);
    std::string token;
    token.reserve(keyed_->header_segment.size() + base64url_encoded_size(payload.size()) +
                  base64url_encoded_size(keyed_->mac_size) + 2);
    token.append(keyed_->header_segment);
    token.push_back('.');
    base64url_encode_append(payload, token);
    Mac mac;
    const std::size_t mac_size = compute_mac(*keyed_, token, mac);
    if (mac_size == 0) throw std::runtime_error("OpenSSL: HMAC failed");
    token.push_back('.');
    base64url_encode_append(
        std::string_view(reinterpret_cast<const char*>(mac.data()), mac_size), token);
    return token;
}

std::optional<boost::json::object> JwsCodec::decode(std::string_view token) const {
    if (token.size() > max_token_size) return std::nullopt;
    const std::size_t first_dot = token.find('.');
    if (first_dot == std::string_view::npos) return std::nullopt;
    const std::size_t second_dot = token.find('.', first_dot + 1);
    if (second_dot == std::string_view::npos ||
        token.find('.', second_dot + 1) != std::string_view::npos)
        return std::nullopt;
    const std::string_view header_segment = token.substr(0, first_dot);
    const std::string_view payload_segment =
        token.substr(first_dot + 1, second_dot - first_dot - 1);
    const std::string_view signature_segment = token.substr(second_dot + 1);
    const std::string_view signing_input = token.substr(0, second_dot);

    // Nearly every token carries the exact header we write; skip its JSON parse then.
    if (header_segment != keyed_->header_segment) {
        try {
            const auto header_json = base64url_decode(header_segment);
            if (!header_json || !header_acceptable(*header_json, keyed_->algorithm_name))
                return std::nullopt;
        } catch (const std::exception&) {  // allocation failure; size is already bounded
            return std::nullopt;
        }
    }

    Mac presented;
    const auto presented_size = base64url_decode_to(signature_segment, presented);
    if (!presented_size || *presented_size != keyed_->mac_size) return std::nullopt;
    Mac expected;
    if (compute_mac(*keyed_, signing_input, expected) != keyed_->mac_size) return std::nullopt;
    if (CRYPTO_memcmp(presented.data(), expected.data(), keyed_->mac_size) != 0)
        return std::nullopt;

    try {
        const auto payload_json = base64url_decode(payload_segment);
        if (!payload_json) return std::nullopt;
        boost::system::error_code ec;
        boost::json::value payload = boost::json::parse(*payload_json, ec, {}, json_limits());
        if (ec || !payload.is_object()) return std::nullopt;
        return std::move(payload.get_object());
    } catch (const std::exception&) {  // allocation failure; size is already bounded
        return std::nullopt;
    }
}

}  // namespace gatehouse::auth
