// Pure pieces of the PostgreSQL backend: no server needed.
#include "store/postgres/statement.hpp"

#include "store/store.hpp"

#include <gtest/gtest.h>

namespace gatehouse::store::postgres {
namespace {

Timestamp at(const char* text) { return *from_sqlite_text(text); }

TEST(PostgresTimestamps, ReadWhatPostgresWritesInUtc) {
    EXPECT_EQ(from_postgres_text("2024-01-31 12:34:56+00"), at("2024-01-31 12:34:56"));
    EXPECT_EQ(from_postgres_text("2024-01-31 12:34:56.5+00"), at("2024-01-31 12:34:56.5"));
    EXPECT_EQ(from_postgres_text("2024-01-31 12:34:56.000001+00"), at("2024-01-31 12:34:56.000001"));
    EXPECT_EQ(from_postgres_text("1969-12-31 23:59:59.999999+00"), at("1969-12-31 23:59:59.999999"));
}

TEST(PostgresTimestamps, ReadOtherOffsetsToo) {
    EXPECT_EQ(from_postgres_text("2024-01-31 14:34:56+02"), at("2024-01-31 12:34:56"));
    EXPECT_EQ(from_postgres_text("2024-01-31 18:04:56.25+05:30"), at("2024-01-31 12:34:56.25"));
    EXPECT_EQ(from_postgres_text("2024-01-31 04:34:56-08"), at("2024-01-31 12:34:56"));
}

TEST(PostgresTimestamps, RefuseWhatIsNoInstant) {
    EXPECT_FALSE(from_postgres_text("infinity").has_value());
    EXPECT_FALSE(from_postgres_text("-infinity").has_value());
    EXPECT_FALSE(from_postgres_text("0044-03-15 12:00:00+00 BC").has_value());
    EXPECT_FALSE(from_postgres_text("").has_value());
}

TEST(PostgresTimestamps, SentWithAnExplicitUtcOffset) {
    EXPECT_EQ(to_postgres_text(at("2024-01-31 12:34:56.000001")), "2024-01-31 12:34:56.000001+00:00");
    EXPECT_EQ(to_postgres_text(at("2024-01-31 12:34:56")), "2024-01-31 12:34:56+00:00");
    EXPECT_EQ(from_postgres_text(to_postgres_text(at("2024-01-31 12:34:56.5"))), at("2024-01-31 12:34:56.5"));
}

TEST(PostgresParams, RefuseTextWithNulRatherThanCutIt) {
    Params params;
    EXPECT_THROW(params.add(std::string("alice\0x", 7)), StoreError);
    EXPECT_EQ(params.size(), 0);
}

TEST(PostgresParams, KeepOrderAndNulls) {
    Params params;
    params.add(std::int64_t{42}).add(true).add("text").add_null().add(std::optional<std::int64_t>{});
    const auto values = params.pointers();
    ASSERT_EQ(values.size(), 5u);
    EXPECT_STREQ(values[0], "42");
    EXPECT_STREQ(values[1], "true");
    EXPECT_STREQ(values[2], "text");
    EXPECT_EQ(values[3], nullptr);
    EXPECT_EQ(values[4], nullptr);
}

}  // namespace
}  // namespace gatehouse::store::postgres
