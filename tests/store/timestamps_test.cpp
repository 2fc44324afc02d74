#include "store/store.hpp"

#include <gtest/gtest.h>

namespace gatehouse::store {
namespace {

using namespace std::chrono;

Timestamp at(int y, unsigned mo, unsigned d, int h, int mi, int s, int us = 0) {
    return sys_days(year(y) / month(mo) / day(d)) + hours(h) + minutes(mi) + seconds(s) + microseconds(us);
}

TEST(Timestamps, SqliteTextHasMicrosecondsLikeDjango) {
    EXPECT_EQ(to_sqlite_text(at(2024, 1, 31, 12, 34, 56, 123456)), "2024-01-31 12:34:56.123456");
    EXPECT_EQ(to_sqlite_text(at(2024, 1, 31, 12, 34, 56, 7)), "2024-01-31 12:34:56.000007");
}

TEST(Timestamps, SqliteTextOmitsZeroFractionAsPythonStrDoes) {
    EXPECT_EQ(to_sqlite_text(at(2024, 1, 31, 0, 0, 0)), "2024-01-31 00:00:00");
}

TEST(Timestamps, Iso8601IsDrfRendering) {
    EXPECT_EQ(to_iso8601(at(2024, 1, 31, 12, 34, 56, 123456)), "2024-01-31T12:34:56.123456Z");
    EXPECT_EQ(to_iso8601(at(2024, 1, 31, 12, 34, 56)), "2024-01-31T12:34:56Z");
}

TEST(Timestamps, ReadsBothDjangoForms) {
    EXPECT_EQ(from_sqlite_text("2024-01-31 12:34:56.123456"), at(2024, 1, 31, 12, 34, 56, 123456));
    EXPECT_EQ(from_sqlite_text("2024-01-31 12:34:56"), at(2024, 1, 31, 12, 34, 56));
}

TEST(Timestamps, ToleratesOffsetsAndIsoSeparator) {
    EXPECT_EQ(from_sqlite_text("2024-01-31 12:34:56.5+00:00"), at(2024, 1, 31, 12, 34, 56, 500000));
    EXPECT_EQ(from_sqlite_text("2024-01-31T12:34:56Z"), at(2024, 1, 31, 12, 34, 56));
    EXPECT_EQ(from_sqlite_text("2024-01-31 14:34:56+02:00"), at(2024, 1, 31, 12, 34, 56));
    EXPECT_EQ(from_sqlite_text("2024-01-31 10:34:56-02:00"), at(2024, 1, 31, 12, 34, 56));
}

TEST(Timestamps, RejectsWhatDjangoNeverWrites) {
    for (const char* bad : {"", "2024-01-31", "2024-13-01 00:00:00", "2024-02-30 00:00:00",
                            "2024-01-31 24:00:00", "2024-01-31 12:34:56.", "2024-01-31 12:34:56 junk",
                            "2024/01/31 12:34:56", "2024-01-31 12:34:56+0000"}) {
        EXPECT_FALSE(from_sqlite_text(bad).has_value()) << bad;
    }
}

TEST(Timestamps, RoundTripsNow) {
    const Timestamp t = now();
    EXPECT_EQ(from_sqlite_text(to_sqlite_text(t)), t);
}

TEST(Timestamps, SqliteTextSortsChronologically) {
    // flush_expired compares the text in SQL, as Django does.
    EXPECT_LT(to_sqlite_text(at(2024, 1, 31, 12, 34, 56)), to_sqlite_text(at(2024, 1, 31, 12, 34, 56, 1)));
    EXPECT_LT(to_sqlite_text(at(2024, 1, 31, 12, 34, 56, 999999)), to_sqlite_text(at(2024, 1, 31, 12, 34, 57)));
}

}  // namespace
}  // namespace gatehouse::store
