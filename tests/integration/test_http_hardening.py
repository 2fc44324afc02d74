"""Hostile and malformed HTTP against a live gatehouse: connection handling (keep-alive,
pipelining, slow and idle clients, descriptor exhaustion), framing errors, oversized requests,
odd Authorization headers and odd bodies. Every error must be a clean 4xx with a JSON body,
never a hang, a 500 or a crash, and the server must keep answering afterwards."""
import json
import os
import resource
import select
import socket
import tempfile
import shutil
import time

import pytest
import requests

from conftest import ADMIN_PASSWORD, ADMIN_USER, Gatehouse

# Strings that would mean an error body leaks the implementation.
LEAKS = ("boost", "beast", "std::", "what()", "sqlite", "exception", "traceback", ".cpp", ".hpp", "errno")


# --- raw HTTP -------------------------------------------------------------------------------

class RawResponse:
    def __init__(self, version, status, headers, body):
        self.version, self.status, self.headers, self.body = version, status, headers, body

    def header(self, name):
        values = [v for k, v in self.headers if k.lower() == name.lower()]
        return values[0] if values else None

    def json(self):
        # Strict: a body that is not valid UTF-8 is not JSON either.
        return json.loads(self.body.decode("utf-8"))


class Conn:
    """One raw TCP connection, reading whole responses (Content-Length framed, as gatehouse
    always sends) from a buffer so pipelined responses can be split."""

    def __init__(self, server, timeout=5.0):
        self.sock = socket.create_connection(("127.0.0.1", server.port), timeout=timeout)
        self.buf = b""

    def send(self, data):
        self.sock.sendall(data)

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("connection closed by the server")
        self.buf += chunk

    def response(self):
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        version, status = lines[0].split(" ", 2)[:2]
        headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines[1:]]
        length = int(next((v for k, v in headers if k.lower() == "content-length"), "0"))
        while len(self.buf) < length:
            self._fill()
        body, self.buf = self.buf[:length], self.buf[length:]
        return RawResponse(version, int(status), headers, body)

    def closed_by_server(self, wait=3.0):
        """True when the server closes the connection within `wait` seconds (EOF or reset),
        False when it stays open and silent; fails if it sends anything more."""
        self.sock.settimeout(wait)
        try:
            data = self.sock.recv(65536)
        except socket.timeout:
            return False
        except ConnectionResetError:
            return True
        assert data == b"", "unexpected bytes after the response: %r" % data[:200]
        return True

    def close(self):
        self.sock.close()


def raw_exchange(server, data, timeout=5.0):
    """Sends `data`, returns the first response and whether the server then closed."""
    conn = Conn(server, timeout)
    try:
        conn.send(data)
        response = conn.response()
        return response, conn.closed_by_server(timeout)
    finally:
        conn.close()


def request(method, path, headers=(), body=b"", version="HTTP/1.1"):
    lines = [("%s %s %s" % (method, path, version)).encode(), b"Host: 127.0.0.1"]
    lines += [h if isinstance(h, bytes) else h.encode() for h in headers]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def json_post(path, body, extra=()):
    body = body if isinstance(body, bytes) else json.dumps(body).encode()
    return request("POST", path, ["Content-Type: application/json", "Content-Length: %d" % len(body), *extra], body)


# --- checks ---------------------------------------------------------------------------------

def assert_clean_error(status_code, content_type, body_bytes, expected_status):
    """A DRF-shaped error: the expected status, application/json, a JSON object holding a
    "detail" string or field errors (lists of strings), and nothing about the internals."""
    assert status_code == expected_status, body_bytes[:300]
    assert content_type == "application/json"
    body = json.loads(body_bytes.decode("utf-8"))
    assert isinstance(body, dict) and body
    if "detail" in body:
        assert isinstance(body["detail"], str) and body["detail"]
    else:
        for messages in body.values():
            assert isinstance(messages, list) and all(isinstance(m, str) for m in messages), body
    text = json.dumps(body).lower()
    for leak in LEAKS:
        assert leak not in text, "error body mentions %r: %s" % (leak, text)
    return body


