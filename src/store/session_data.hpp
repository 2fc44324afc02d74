#pragma once
// The format of gatehouse's rows in Django's django_session table, the same on every
// backend: session_data is JSON that begins exactly {"gatehouse_user_id":<id>, so that
// remove_for_user() can find a user's sessions with a LIKE on that prefix, and anything
// else (a Django session, a row edited by hand) never opens.
#include "store/types.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace gatehouse::store {

// What every session_data of the user begins with.
std::string session_data_prefix(UserId user_id);
// The LIKE pattern (escaped with '\') matching every session of the user.
std::string user_sessions_pattern(UserId user_id);

std::string encode_session_data(const Session& session);
// user_id and auth_hash from `data`, or nullopt for anything encode_session_data() did not write.
std::optional<Session> decode_session_data(std::string_view data);

}  // namespace gatehouse::store
