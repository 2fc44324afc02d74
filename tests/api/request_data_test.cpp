#include "api/request_data.hpp"

#include "http/api_error.hpp"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace gatehouse::api {
namespace {

http::Request make_request(std::string content_type, std::string body) {
    http::Request request{http::Verb::post, "/api/token/", 11};
    if (!content_type.empty()) request.set(http::beast_http::field::content_type, content_type);
    request.body() = std::move(body);
    return request;
}

// The status and serialized body of the ApiError that parsing/reading throws.
std::pair<http::Status, std::string> error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const http::ApiError& error) {
        return {error.status(), boost::json::serialize(error.body())};
    }
    return {http::Status::ok, ""};
}

TEST(RequestData, ParsesJsonObjects) {
    auto data = parse_request_data(make_request("application/json; charset=utf-8", R"({"username":"a","password":"b"})"));
    EXPECT_EQ(data.at("username"), "a");
}

TEST(RequestData, ParsesFormBodiesWithPlusAndPercentEscapes) {
    auto data = parse_request_data(make_request("application/x-www-form-urlencoded", "username=a+b&password=p%26q&username=c"));
    EXPECT_EQ(data.at("username"), "c");  // the last value wins, as QueryDict.get
    EXPECT_EQ(data.at("password"), "p&q");
    auto spaced = parse_request_data(make_request("application/x-www-form-urlencoded", "username=a+b"));
    EXPECT_EQ(spaced.at("username"), "a b");
}

TEST(RequestData, EmptyBodyIsEmptyData) {
    EXPECT_TRUE(parse_request_data(make_request("application/json", "")).empty());
    EXPECT_TRUE(parse_request_data(make_request("", "")).empty());
}

TEST(RequestData, MalformedJsonIs400WithParseErrorDetail) {
    auto [status, body] = error_of([] { parse_request_data(make_request("application/json", R"({"username":)")); });
    EXPECT_EQ(status, http::Status::bad_request);
    EXPECT_NE(body.find("JSON parse error - "), std::string::npos) << body;
}

TEST(RequestData, DeepNestingIsRefusedNotRecursedInto) {
    std::string deep(100000, '[');
    auto [status, body] = error_of([&] { parse_request_data(make_request("application/json", deep)); });
    EXPECT_EQ(status, http::Status::bad_request);
}

TEST(RequestData, NonObjectJsonNamesThePythonType) {
    struct Case { const char* body; const char* type; };
    for (auto [json, type] : {Case{"[1]", "list"}, Case{"\"x\"", "str"}, Case{"1", "int"}, Case{"1.5", "float"},
                              Case{"true", "bool"}, Case{"null", "NoneType"}}) {
        auto [status, body] = error_of([&] { parse_request_data(make_request("application/json", json)); });
        EXPECT_EQ(status, http::Status::bad_request);
        EXPECT_EQ(body, std::string(R"({"non_field_errors":["Invalid data. Expected a dictionary, but got )") + type + R"(."]})");
    }
}

TEST(RequestData, OtherMediaTypesAre415) {
    auto [status, body] = error_of([] { parse_request_data(make_request("text/plain", "x")); });
    EXPECT_EQ(status, http::Status::unsupported_media_type);
    EXPECT_EQ(body, R"({"detail":"Unsupported media type \"text/plain\" in request."})");
}

TEST(FieldReader, ReportsEveryFieldWithDrfMessages) {
    boost::json::object data{{"b", nullptr}, {"c", "   "}, {"d", true}, {"e", boost::json::array{}}};
    FieldReader fields(data);
    EXPECT_FALSE(fields.required_string("a"));
    EXPECT_FALSE(fields.required_string("b"));
    EXPECT_FALSE(fields.required_string("c"));
    EXPECT_FALSE(fields.required_string("d"));
    EXPECT_FALSE(fields.required_string("e"));
    auto [status, body] = error_of([&] { fields.finish(); });
    EXPECT_EQ(status, http::Status::bad_request);
    EXPECT_EQ(body,
              R"({"a":["This field is required."],"b":["This field may not be null."],)"
              R"("c":["This field may not be blank."],"d":["Not a valid string."],"e":["Not a valid string."]})");
}

TEST(FieldReader, TrimsWhitespaceAndStringifiesNumbersLikeDrf) {
    boost::json::object data{{"a", "  admin \n"}, {"b", 12}, {"c", 1.5}, {"d", 2.0}};
    FieldReader fields(data);
    EXPECT_EQ(fields.required_string("a"), "admin");
    EXPECT_EQ(fields.required_string("b"), "12");
    EXPECT_EQ(fields.required_string("c"), "1.5");
    EXPECT_EQ(fields.required_string("d"), "2.0");
    EXPECT_NO_THROW(fields.finish());
}

}  // namespace
}  // namespace gatehouse::api
