#include "api/app_state.hpp"

#include <chrono>

namespace gatehouse::api {

AppState::AppState(config::Settings settings_in, std::unique_ptr<store::Store> store_in)
    : settings(std::move(settings_in)),
      store(std::move(store_in)),
      hasher(settings.pbkdf2_iterations),
      tokens(auth::JwsCodec(settings.secret_key, settings.algorithm),
             auth::TokenLifetimes{settings.access_token_lifetime_s, settings.refresh_token_lifetime_s}),
      token_service(tokens, hasher, *store,
                    auth::TokenPolicy{settings.rotate_refresh_tokens, settings.blacklist_after_rotation}),
      bearer(tokens, store->users()) {}

std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace gatehouse::api
