#include "http/wire_format.hpp"

#include <charconv>

namespace gatehouse::http {

void append_wire_format(std::string& out, const Response& response) {
    const std::string_view body = response.body();
    out.append(response.version() == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
    char code[8];
    const auto end = std::to_chars(code, code + sizeof code, response.result_int()).ptr;
    out.append(code, end);
    out.push_back(' ');
    out.append(response.reason());
    out.append("\r\n");
    for (const auto& field : response) {
        out.append(field.name_string());
        out.append(": ");
        out.append(field.value());
        out.append("\r\n");
    }
    out.append("\r\n");
    out.append(body);
}

}  // namespace gatehouse::http
