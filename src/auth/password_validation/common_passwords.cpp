// CommonPasswordValidator's list: Django's common-passwords.txt.gz (see data/README.md),
// compiled in by CMake and inflated on first use.
#include "auth/password_validation.hpp"

#include <zlib.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "auth/password_validation/python_str.hpp"

namespace gatehouse::embedded {
extern const unsigned char common_passwords_gz[];
extern const std::size_t common_passwords_gz_size;
}  // namespace gatehouse::embedded

namespace gatehouse::auth {
namespace {

std::string gunzip(const unsigned char* data, std::size_t size) {
    z_stream stream{};
    // 16 + MAX_WBITS: expect a gzip header, not a raw zlib one.
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) throw std::runtime_error("inflateInit2");
    stream.next_in = const_cast<unsigned char*>(data);
    stream.avail_in = static_cast<uInt>(size);
    std::string out;
    char buffer[64 * 1024];
    int rc = Z_OK;
    while (rc != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<unsigned char*>(buffer);
        stream.avail_out = sizeof buffer;
        rc = inflate(&stream, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) {
            inflateEnd(&stream);
            throw std::runtime_error("embedded common-password list is corrupt");
        }
        out.append(buffer, sizeof buffer - stream.avail_out);
    }
    inflateEnd(&stream);
    return out;
}

// Django reads the file as a set of stripped lines; a sorted vector is the same set.
std::vector<std::string> load() {
    const std::string text =
        gunzip(embedded::common_passwords_gz, embedded::common_passwords_gz_size);
    std::vector<std::string> passwords;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const auto line = python_str::decode(std::string_view(text).substr(start, end - start));
        passwords.push_back(python_str::encode(python_str::strip(line)));
        start = end + 1;
    }
    std::sort(passwords.begin(), passwords.end());
    passwords.erase(std::unique(passwords.begin(), passwords.end()), passwords.end());
    return passwords;
}

const std::vector<std::string>& common_passwords() {
    static const std::vector<std::string> passwords = load();  // thread-safe, once
    return passwords;
}

}  // namespace

bool is_common_password(std::string_view password) {
    // Django: password.lower().strip() in the set.
    const auto key = python_str::encode(python_str::strip(python_str::lower(python_str::decode(password))));
    const auto& passwords = common_passwords();
    return std::binary_search(passwords.begin(), passwords.end(), key);
}

std::size_t common_password_count() { return common_passwords().size(); }

}  // namespace gatehouse::auth