def assert_raw_error(response, expected_status):
    assert response.header("Server") is None or "beast" not in response.header("Server").lower()
    return assert_clean_error(response.status, response.header("Content-Type"), response.body, expected_status)


def assert_requests_error(resp, expected_status):
    return assert_clean_error(resp.status_code, resp.headers.get("Content-Type"), resp.content, expected_status)


def assert_still_serving(server):
    resp = requests.get(server.base + "/api/users/me/", timeout=5)
    assert resp.status_code == 401
    resp = requests.post(server.base + "/api/token/", json={}, timeout=5)
    assert resp.status_code == 400 and "username" in resp.json()


@pytest.fixture(autouse=True)
def server_survives(server):
    assert server.proc.poll() is None, "gatehouse died before this test"
    yield
    assert server.proc.poll() is None, "gatehouse died during this test: " + open(server.log_path).read()[-2000:]


@pytest.fixture(scope="module")
def access(server):
    resp = requests.post(server.base + "/api/token/", json={"username": ADMIN_USER, "password": ADMIN_PASSWORD},
                         timeout=30)
    assert resp.status_code == 200, resp.text
    return resp.json()["access"]


# --- keep-alive and pipelining --------------------------------------------------------------

def test_keep_alive_serves_several_requests_on_one_connection(server, access):
    conn = Conn(server)
    try:
        for _ in range(3):
            conn.send(request("GET", "/api/users/me/"))
            response = conn.response()
            assert_raw_error(response, 401)
            assert response.header("Connection") is None  # HTTP/1.1: persistent by default
        conn.send(request("GET", "/api/users/me/", ["Authorization: Bearer " + access]))
        response = conn.response()
        assert response.status == 200 and response.json()["username"] == ADMIN_USER
        conn.send(json_post("/api/token/", {}))
        assert "username" in assert_raw_error(conn.response(), 400)
        assert not conn.closed_by_server(0.3)
    finally:
        conn.close()


def test_connection_close_closes_after_the_response(server):
    response, closed = raw_exchange(server, request("GET", "/api/users/me/", ["Connection: close"]))
    assert_raw_error(response, 401)
    assert response.header("Connection").lower() == "close"
    assert closed


def test_http10_without_keep_alive_closes(server):
    response, closed = raw_exchange(server, b"GET /api/users/me/ HTTP/1.0\r\n\r\n")
    assert response.version == "HTTP/1.0"
    assert_raw_error(response, 401)
    assert closed


