#include "http/wire_format.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace gatehouse::http {
namespace {

// What Beast's own serializer puts on the wire for the same response.
std::string beast_bytes(const Response& response) {
    std::ostringstream out;
    out << response;
    return out.str();
}

std::string our_bytes(const Response& response) {
    std::string out;
    append_wire_format(out, response);
    return out;
}

TEST(WireFormat, JsonResponseIsByteForByteBeasts) {
    Response response = json_response(Status::ok, boost::json::object{{"id", 1}, {"username", "admin"}});
    response.set(beast_http::field::allow, "GET, HEAD, OPTIONS");
    response.keep_alive(true);
    EXPECT_EQ(our_bytes(response), beast_bytes(response));
    EXPECT_EQ(our_bytes(response),
              "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 27\r\n"
              "Allow: GET, HEAD, OPTIONS\r\n\r\n{\"id\":1,\"username\":\"admin\"}");
}

TEST(WireFormat, ClosingResponseCarriesConnectionClose) {
    Response response = detail_response(Status::unauthorized, "Authentication credentials were not provided.");
    response.set(beast_http::field::www_authenticate, "Bearer realm=\"api\"");
    response.keep_alive(false);
    const std::string bytes = our_bytes(response);
    EXPECT_EQ(bytes, beast_bytes(response));
    EXPECT_NE(bytes.find("\r\nConnection: close\r\n"), std::string::npos);
    EXPECT_EQ(bytes.rfind("HTTP/1.1 401 Unauthorized\r\n", 0), 0u);
}

TEST(WireFormat, Http10KeepAliveSaysSo) {
    Response response = detail_response(Status::not_found, "Not found.", 10);
    response.keep_alive(true);
    const std::string bytes = our_bytes(response);
    EXPECT_EQ(bytes, beast_bytes(response));
    EXPECT_EQ(bytes.rfind("HTTP/1.0 404 Not Found\r\n", 0), 0u);
    EXPECT_NE(bytes.find("\r\nConnection: keep-alive\r\n"), std::string::npos);
}

TEST(WireFormat, HeadResponseKeepsItsLengthAndSendsNoBody) {
    // The router answers HEAD with the GET's Content-Length and an empty body.
    Response response{Status::ok, 11};
    response.set(beast_http::field::content_type, "application/json");
    response.content_length(197);
    EXPECT_EQ(our_bytes(response), beast_bytes(response));
    EXPECT_EQ(our_bytes(response), "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 197\r\n\r\n");
}

TEST(WireFormat, RepeatedFieldsKeepTheirOrder) {
    Response response{Status::found, 11};
    response.set(beast_http::field::location, "/admin/");
    response.insert(beast_http::field::set_cookie, "sessionid=abc; HttpOnly; Path=/; SameSite=Lax");
    response.insert(beast_http::field::set_cookie, "csrftoken=def; Path=/; SameSite=Lax");
    response.insert("X-Custom", "value");
    response.body() = "<p>moved</p>";
    response.prepare_payload();
    const std::string bytes = our_bytes(response);
    EXPECT_EQ(bytes, beast_bytes(response));
    EXPECT_LT(bytes.find("sessionid=abc"), bytes.find("csrftoken=def"));
    EXPECT_TRUE(bytes.ends_with("\r\n\r\n<p>moved</p>"));
}

TEST(WireFormat, UnknownStatusCodesGetBeastsReason) {
    Response response{static_cast<Status>(299), 11};
    response.prepare_payload();
    EXPECT_EQ(our_bytes(response), beast_bytes(response));
}

TEST(WireFormat, AppendsWithoutTouchingWhatIsThere) {
    Response response = detail_response(Status::ok, "x");
    std::string out = "previous";
    append_wire_format(out, response);
    EXPECT_EQ(out, "previous" + beast_bytes(response));
}

}  // namespace
}  // namespace gatehouse::http
