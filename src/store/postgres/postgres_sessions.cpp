#include "store/postgres/postgres_sessions.hpp"

#include "store/postgres/sql_values.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <system_error>

namespace gatehouse::store::postgres {
namespace {

// What every session_data of the user begins with: the key remove_for_user() matches on.
std::string data_prefix(UserId user_id) { return R"({"gatehouse_user_id":)" + std::to_string(user_id) + ","; }

std::string user_sessions_pattern(UserId user_id) { return like_escape(data_prefix(user_id)) + "%"; }

std::string session_data(const Session& session) {
    // boost::json::object keeps insertion order, so the user id comes first.
    boost::json::object data;
    data["gatehouse_user_id"] = session.user_id;
    data["auth_hash"] = session.auth_hash;
    return boost::json::serialize(data);
}

// The session in `data`, or nullopt for anything not written by session_data() (a Django
// session, a row edited by hand): such a session would escape remove_for_user(), so it must
// not open either.
std::optional<Session> parse_session_data(std::string_view data) {
    std::error_code error;
    const auto value = boost::json::parse(data, error);
    if (error || !value.is_object()) return std::nullopt;
    const auto& object = value.get_object();
    const auto* user_id = object.if_contains("gatehouse_user_id");
    const auto* auth_hash = object.if_contains("auth_hash");
    if (!user_id || !user_id->is_int64() || !auth_hash || !auth_hash->is_string()) return std::nullopt;
    if (!data.starts_with(data_prefix(user_id->get_int64()))) return std::nullopt;
    Session session;
    session.user_id = user_id->get_int64();
    session.auth_hash = std::string(auth_hash->get_string());
    return session;
}

}  // namespace

void delete_user_sessions(Connection& connection, UserId user_id, std::string_view keep_key_hash) {
    connection.query(
        R"(DELETE FROM "django_session" WHERE "session_data" LIKE $1 ESCAPE '\' AND "session_key" IS DISTINCT FROM $2)",
        user_sessions_pattern(user_id), keep_key_hash);
}

void PostgresSessions::create(const Session& session) {
    pool_.transaction([&](Transaction& tx) {
        tx.connection().query(
            R"(INSERT INTO "django_session" ("session_key", "session_data", "expire_date") VALUES ($1, $2, $3))",
            session.key_hash, session_data(session), session.expires);
        tx.commit();
    });
}

std::optional<Session> PostgresSessions::find(std::string_view key_hash, Timestamp now) {
    if (!storable_text(key_hash)) return std::nullopt;
    return pool_.run([&](Connection& connection) -> std::optional<Session> {
        const auto result = connection.query(
            R"(SELECT "session_data", "expire_date" FROM "django_session"
               WHERE "session_key" = $1 AND "expire_date" > $2)",
            key_hash, now);
        if (result.empty()) return std::nullopt;
        auto session = parse_session_data(result.row(0).text(0));
        if (!session) return std::nullopt;
        session->key_hash = std::string(key_hash);
        session->expires = result.row(0).timestamp(1);
        return session;
    });
}

void PostgresSessions::update(const Session& session) {
    // Only a session of that same user: an update never moves a session to another user.
    pool_.transaction([&](Transaction& tx) {
        tx.connection().query(
            R"(UPDATE "django_session" SET "session_data" = $2, "expire_date" = $3
               WHERE "session_key" = $1 AND "session_data" LIKE $4 ESCAPE '\')",
            session.key_hash, session_data(session), session.expires, user_sessions_pattern(session.user_id));
        tx.commit();
    });
}

void PostgresSessions::remove(std::string_view key_hash) {
    if (!storable_text(key_hash)) return;
    pool_.transaction([&](Transaction& tx) {
        tx.connection().query(R"(DELETE FROM "django_session" WHERE "session_key" = $1)", key_hash);
        tx.commit();
    });
}

void PostgresSessions::remove_for_user(UserId user_id, std::string_view keep_key_hash) {
    pool_.transaction([&](Transaction& tx) {
        // A keep key that no row can have keeps none of them.
        delete_user_sessions(tx.connection(), user_id, storable_text(keep_key_hash) ? keep_key_hash : "");
        tx.commit();
    });
}

std::int64_t PostgresSessions::remove_expired(Timestamp now) {
    return pool_.transaction([&](Transaction& tx) {
        const auto removed =
            tx.connection().query(R"(DELETE FROM "django_session" WHERE "expire_date" <= $1)", now).affected();
        tx.commit();
        return removed;
    });
}

}  // namespace gatehouse::store::postgres
