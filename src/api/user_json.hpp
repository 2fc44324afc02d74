#pragma once
// A user as the reference's UserSerializer renders it (never any password data).
#include "store/types.hpp"

#include <boost/json/object.hpp>

namespace gatehouse::api {

boost::json::object user_json(const store::User& user);

}  // namespace gatehouse::api
