#include "store/postgres/postgres_sessions.hpp"

#include "store/session_data.hpp"
#include "store/postgres/sql_values.hpp"


namespace gatehouse::store::postgres {
namespace {

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
            session.key_hash, encode_session_data(session), session.expires);
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
        auto session = decode_session_data(result.row(0).text(0));
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
            session.key_hash, encode_session_data(session), session.expires, user_sessions_pattern(session.user_id));
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
