#include "api/request_data.hpp"

#include "http/api_error.hpp"
#include "http/urlencoded.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/serialize.hpp>

#include <cmath>
#include <cstdio>

namespace gatehouse::api {
namespace {

constexpr std::size_t max_json_depth = 32;

std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// The media type without parameters, lower-cased: "application/json; charset=utf-8" -> "application/json".
std::string media_type(std::string_view content_type) {
    auto semicolon = content_type.find(';');
    std::string_view type = content_type.substr(0, semicolon);
    while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.remove_suffix(1);
    while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.remove_prefix(1);
    return lower_ascii(type);
}

// WSGI gives Django header values decoded as Latin-1 (PEP 3333), so DRF echoes a byte 0xFF as
// "\u00ff"; echoing the raw byte would make the response body invalid UTF-8, hence not JSON.
std::string latin1_to_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

// Python's type names, for DRF's "Expected a dictionary, but got list." message.
std::string_view python_type_name(const boost::json::value& value) {
    switch (value.kind()) {
        case boost::json::kind::array: return "list";
        case boost::json::kind::string: return "str";
        case boost::json::kind::bool_: return "bool";
        case boost::json::kind::null: return "NoneType";
        case boost::json::kind::double_: return "float";
        default: return "int";
    }
}

boost::json::object parse_json(std::string_view body) {
    boost::json::parse_options options;
    options.max_depth = max_json_depth;
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(body, ec, {}, options);
    if (ec) {
        throw http::ApiError(http::Status::bad_request,
                             boost::json::object{{"detail", "JSON parse error - " + ec.message()}});
    }
    if (!value.is_object()) {
        std::string message = "Invalid data. Expected a dictionary, but got " + std::string(python_type_name(value)) + ".";
        throw http::ApiError(http::Status::bad_request,
                             boost::json::object{{"non_field_errors", boost::json::array{boost::json::string(message)}}});
    }
    return std::move(value.as_object());
}

boost::json::object parse_form(std::string_view body) {
    auto pairs = http::parse_urlencoded(body);
    if (!pairs) throw http::ApiError(http::Status::bad_request, boost::json::object{{"detail", "Malformed form data."}});
    boost::json::object data;
    // QueryDict.get() returns the last value of a repeated key.
    for (auto& [name, value] : *pairs) data[name] = boost::json::value(value);
    return data;
}

// Python's str() of a number, as DRF's CharField applies to ints and floats.
std::string python_number_text(const boost::json::value& value) {
    if (value.is_int64()) return std::to_string(value.as_int64());
    if (value.is_uint64()) return std::to_string(value.as_uint64());
    double number = value.as_double();
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.17g", number);
    // Prefer the shortest text that reads back as the same double, as Python's repr does.
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buffer, sizeof buffer, "%.*g", precision, number);
        if (std::strtod(buffer, nullptr) == number) break;
    }
    std::string text(buffer);
    if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
    return text;
}

std::string trim_whitespace(std::string_view text) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return std::string(text);
}

}  // namespace

boost::json::object parse_request_data(const http::Request& request) {
    const std::string& body = request.body();
    auto content_type = request[http::beast_http::field::content_type];
    if (body.empty()) return {};
    if (content_type.empty()) return {};  // DRF: no media type, no data
    std::string type = media_type(content_type);
    if (type == "application/json") return parse_json(body);
    if (type == "application/x-www-form-urlencoded") return parse_form(body);
    throw http::ApiError(http::Status::unsupported_media_type,
                         boost::json::object{{"detail", "Unsupported media type \"" + latin1_to_utf8(content_type) + "\" in request."}});
}

std::optional<std::string> FieldReader::required_string(std::string_view name) {
    auto fail = [&](std::string_view message) -> std::optional<std::string> {
        errors_[name] = boost::json::array{boost::json::string(message)};
        return std::nullopt;
    };
    const boost::json::value* value = data_.if_contains(name);
    if (!value) return fail("This field is required.");
    if (value->is_null()) return fail("This field may not be null.");
    std::string text;
    if (value->is_string()) {
        text = trim_whitespace(value->as_string());
    } else if (value->is_number()) {
        text = python_number_text(*value);
    } else {
        return fail("Not a valid string.");
    }
    if (text.empty()) return fail("This field may not be blank.");
    return text;
}

void FieldReader::finish() const {
    if (!errors_.empty()) throw http::ApiError::validation(errors_);
}

}  // namespace gatehouse::api
