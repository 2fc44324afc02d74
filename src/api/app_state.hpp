#pragma once
// The one instance of each service the server uses, built once from the settings (like
// SimpleJWT's state.py): views get it by reference and hold nothing of their own.
#include "auth/bearer_authentication.hpp"
#include "auth/hashers.hpp"
#include "auth/token_service.hpp"
#include "auth/tokens.hpp"
#include "config/settings.hpp"
#include "store/store.hpp"

#include <cstdint>
#include <memory>

namespace gatehouse::api {

struct AppState {
    AppState(config::Settings settings, std::unique_ptr<store::Store> store);

    config::Settings settings;
    std::unique_ptr<store::Store> store;
    auth::PasswordHasher hasher;
    auth::TokenCodec tokens;
    auth::TokenService token_service;
    auth::BearerAuthentication bearer;
};

std::int64_t unix_now();

}  // namespace gatehouse::api
