// Datetimes as Django keeps them in SQLite (naive text in UTC, str(datetime) style) and as DRF
// renders them (ISO 8601 with a Z).
#include "store/store.hpp"
#include "store/types.hpp"

#include <string>

namespace gatehouse::store {
namespace {

using namespace std::chrono;

struct Parts {
    year_month_day date;
    hh_mm_ss<microseconds> time;
    long long micros;
};

Parts split(Timestamp when) {
    const auto day = floor<days>(when);
    return {year_month_day(day), hh_mm_ss<microseconds>(when - day), (when - floor<seconds>(when)).count()};
}

// `value` as exactly `width` decimal digits (0 <= value < 10^width).
void append_fixed(std::string& out, long long value, int width) {
    char digits[8];
    for (int i = width - 1; i >= 0; --i) {
        digits[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    out.append(digits, static_cast<std::size_t>(width));
}

// "YYYY-MM-DD<sep>HH:MM:SS", then ".ffffff" unless the microseconds are zero, as Python's
// isoformat() does; `suffix` after that. Written digit by digit: it runs for every user the
// API renders, and snprintf cost more than the rest of the rendering.
std::string format(Timestamp when, char separator, const char* suffix) {
    const Parts p = split(when);
    const int year = static_cast<int>(p.date.year());
    std::string out;
    out.reserve(32);
    if (year < 0 || year > 9999) {
        out += std::to_string(year);  // Python cannot hold these; keep them readable anyway
    } else {
        append_fixed(out, year, 4);
    }
    out += '-';
    append_fixed(out, static_cast<unsigned>(p.date.month()), 2);
    out += '-';
    append_fixed(out, static_cast<unsigned>(p.date.day()), 2);
    out += separator;
    append_fixed(out, p.time.hours().count(), 2);
    out += ':';
    append_fixed(out, p.time.minutes().count(), 2);
    out += ':';
    append_fixed(out, p.time.seconds().count(), 2);
    if (p.micros != 0) {
        out += '.';
        append_fixed(out, p.micros, 6);
    }
    out += suffix;
    return out;
}

bool digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
    if (pos + count > text.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return false;
        out = out * 10 + (text[i] - '0');
    }
    return true;
}

}  // namespace

Timestamp now() { return floor<microseconds>(system_clock::now()); }

std::string to_sqlite_text(Timestamp when) { return format(when, ' ', ""); }

std::string to_iso8601(Timestamp when) { return format(when, 'T', "Z"); }

std::optional<Timestamp> from_sqlite_text(std::string_view text) {
    // YYYY-MM-DD[ T]HH:MM:SS[.f{1,6}][Z|+HH:MM|-HH:MM]
    int y, mo, d, h, mi, s;
    if (!digits(text, 0, 4, y) || text.size() < 19 || text[4] != '-' || !digits(text, 5, 2, mo) ||
        text[7] != '-' || !digits(text, 8, 2, d) || (text[10] != ' ' && text[10] != 'T') ||
        !digits(text, 11, 2, h) || text[13] != ':' || !digits(text, 14, 2, mi) || text[16] != ':' ||
        !digits(text, 17, 2, s)) {
        return std::nullopt;
    }
    const year_month_day date{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
    if (!date.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;

    std::size_t pos = 19;
    long long micros = 0;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        int count = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (count < 6) {
                micros = micros * 10 + (text[pos] - '0');
                ++count;
            }  // finer digits than Django keeps are dropped
            ++pos;
        }
        if (count == 0) return std::nullopt;
        for (; count < 6; ++count) micros *= 10;
    }

    minutes offset{0};
    if (pos < text.size() && text[pos] == 'Z') {
        ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        int oh, om;
        if (!digits(text, pos + 1, 2, oh) || text.size() < pos + 6 || text[pos + 3] != ':' ||
            !digits(text, pos + 4, 2, om)) {
            return std::nullopt;
        }
        offset = hours(oh) + minutes(om);
        if (text[pos] == '-') offset = -offset;
        pos += 6;
    }
    if (pos != text.size()) return std::nullopt;

    return sys_days(date) + hours(h) + minutes(mi) + seconds(s) + microseconds(micros) - offset;
}

}  // namespace gatehouse::store
