#include "store/like_pattern.hpp"

namespace gatehouse::store {

std::string like_escape(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (char c : text) {
        if (c == '\\' || c == '%' || c == '_') escaped += '\\';
        escaped += c;
    }
    return escaped;
}

}  // namespace gatehouse::store
