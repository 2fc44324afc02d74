#pragma once
// DRF's request.data and CharField rules: JSON and form bodies become one object of
// fields; string fields are read with DRF's messages for missing, null, blank and
// non-string values.
#include "http/message.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace gatehouse::api {

// Parses application/json (an object, nesting at most 32 deep) or
// application/x-www-form-urlencoded; an empty body is an empty object. Throws ApiError:
// 400 "JSON parse error - ...", 400 non_field_errors for a non-object, 415 for other types.
boost::json::object parse_request_data(const http::Request& request);

// Reads required CharFields (trim_whitespace, allow_blank=False, allow_null=False) and
// collects every field's error before throwing them together, as a DRF serializer does.
class FieldReader {
public:
    explicit FieldReader(const boost::json::object& data) : data_(data) {}

    // The trimmed value, or nullopt after recording the field's error.
    std::optional<std::string> required_string(std::string_view name);

    // Throws ApiError::validation with all recorded errors, if any.
    void finish() const;

private:
    const boost::json::object& data_;
    boost::json::object errors_;
};

}  // namespace gatehouse::api
