#include "store/postgres/statement.hpp"

#include "store/store.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <utility>

namespace gatehouse::store::postgres {

Params& Params::add(std::int64_t value) {
    values_.emplace_back(std::to_string(value));
    return *this;
}

Params& Params::add(bool value) {
    values_.emplace_back(value ? "true" : "false");
    return *this;
}

Params& Params::add(std::string_view value) {
    if (value.find('\0') != std::string_view::npos) {
        throw StoreError("text with a NUL character cannot be stored in PostgreSQL");
    }
    values_.emplace_back(std::string(value));
    return *this;
}

Params& Params::add(Timestamp value) {
    values_.emplace_back(to_postgres_text(value));
    return *this;
}

Params& Params::add_null() {
    values_.emplace_back(std::nullopt);
    return *this;
}

std::vector<const char*> Params::pointers() const {
    std::vector<const char*> pointers;
    pointers.reserve(values_.size());
    for (const auto& value : values_) pointers.push_back(value ? value->c_str() : nullptr);
    return pointers;
}

Result::~Result() { PQclear(result_); }

Result::Result(Result&& other) noexcept : result_(std::exchange(other.result_, nullptr)) {}

Result& Result::operator=(Result&& other) noexcept {
    if (this != &other) {
        PQclear(result_);
        result_ = std::exchange(other.result_, nullptr);
    }
    return *this;
}

int Result::rows() const { return PQntuples(result_); }

std::int64_t Result::affected() const {
    const char* text = PQcmdTuples(result_);
    std::int64_t count = 0;
    if (text && *text) std::from_chars(text, text + std::char_traits<char>::length(text), count);
    return count;
}

bool Result::is_null(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }

std::string_view Result::view(int row, int column) const {
    return {PQgetvalue(result_, row, column), static_cast<std::size_t>(PQgetlength(result_, row, column))};
}

std::int64_t Row::int64(int column) const {
    const auto text = result_.view(index_, column);
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        throw StoreError("unreadable integer from PostgreSQL: \"" + std::string(text) + "\"");
    }
    return value;
}

bool Row::boolean(int column) const { return result_.view(index_, column) == "t"; }

std::optional<std::string> Row::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}

std::optional<std::int64_t> Row::optional_int64(int column) const {
    if (is_null(column)) return std::nullopt;
    return int64(column);
}

Timestamp Row::timestamp(int column) const {
    const auto text = result_.view(index_, column);
    if (auto parsed = from_postgres_text(text)) return *parsed;
    throw StoreError("unreadable timestamp from PostgreSQL: \"" + std::string(text) + "\"");
}

std::optional<Timestamp> Row::optional_timestamp(int column) const {
    if (is_null(column)) return std::nullopt;
    return timestamp(column);
}

std::string to_postgres_text(Timestamp when) { return to_sqlite_text(when) + "+00:00"; }

std::optional<Timestamp> from_postgres_text(std::string_view text) {
    // PostgreSQL writes the offset as +HH, or +HH:MM when it has minutes (DateStyle ISO);
    // from_sqlite_text() reads +HH:MM. Anything else ("infinity", BC dates) is unreadable.
    if (text.size() >= 22) {
        const std::size_t sign = text.size() - 3;
        if ((text[sign] == '+' || text[sign] == '-') && text[sign - 1] != ':') {
            return from_sqlite_text(std::string(text) + ":00");
        }
    }
    return from_sqlite_text(text);
}

}  // namespace gatehouse::store::postgres
