#pragma once
#include "store/sqlite/connection_pool.hpp"
#include "store/store.hpp"

namespace gatehouse::store::sqlite {

// SimpleJWT's token_blacklist tables.
class SqliteTokens final : public TokenRepository {
public:
    explicit SqliteTokens(ConnectionPool& pool) : pool_(pool) {}
    void record_outstanding(const OutstandingToken& token) override;
    bool is_blacklisted(std::string_view jti) override;
    bool rotate(const OutstandingToken& old, const OutstandingToken& replacement) override;
    bool blacklist(const OutstandingToken& token) override;
    std::int64_t flush_expired(Timestamp now) override;

private:
    ConnectionPool& pool_;
};

}  // namespace gatehouse::store::sqlite