def test_http10_with_keep_alive_stays_open(server):
    conn = Conn(server)
    try:
        for _ in range(2):
            conn.send(b"GET /api/users/me/ HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            response = conn.response()
            assert response.version == "HTTP/1.0" and response.status == 401
            assert response.header("Connection").lower() == "keep-alive"
    finally:
        conn.close()


def test_pipelined_requests_are_answered_in_order(server, access):
    # The login runs on the hashing pool and the next two on the I/O thread: the answers must
    # still come back in request order.
    login = json_post("/api/token/", {"username": ADMIN_USER, "password": ADMIN_PASSWORD})
    conn = Conn(server, timeout=30)
    try:
        conn.send(login + request("GET", "/api/users/me/") +
                  request("GET", "/api/users/me/", ["Authorization: Bearer " + access]) +
                  json_post("/api/token/", {"username": ADMIN_USER}, ["Connection: close"]))
        first = conn.response()
        assert first.status == 200 and set(first.json()) == {"access", "refresh"}
        assert_raw_error(conn.response(), 401)
        third = conn.response()
        assert third.status == 200 and third.json()["username"] == ADMIN_USER
        assert assert_raw_error(conn.response(), 400) == {"password": ["This field is required."]}
        assert conn.closed_by_server()
    finally:
        conn.close()


# --- malformed requests ---------------------------------------------------------------------

MALFORMED = {
    "garbage request line": b"GARBAGE\r\n\r\n",
    "bad method token": b"G(T /api/users/me/ HTTP/1.1\r\nHost: x\r\n\r\n",
    "unknown HTTP version": b"GET /api/users/me/ HTTP/9.9\r\nHost: x\r\n\r\n",
    "missing target": b"GET  HTTP/1.1\r\nHost: x\r\n\r\n",
    "header without colon": b"GET /api/users/me/ HTTP/1.1\r\nHost: x\r\nnocolon\r\n\r\n",
    "space in header name": b"GET /api/users/me/ HTTP/1.1\r\nHost: x\r\nBad Header: v\r\n\r\n",
    "space before colon": b"GET /api/users/me/ HTTP/1.1\r\nHost : x\r\n\r\n",
    "NUL in header value": b"GET /api/users/me/ HTTP/1.1\r\nHost: x\r\nX-A: a\x00b\r\n\r\n",
    "bare LF line ends": b"GET /api/users/me/ HTTP/1.1\nHost: x\n\n",
    "negative Content-Length": b"POST /api/token/ HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
    "non-numeric Content-Length": b"POST /api/token/ HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    "two different Content-Lengths": b"POST /api/token/ HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}x",
    "overflowing Content-Length": b"POST /api/token/ HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n",
    "Transfer-Encoding and Content-Length": b"POST /api/token/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n",
    "non-hex chunk size": b"POST /api/token/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n",
    "negative chunk size": b"POST /api/token/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nabc\r\n",
    "overflowing chunk size": b"POST /api/token/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\nabc\r\n",
    "chunk longer than its size": b"POST /api/token/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}}}\r\n0\r\n\r\n",
    # RFC 9112 6.3: a transfer coding other than chunked last leaves the length unknown; the
    # bytes after the headers must not be taken as the next request (request smuggling).
    "Transfer-Encoding gzip": b"POST /api/token/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"
                              b"GET /api/users/me/ HTTP/1.1\r\nHost: x\r\n\r\n",
    "Transfer-Encoding chunked, gzip": b"POST /api/token/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
    "two Host headers": b"GET /api/users/me/ HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
}


@pytest.mark.parametrize("data", list(MALFORMED.values()), ids=list(MALFORMED))
def test_malformed_request_is_400_json_then_closed(server, data):
    response, closed = raw_exchange(server, data)
    assert_raw_error(response, 400)
    assert response.header("Connection").lower() == "close"
    assert closed  # and nothing more is read from that connection: no second response
    assert_still_serving(server)


def test_malformed_request_after_a_good_one_on_the_same_connection(server):
    conn = Conn(server)
    try:
        conn.send(request("GET", "/api/users/me/"))
        assert_raw_error(conn.response(), 401)
        conn.send(b"POST /api/token/ HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n{}")
        assert_raw_error(conn.response(), 400)
        assert conn.closed_by_server()
    finally:
        conn.close()


@pytest.mark.parametrize("data", [
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(256)) * 2,  # a TLS ClientHello
    b"GET /api/users/me/ HTTP/1.1\r\nHost: x\r\nX-Half",                   # headers cut short
    b"POST /api/token/ HTTP/1.1\r\nHost: x\r\nContent-Length: 50\r\n\r\n{\"a\"",  # body cut short
], ids=["tls hello", "truncated headers", "truncated body"])
def test_garbage_then_half_close_gets_400_or_close_never_a_hang(server, data):
    conn = Conn(server, timeout=5)
    try:
        conn.send(data)
        try:
            conn.sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the server refused the bytes and reset the connection already
        try:
            response = conn.response()
        except (EOFError, ConnectionResetError):
            response = None
        if response is not None:
            assert_raw_error(response, 400)
            assert conn.closed_by_server()
    finally:
        conn.close()
    assert_still_serving(server)


# --- oversized requests ---------------------------------------------------------------------

@pytest.mark.parametrize("headers", [
    ["X-Big: " + "a" * 9000],
    ["X-%d: %s" % (i, "v" * 20) for i in range(400)],
], ids=["one big header", "many headers"])
def test_header_block_over_8k_is_431(server, headers):
    response, closed = raw_exchange(server, request("GET", "/api/users/me/", headers))
    assert_raw_error(response, 431)
    assert closed
    assert_still_serving(server)


