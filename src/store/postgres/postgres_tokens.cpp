#include "store/postgres/postgres_tokens.hpp"

#include "store/postgres/sql_values.hpp"

namespace gatehouse::store::postgres {
namespace {

void insert_outstanding(Connection& connection, const OutstandingToken& token) {
    connection.query(
        R"(INSERT INTO "token_blacklist_outstandingtoken" ("token", "created_at", "expires_at", "user_id", "jti")
           VALUES ($1, $2, $3, $4, $5))",
        token.token, token.created_at, token.expires_at, token.user_id, token.jti);
}

// SimpleJWT's OutstandingToken.objects.get_or_create(jti=...): the id of the row, made if
// absent. ON CONFLICT waits for a concurrent transaction inserting the same jti; if that one
// commits, the row is read back (READ COMMITTED: the next statement sees it).
std::int64_t outstanding_id(Connection& connection, const OutstandingToken& token) {
    for (int attempt = 0; attempt < 3; ++attempt) {
        const auto inserted = connection.query(
            R"(INSERT INTO "token_blacklist_outstandingtoken" ("token", "created_at", "expires_at", "user_id", "jti")
               VALUES ($1, $2, $3, $4, $5) ON CONFLICT ("jti") DO NOTHING RETURNING "id")",
            token.token, token.created_at, token.expires_at, token.user_id, token.jti);
        if (!inserted.empty()) return inserted.row(0).int64(0);
        const auto existing =
            connection.query(R"(SELECT "id" FROM "token_blacklist_outstandingtoken" WHERE "jti" = $1)", token.jti);
        if (!existing.empty()) return existing.row(0).int64(0);
        // Deleted (flushed) between the two statements: insert again.
    }
    throw StoreError("could not record outstanding token " + token.jti + ": it keeps being deleted concurrently");
}

// False when the token already has a blacklist row. ON CONFLICT on the unique token_id makes
// this the arbiter between concurrent rotations, in any number of processes: a second
// transaction's insert waits until the first commits (then inserts nothing, and so returns
// false) or rolls back (then inserts, and wins).
bool blacklist_in(Connection& connection, const OutstandingToken& token) {
    const auto id = outstanding_id(connection, token);
    return connection
               .query(R"(INSERT INTO "token_blacklist_blacklistedtoken" ("blacklisted_at", "token_id")
                         VALUES ($1, $2::bigint) ON CONFLICT ("token_id") DO NOTHING)",
                      now(), id)
               .affected() == 1;
}

}  // namespace

void PostgresTokens::record_outstanding(const OutstandingToken& token) {
    pool_.transaction([&](Transaction& tx) {
        insert_outstanding(tx.connection(), token);
        tx.commit();
    });
}

bool PostgresTokens::is_blacklisted(std::string_view jti) {
    if (!storable_text(jti)) return false;  // never recorded, so never blacklisted
    return pool_.run([&](Connection& connection) {
        return connection
            .query(R"(SELECT EXISTS (SELECT 1 FROM "token_blacklist_blacklistedtoken" b
                      JOIN "token_blacklist_outstandingtoken" o ON o."id" = b."token_id" WHERE o."jti" = $1))",
                   jti)
            .row(0)
            .boolean(0);
    });
}

bool PostgresTokens::rotate(const OutstandingToken& old, const OutstandingToken& replacement) {
    // One transaction: of concurrent rotations of one token, one inserts the blacklist row and
    // the others find it there (see blacklist_in) and roll back, having written nothing.
    // Durable when COMMIT returns (synchronous_commit, as the server is configured).
    return pool_.transaction([&](Transaction& tx) {
        if (!blacklist_in(tx.connection(), old)) return false;  // rolled back by tx
        insert_outstanding(tx.connection(), replacement);
        tx.commit();
        return true;
    });
}

bool PostgresTokens::blacklist(const OutstandingToken& token) {
    return pool_.transaction([&](Transaction& tx) {
        if (!blacklist_in(tx.connection(), token)) return false;
        tx.commit();
        return true;
    });
}

std::int64_t PostgresTokens::flush_expired(Timestamp when) {
    return pool_.transaction([&](Transaction& tx) {
        auto& connection = tx.connection();
        connection.query(
            R"(DELETE FROM "token_blacklist_blacklistedtoken" WHERE "token_id" IN
               (SELECT "id" FROM "token_blacklist_outstandingtoken" WHERE "expires_at" <= $1))",
            when);
        const auto removed =
            connection.query(R"(DELETE FROM "token_blacklist_outstandingtoken" WHERE "expires_at" <= $1)", when)
                .affected();
        tx.commit();
        return removed;
    });
}

}  // namespace gatehouse::store::postgres
