#pragma once
// A response as the bytes that go on the wire, in one buffer. Beast's serializer walks a
// chain of buffer views for every write (status line, each field, body), which costs more on
// the hot path than the request's own work; this writes exactly what it would, so a
// response leaves in one sendmsg of one buffer.
#include "http/message.hpp"

#include <string>

namespace gatehouse::http {

// Appends the status line, the header fields in their stored order and the body. Framing
// fields (Content-Length, Connection) are taken as set: build the response with
// prepare_payload() and keep_alive() first, as for Beast's serializer.
void append_wire_format(std::string& out, const Response& response);

}  // namespace gatehouse::http
