#pragma once
// Thin wrappers over the system's crypto libraries (OpenSSL digests, libxcrypt), so the
// algorithm files read as Django's formulas.
#include <optional>
#include <string>
#include <string_view>

namespace gatehouse::auth::hashers {

// Raw digests.
std::string sha256(std::string_view data);
std::string sha1(std::string_view data);
std::string md5(std::string_view data);

// crypt(3) from libxcrypt: the password hashed with `setting` (a full stored hash works,
// as Python's crypt.crypt and bcrypt.hashpw take one). nullopt when libxcrypt rejects the
// setting, or the password has a NUL byte (Python refuses those rather than truncating).
std::optional<std::string> unix_crypt(std::string_view password, std::string_view setting);

}  // namespace gatehouse::auth::hashers
