#pragma once
#include "store/postgres/connection_pool.hpp"
#include "store/store.hpp"

namespace gatehouse::store::postgres {

// SimpleJWT's token_blacklist tables. Rotation is safe across any number of gatehouse
// processes on one database: the unique index on blacklistedtoken.token_id decides which of
// several concurrent rotations of a token wins (see rotate() in the .cpp).
class PostgresTokens final : public TokenRepository {
public:
    explicit PostgresTokens(ConnectionPool& pool) : pool_(pool) {}
    void record_outstanding(const OutstandingToken& token) override;
    bool is_blacklisted(std::string_view jti) override;
    bool rotate(const OutstandingToken& old, const OutstandingToken& replacement) override;
    bool blacklist(const OutstandingToken& token) override;
    std::int64_t flush_expired(Timestamp now) override;

private:
    ConnectionPool& pool_;
};

}  // namespace gatehouse::store::postgres
