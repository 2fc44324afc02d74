#include "store/sqlite/sqlite_sessions.hpp"

#include "store/sqlite/sql_lists.hpp"
#include "store/sqlite/write_transaction.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <system_error>

namespace gatehouse::store::sqlite {
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
    // IS NOT rather than <>: an empty string_view may bind as NULL, which must keep nothing.
    Query q(connection.prepare(
        R"(DELETE FROM "django_session" WHERE "session_data" LIKE ?1 ESCAPE '\' AND "session_key" IS NOT ?2)"));
    q.bind(1, user_sessions_pattern(user_id)).bind(2, keep_key_hash).run();
}

void SqliteSessions::create(const Session& session) {
    WriteTransaction tx(pool_);
    {
        Query q(tx.connection().prepare(
            R"(INSERT INTO "django_session" ("session_key", "session_data", "expire_date") VALUES (?1, ?2, ?3))"));
        q.bind(1, session.key_hash).bind(2, session_data(session)).bind(3, session.expires).run();
    }
    tx.commit();
}

std::optional<Session> SqliteSessions::find(std::string_view key_hash, Timestamp now) {
    // Django's datetime text compares as the datetimes do, as in Django's own
    // expire_date__gt=timezone.now().
    auto connection = pool_.acquire();
    Query q(connection->prepare(
        R"(SELECT "session_data", "expire_date" FROM "django_session"
           WHERE "session_key" = ?1 AND "expire_date" > ?2)"));
    q.bind(1, key_hash).bind(2, now);
    if (!q.step()) return std::nullopt;
    auto session = parse_session_data(q.text(0));
    if (!session) return std::nullopt;
    session->key_hash = std::string(key_hash);
    session->expires = q.timestamp(1);
    return session;
}

void SqliteSessions::update(const Session& session) {
    // Only a session of that same user: an update never moves a session to another user.
    WriteTransaction tx(pool_);
    {
        Query q(tx.connection().prepare(
            R"(UPDATE "django_session" SET "session_data" = ?2, "expire_date" = ?3
               WHERE "session_key" = ?1 AND "session_data" LIKE ?4 ESCAPE '\')"));
        q.bind(1, session.key_hash).bind(2, session_data(session)).bind(3, session.expires);
        q.bind(4, user_sessions_pattern(session.user_id)).run();
    }
    tx.commit();
}

void SqliteSessions::remove(std::string_view key_hash) {
    WriteTransaction tx(pool_);
    {
        Query q(tx.connection().prepare(R"(DELETE FROM "django_session" WHERE "session_key" = ?1)"));
        q.bind(1, key_hash).run();
    }
    tx.commit();
}

void SqliteSessions::remove_for_user(UserId user_id, std::string_view keep_key_hash) {
    WriteTransaction tx(pool_);
    delete_user_sessions(tx.connection(), user_id, keep_key_hash);
    tx.commit();
}

std::int64_t SqliteSessions::remove_expired(Timestamp now) {
    WriteTransaction tx(pool_);
    auto& connection = tx.connection();
    {
        Query q(connection.prepare(R"(DELETE FROM "django_session" WHERE "expire_date" <= ?1)"));
        q.bind(1, now).run();
    }
    const std::int64_t removed = connection.changes();
    tx.commit();
    return removed;
}

}  // namespace gatehouse::store::sqlite
