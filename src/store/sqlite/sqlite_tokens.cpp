#include "store/sqlite/sqlite_tokens.hpp"

#include "store/sqlite/write_transaction.hpp"

namespace gatehouse::store::sqlite {
namespace {

void insert_outstanding(Connection& connection, const OutstandingToken& token) {
    Query q(connection.prepare(
        R"(INSERT INTO "token_blacklist_outstandingtoken" ("token", "created_at", "expires_at", "user_id", "jti")
           VALUES (?1, ?2, ?3, ?4, ?5))"));
    q.bind(1, token.token).bind(2, token.created_at).bind(3, token.expires_at).bind(4, token.user_id);
    q.bind(5, token.jti).run();
}

// SimpleJWT's OutstandingToken.objects.get_or_create(jti=...): the id of the row, made if absent.
std::int64_t outstanding_id(Connection& connection, const OutstandingToken& token) {
    {
        Query q(connection.prepare(R"(SELECT "id" FROM "token_blacklist_outstandingtoken" WHERE "jti" = ?1)"));
        q.bind(1, token.jti);
        if (q.step()) return q.int64(0);
    }
    insert_outstanding(connection, token);
    return connection.last_insert_rowid();
}

// False when the token already has a blacklist row; the caller's transaction is then left
// without writes of ours beyond a possible outstanding row, which it rolls back.
bool blacklist_in(Connection& connection, const OutstandingToken& token) {
    const auto id = outstanding_id(connection, token);
    {
        Query q(connection.prepare(R"(SELECT 1 FROM "token_blacklist_blacklistedtoken" WHERE "token_id" = ?1)"));
        q.bind(1, id);
        if (q.step()) return false;
    }
    Query q(connection.prepare(
        R"(INSERT INTO "token_blacklist_blacklistedtoken" ("blacklisted_at", "token_id") VALUES (?1, ?2))"));
    q.bind(1, now()).bind(2, id).run();
    return true;
}

}  // namespace

void SqliteTokens::record_outstanding(const OutstandingToken& token) {
    WriteTransaction tx(pool_);
    insert_outstanding(tx.connection(), token);
    tx.commit();
}

bool SqliteTokens::is_blacklisted(std::string_view jti) {
    auto connection = pool_.acquire();
    Query q(connection->prepare(
        R"(SELECT EXISTS (SELECT 1 FROM "token_blacklist_blacklistedtoken" b
           JOIN "token_blacklist_outstandingtoken" o ON o."id" = b."token_id" WHERE o."jti" = ?1))"));
    q.bind(1, jti);
    q.step();
    return q.boolean(0);
}

bool SqliteTokens::rotate(const OutstandingToken& old, const OutstandingToken& replacement) {
    // One transaction under the write mutex: concurrent rotations of one token serialize here,
    // and every one after the first sees the blacklist row and writes nothing.
    WriteTransaction tx(pool_);
    if (!blacklist_in(tx.connection(), old)) return false;  // rolled back by tx
    insert_outstanding(tx.connection(), replacement);
    tx.commit();
    return true;
}

bool SqliteTokens::blacklist(const OutstandingToken& token) {
    WriteTransaction tx(pool_);
    if (!blacklist_in(tx.connection(), token)) return false;
    tx.commit();
    return true;
}

std::int64_t SqliteTokens::flush_expired(Timestamp when) {
    // Django's text datetimes compare correctly as strings ("…:56" < "…:56.5"), as they do
    // when SimpleJWT filters expires_at__lte.
    WriteTransaction tx(pool_);
    auto& connection = tx.connection();
    {
        Query q(connection.prepare(
            R"(DELETE FROM "token_blacklist_blacklistedtoken" WHERE "token_id" IN
               (SELECT "id" FROM "token_blacklist_outstandingtoken" WHERE "expires_at" <= ?1))"));
        q.bind(1, when).run();
    }
    {
        Query q(connection.prepare(R"(DELETE FROM "token_blacklist_outstandingtoken" WHERE "expires_at" <= ?1)"));
        q.bind(1, when).run();
    }
    const std::int64_t removed = connection.changes();
    tx.commit();
    return removed;
}

}  // namespace gatehouse::store::sqlite
