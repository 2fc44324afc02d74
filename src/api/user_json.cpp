#include "api/user_json.hpp"

#include "store/store.hpp"

namespace gatehouse::api {

boost::json::object user_json(const store::User& user) {
    boost::json::object out;
    out["id"] = user.id;
    out["username"] = user.username;
    out["email"] = user.email;
    out["first_name"] = user.first_name;
    out["last_name"] = user.last_name;
    out["is_active"] = user.is_active;
    out["is_staff"] = user.is_staff;
    out["is_superuser"] = user.is_superuser;
    out["last_login"] = user.last_login ? boost::json::value(store::to_iso8601(*user.last_login)) : boost::json::value(nullptr);
    out["date_joined"] = store::to_iso8601(user.date_joined);
    return out;
}

}  // namespace gatehouse::api
