#include "store/session_data.hpp"

#include "store/like_pattern.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <system_error>

namespace gatehouse::store {

std::string session_data_prefix(UserId user_id) { return R"({"gatehouse_user_id":)" + std::to_string(user_id) + ","; }

std::string user_sessions_pattern(UserId user_id) { return like_escape(session_data_prefix(user_id)) + "%"; }

std::string encode_session_data(const Session& session) {
    // boost::json::object keeps insertion order, so the user id comes first.
    boost::json::object data;
    data["gatehouse_user_id"] = session.user_id;
    data["auth_hash"] = session.auth_hash;
    return boost::json::serialize(data);
}

std::optional<Session> decode_session_data(std::string_view data) {
    // A row not written by encode_session_data() would escape remove_for_user(), so it must
    // not open either.
    std::error_code error;
    const auto value = boost::json::parse(data, error);
    if (error || !value.is_object()) return std::nullopt;
    const auto& object = value.get_object();
    const auto* user_id = object.if_contains("gatehouse_user_id");
    const auto* auth_hash = object.if_contains("auth_hash");
    if (!user_id || !user_id->is_int64() || !auth_hash || !auth_hash->is_string()) return std::nullopt;
    if (!data.starts_with(session_data_prefix(user_id->get_int64()))) return std::nullopt;
    Session session;
    session.user_id = user_id->get_int64();
    session.auth_hash = std::string(auth_hash->get_string());
    return session;
}

}  // namespace gatehouse::store