def test_header_block_just_under_8k_is_served(server):
    response, _ = raw_exchange(server, request("GET", "/api/users/me/", ["X-Big: " + "a" * 7900]))
    assert_raw_error(response, 401)


@pytest.mark.parametrize("send_body", [False, True], ids=["announced only", "sent"])
def test_body_over_64k_by_content_length_is_413(server, send_body):
    body = b'{"username": "' + b"x" * 70000 + b'"}'
    data = json_post("/api/token/", body)
    response, closed = raw_exchange(server, data if send_body else data[:-len(body)])
    assert_raw_error(response, 413)
    assert closed
    assert_still_serving(server)


def test_body_of_exactly_64k_is_read(server):
    body = b'{"username": "' + b"x" * (65536 - 16) + b'"}'
    assert len(body) == 65536
    response, _ = raw_exchange(server, json_post("/api/token/", body))
    assert assert_raw_error(response, 400) == {"password": ["This field is required."]}


def test_chunked_body_streaming_past_64k_is_413(server):
    conn = Conn(server, timeout=10)
    try:
        conn.send(b"POST /api/token/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"%x\r\n%s\r\n" % (4096, b"y" * 4096)
        sent = 0
        # Stream 4 KiB chunks until the server answers; it must do so soon after 64 KiB.
        while sent < 1024 * 1024:
            if select.select([conn.sock], [], [], 0)[0]:
                break
            try:
                conn.send(chunk)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += 4096
            time.sleep(0.002)
        response = conn.response()
        assert_raw_error(response, 413)
        assert sent < 256 * 1024, "the server read %d bytes before refusing" % sent
    finally:
        conn.close()
    assert_still_serving(server)


def test_chunked_body_within_limit_is_read(server):
    body = json.dumps({"username": ADMIN_USER}).encode()
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 5]), body[i:i + 5]) for i in range(0, len(body), 5))
    response, _ = raw_exchange(server, b"POST /api/token/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                       b"Transfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\n\r\n")
    assert assert_raw_error(response, 400) == {"password": ["This field is required."]}


# --- slow, idle and many clients ------------------------------------------------------------

def test_stalled_clients_do_not_block_others(server):
    stalled = [Conn(server, timeout=10) for _ in range(4)]
    try:
        stalled[0].send(b"GET /api/users/me/ HTTP/1.1\r\nHost: x\r\nX-Half-")  # mid-header
        stalled[1].send(b"POST /api/token/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        b"Content-Length: 40\r\n\r\n{\"username\": ")  # mid-body
        stalled[2].send(b"POST /api/token/ HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nab")
        # stalled[3] sends nothing at all.
        time.sleep(0.2)
        for _ in range(10):
            started = time.time()
            resp = requests.get(server.base + "/api/users/me/", timeout=5)
            assert resp.status_code == 401
            assert time.time() - started < 1.0
        # The stalled request is still being waited for, and completes normally.
        stalled[1].send(b'"someone", "password": "x"}'.ljust(40 - len(b'{"username": '), b" "))
        response = stalled[1].response()
        assert_raw_error(response, 401)
        assert response.json()["detail"] == "No active account found with the given credentials"
    finally:
        for conn in stalled:
            conn.close()


def test_200_idle_connections_do_not_starve_a_new_client(server, access):
    idle = []
    try:
        for i in range(200):
            conn = Conn(server, timeout=10)
            if i % 2:
                conn.send(b"GET /api/users/me/ HTTP/1.1\r\n")  # half a request
            idle.append(conn)
        started = time.time()
        resp = requests.get(server.base + "/api/users/me/", headers={"Authorization": "Bearer " + access}, timeout=5)
        assert resp.status_code == 200
        resp = requests.post(server.base + "/api/token/", json={"username": ADMIN_USER, "password": ADMIN_PASSWORD},
                             timeout=10)
        assert resp.status_code == 200
        assert time.time() - started < 5
        # The idle ones are still served when they finally speak.
        for conn in (idle[0], idle[198]):
            conn.send(request("GET", "/api/users/me/"))
            assert_raw_error(conn.response(), 401)
        idle[199].send(b"Host: x\r\n\r\n")
        assert_raw_error(idle[199].response(), 401)
    finally:
        for conn in idle:
            conn.close()
    assert_still_serving(server)


def test_idle_and_slow_connections_are_closed_at_the_request_deadline():
    """GATEHOUSE_REQUEST_TIMEOUT bounds the time to send a whole request: an idle keep-alive
    connection and a client trickling a request are both closed when it passes, and a
    connection that keeps sending whole requests is not."""
    workdir = tempfile.mkdtemp(prefix="gatehouse-deadline-")
    gh = Gatehouse(workdir, {"GATEHOUSE_REQUEST_TIMEOUT": "2"})
    try:
        gh.cli("migrate")
        gh.start()
        idle = socket.create_connection(("127.0.0.1", gh.port), timeout=10)
        trickle = socket.create_connection(("127.0.0.1", gh.port), timeout=10)
        busy = socket.create_connection(("127.0.0.1", gh.port), timeout=10)
        request = b"GET /api/users/me/ HTTP/1.1\r\nHost: x\r\n\r\n"
        started = time.time()
        trickle_closed_at = None
        for byte in (request[:-2] * 2)[:40]:  # never finished, one byte every 0.1 s
            try:
                trickle.sendall(bytes([byte]))
            except OSError:  # the server closed it
                trickle_closed_at = time.time() - started
                break
            busy.sendall(request)
            assert b"401" in busy.recv(65536)
            time.sleep(0.1)
        assert trickle_closed_at is not None and 1.5 < trickle_closed_at < 3.5, trickle_closed_at
        idle.settimeout(3)
        assert idle.recv(65536) == b"", "the server should have closed the idle connection"
        busy.sendall(request)
        assert b"401" in busy.recv(65536)
        for conn in (idle, trickle, busy):
            conn.close()
    finally:
        gh.stop()


def test_running_out_of_descriptors_neither_spins_nor_floods_the_log():
    """When accept() fails for lack of descriptors the server must back off, not retry in a
    busy loop (a core at 100% and megabytes of log per second), and must serve again once
    connections close."""
    workdir = tempfile.mkdtemp(prefix="gatehouse-fd-")
    gh = Gatehouse(workdir, {"GATEHOUSE_IO_THREADS": "1"})
    clients = []
    try:
        gh.cli("migrate")
        gh.start()
        assert requests.get(gh.base + "/api/users/me/", timeout=5).status_code == 401
        in_use = len(os.listdir("/proc/%d/fd" % gh.proc.pid))
        resource.prlimit(gh.proc.pid, resource.RLIMIT_NOFILE, (in_use + 10, in_use + 10))
        for _ in range(40):  # more than the limit allows; the rest wait in the backlog
            clients.append(socket.create_connection(("127.0.0.1", gh.port), timeout=5))
        time.sleep(0.3)
        ticks = os.sysconf("SC_CLK_TCK")

        def cpu_seconds():
            fields = open("/proc/%d/stat" % gh.proc.pid).read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / ticks

        before, log_before = cpu_seconds(), os.path.getsize(gh.log_path)
        time.sleep(1.0)
        assert cpu_seconds() - before < 0.3, "the accept loop spins while out of descriptors"
        assert os.path.getsize(gh.log_path) - log_before < 1000, "the log is flooded while out of descriptors"
        for client in clients:
            client.close()
        clients = []
        deadline = time.time() + 5
        while True:
            try:
                if requests.get(gh.base + "/api/users/me/", timeout=2).status_code == 401:
                    break
            except requests.RequestException:
                pass
            assert time.time() < deadline, "not serving after descriptors were freed"
            time.sleep(0.1)
        assert gh.proc.poll() is None
    finally:
        for client in clients:
            client.close()
        assert gh.stop() == 0
        shutil.rmtree(workdir, ignore_errors=True)


# --- Authorization header edge cases --------------------------------------------------------

def raw_me(server, *auth_lines):
    response, _ = raw_exchange(server, request("GET", "/api/users/me/", [*auth_lines, b"Connection: close"]))
    return response


def test_lowercase_bearer_is_not_a_credential(server, access):
    # SimpleJWT compares the scheme case-sensitively against AUTH_HEADER_TYPES.
    for scheme in ("bearer", "BEARER"):
        response = raw_me(server, ("Authorization: %s %s" % (scheme, access)).encode())
        assert assert_raw_error(response, 401)["detail"] == "Authentication credentials were not provided."
        assert response.header("WWW-Authenticate") == 'Bearer realm="api"'


def test_tabs_separate_like_any_whitespace(server, access):
    # SimpleJWT splits the header with bytes.split(): any run of whitespace.
    for value in ("Bearer\t" + access, "\tBearer\t\t" + access + "\t", "Bearer  " + access + "  "):
        response = raw_me(server, ("Authorization:" + value).encode())
        assert response.status == 200 and response.json()["username"] == ADMIN_USER


def test_very_long_tokens_are_401_or_431_never_500(server):
    # 8000 characters fit in the 8 KiB header block: an invalid token.
    for token in ("a" * 8000, "a" * 2600 + "." + "b" * 2600 + "." + "c" * 2600):
        body = assert_raw_error(raw_me(server, ("Authorization: Bearer " + token).encode()), 401)
        assert body["code"] == "token_not_valid"
    # 9000 do not: the header block itself is refused.
    assert_raw_error(raw_me(server, ("Authorization: Bearer " + "a" * 9000).encode()), 431)
    assert_still_serving(server)


def test_non_ascii_bytes_in_authorization(server, access):
    cases = [
        (b"Authorization: Bearer " + access.encode() + b"\xc3\xa9", "token_not_valid"),
        (b"Authorization: Bearer " + access.encode()[:-3] + b"\xff\xfe\xfd", "token_not_valid"),
        (b"Authorization: Bearer \xe2\x80\x8b" + access.encode(), "token_not_valid"),
        (b"Authorization: B\xe9arer " + access.encode(), None),
    ]
    for line, code in cases:
        body = assert_raw_error(raw_me(server, line), 401)
        if code:
            assert body["code"] == code
        else:
            assert body["detail"] == "Authentication credentials were not provided."


@pytest.mark.parametrize("order", ["valid first", "junk first", "same twice", "valid then empty"])
def test_duplicate_authorization_headers_never_authenticate(server, access, order):
    valid, junk = "Authorization: Bearer " + access, "Authorization: Bearer junk"
    lines = {"valid first": [valid, junk], "junk first": [junk, valid], "same twice": [valid, valid],
             "valid then empty": [valid, "Authorization: "]}[order]
    response = raw_me(server, *(line.encode() for line in lines))
    assert_raw_error(response, 400)


def test_bearer_without_token_is_401(server):
    body = assert_raw_error(raw_me(server, b"Authorization: Bearer"), 401)
    assert body["code"] == "bad_authorization_header"


# --- bodies ---------------------------------------------------------------------------------

def post_token(server, body, content_type="application/json"):
    return requests.post(server.base + "/api/token/", data=body, headers={"Content-Type": content_type}, timeout=30)


GOOD_LOGIN = json.dumps({"username": ADMIN_USER, "password": ADMIN_PASSWORD}).encode()


@pytest.mark.parametrize("body,content_type,status,detail_prefix", [
    (b"\xef\xbb\xbf" + GOOD_LOGIN, "application/json", 400, "JSON parse error"),
    (b'{"username": "ad\xff\xfemin", "password": "x"}', "application/json", 400, "JSON parse error"),
    (b'{"user\xc3name": "admin", "password": "x"}', "application/json", 400, "JSON parse error"),
    (b'{"username": NaN, "password": "x"}', "application/json", 400, "JSON parse error"),
    (b'{"username": -Infinity, "password": "x"}', "application/json", 400, "JSON parse error"),
    (b'{"a": ' + b"[" * 10000 + b"]" * 10000 + b', "username": "u", "password": "p"}', "application/json", 400,
     "JSON parse error"),
    (b'{"a":' * 10000 + b"1" + b"}" * 10000, "application/json", 400, "JSON parse error"),
    (b"[" * 60000, "application/json", 400, "JSON parse error"),
    (GOOD_LOGIN + b" trailing", "application/json", 400, "JSON parse error"),
    (b"username=%zz&password=%", "application/x-www-form-urlencoded", 400, "Malformed form data."),
    (b"username=ad%GGmin&password=x", "application/x-www-form-urlencoded", 400, "Malformed form data."),
    (b"hello", "text/plain", 415, 'Unsupported media type "text/plain" in request.'),
    (GOOD_LOGIN, "application/xml", 415, 'Unsupported media type "application/xml" in request.'),
    (GOOD_LOGIN, "multipart/form-data; boundary=x", 415, "Unsupported media type"),
    (GOOD_LOGIN, "application/jsonx", 415, "Unsupported media type"),
], ids=["bom", "invalid utf-8 value", "invalid utf-8 key", "NaN", "-Infinity", "10000-deep arrays",
        "10000-deep objects", "60000 open brackets", "trailing data", "bad percent escapes",
        "bad percent hex", "text/plain", "xml", "multipart", "jsonx"])
def test_hostile_bodies_get_a_clean_4xx(server, body, content_type, status, detail_prefix):
    result = assert_requests_error(post_token(server, body, content_type), status)
    assert result["detail"].startswith(detail_prefix), result


@pytest.mark.parametrize("body,content_type", [
    (b'{"username": 1e999, "password": "x"}', "application/json"),  # Python reads it as inf
    (b'{"username": -1e999, "password": 1e-999}', "application/json"),
    (b'{"username": 123456789012345678901234567890, "password": "x"}', "application/json"),
    (b'{"username": "a\\u0000b", "password": "x"}', "application/json"),
    (b"username=%ff%fe&password=x", "application/x-www-form-urlencoded"),
    (b"username=a%00b&password=%C3%A9", "application/x-www-form-urlencoded"),
], ids=["1e999", "-1e999 and 1e-999", "huge integer", "escaped NUL", "form latin-1 bytes", "form NUL"])
def test_odd_but_parseable_values_are_just_wrong_credentials(server, body, content_type):
    result = assert_requests_error(post_token(server, body, content_type), 401)
    assert result["detail"] == "No active account found with the given credentials"


@pytest.mark.parametrize("content_type", [
    "application/json; charset=utf-8", "Application/JSON ; charset=UTF-8", "application/json;charset=latin-1",
])
def test_json_with_charset_parameter_is_accepted(server, content_type):
    resp = post_token(server, GOOD_LOGIN, content_type)
    assert resp.status_code == 200 and set(resp.json()) == {"access", "refresh"}


def test_unsupported_media_type_with_non_ascii_bytes_is_still_valid_json(server):
    # Echoed as DRF does under WSGI (the header decoded as Latin-1), so the body stays UTF-8.
    response, _ = raw_exchange(server, b"POST /api/token/ HTTP/1.1\r\nHost: x\r\nContent-Type: \xff/\xe9\"\\\r\n"
                                       b"Content-Length: 2\r\nConnection: close\r\n\r\n{}")
    body = assert_raw_error(response, 415)
    assert body["detail"] == 'Unsupported media type "\u00ff/\u00e9"\\" in request.'


def test_refresh_endpoint_takes_hostile_bodies_cleanly(server):
    for body, content_type, status in [(b"\xef\xbb\xbf{}", "application/json", 400),
                                       (b'{"refresh": ' + b"[" * 5000, "application/json", 400),
                                       (b'{"refresh": "' + b"a" * 60000 + b'"}', "application/json", 401),
                                       (b"refresh=%", "application/x-www-form-urlencoded", 400),
                                       (b"x", "image/png", 415)]:
        resp = requests.post(server.base + "/api/token/refresh/", data=body, headers={"Content-Type": content_type},
                             timeout=10)
        assert_requests_error(resp, status)


# --- last -----------------------------------------------------------------------------------

def test_zz_server_is_alive_and_logged_no_internal_error(server):
    assert server.proc.poll() is None
    assert_still_serving(server)
    server.log.flush()
    log = open(server.log_path).read()
    assert "internal error" not in log
    assert "accept failed" not in log
