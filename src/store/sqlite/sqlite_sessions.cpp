#include "store/sqlite/sqlite_sessions.hpp"

#include "store/session_data.hpp"
#include "store/sqlite/sql_lists.hpp"
#include "store/sqlite/write_transaction.hpp"


namespace gatehouse::store::sqlite {
namespace {

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
        q.bind(1, session.key_hash).bind(2, encode_session_data(session)).bind(3, session.expires).run();
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
    auto session = decode_session_data(q.text(0));
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
        q.bind(1, session.key_hash).bind(2, encode_session_data(session)).bind(3, session.expires);
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
