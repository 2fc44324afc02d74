#pragma once
// The request and response types handlers see, and helpers to build JSON responses.
#include <boost/beast/http.hpp>
#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace gatehouse::http {

namespace beast_http = boost::beast::http;
using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using Status = beast_http::status;
using Verb = beast_http::verb;

// application/json response with the body serialized compactly, as DRF renders it.
Response json_response(Status status, const boost::json::value& body, unsigned version = 11);

// {"detail": "..."} with the given status.
Response detail_response(Status status, std::string_view detail, unsigned version = 11);

// The path of a request target, without the query string.
std::string_view target_path(std::string_view target);

}  // namespace gatehouse::http
