#include "http/api_error.hpp"

#include <boost/json/object.hpp>

namespace gatehouse::http {

ApiError::ApiError(Status status, boost::json::value body)
    : std::runtime_error("api error"), status_(status), body_(std::move(body)) {}

ApiError ApiError::validation(boost::json::object field_errors) {
    return ApiError(Status::bad_request, std::move(field_errors));
}

ApiError ApiError::forbidden() {
    return ApiError(Status::forbidden, boost::json::object{{"detail", "You do not have permission to perform this action."}});
}

ApiError ApiError::not_found() {
    return ApiError(Status::not_found, boost::json::object{{"detail", "Not found."}});
}

Response unauthorized_response(const auth::AuthenticationFailure& failure, unsigned version) {
    Response response{Status::unauthorized, version};
    response.set(beast_http::field::content_type, "application/json");
    response.set(beast_http::field::www_authenticate, bearer_challenge_value);
    response.body() = failure.body;
    response.prepare_payload();
    return response;
}

Response ApiError::to_response(unsigned version) const {
    return json_response(status_, body_, version);
}

}  // namespace gatehouse::http
