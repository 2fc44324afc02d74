#include "http/message.hpp"

#include <boost/json/serialize.hpp>

namespace gatehouse::http {

Response json_response(Status status, const boost::json::value& body, unsigned version) {
    Response response{status, version};
    response.set(beast_http::field::content_type, "application/json");
    response.body() = boost::json::serialize(body);
    response.prepare_payload();
    return response;
}

Response detail_response(Status status, std::string_view detail, unsigned version) {
    return json_response(status, boost::json::object{{"detail", detail}}, version);
}

std::string_view target_path(std::string_view target) {
    auto query = target.find('?');
    return query == std::string_view::npos ? target : target.substr(0, query);
}

}  // namespace gatehouse::http
