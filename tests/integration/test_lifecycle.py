"""Shutdown and durability: SIGTERM finishes requests in flight and exits 0; after a
kill -9, a refresh token whose rotation was acknowledged is never usable again."""
import concurrent.futures
import signal
import tempfile
import time

import requests

from conftest import Gatehouse

STRONG = "Sturdy-Password-93!"


def fresh_server(extra_env=None):
    g = Gatehouse(tempfile.mkdtemp(prefix="gatehouse-life-"), extra_env)
    g.cli("migrate")
    g.cli("createsuperuser", "--noinput", "--username", "boss", env={"GATEHOUSE_SUPERUSER_PASSWORD": STRONG})
    return g.start()


def obtain(g):
    resp = requests.post(g.base + "/api/token/", json={"username": "boss", "password": STRONG}, timeout=30)
    assert resp.status_code == 200, resp.text
    return resp.json()


def test_sigterm_finishes_logins_in_flight_and_exits_zero():
    # An expensive hash makes the login still running when the signal arrives.
    g = fresh_server({"GATEHOUSE_PBKDF2_ITERATIONS": "2000"})
    g.cli("changepassword", "boss", input_text=STRONG + "\n" + STRONG + "\n",
          env={"GATEHOUSE_PBKDF2_ITERATIONS": "20000000"})  # seconds of hashing
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        login = pool.submit(obtain, g)
        time.sleep(0.3)
        assert not login.done(), "the login should still be hashing"
        g.proc.send_signal(signal.SIGTERM)
        assert "access" in login.result(timeout=60)
    assert g.proc.wait(timeout=30) == 0
    assert "stopped" in open(g.log_path).read()


def test_sigint_idle_server_exits_zero_promptly():
    g = fresh_server()
    session = requests.Session()  # an idle keep-alive connection must not hold the stop
    assert session.get(g.base + "/api/users/me/", timeout=10).status_code == 401
    started = time.time()
    assert g.stop(signal.SIGINT) == 0
    assert time.time() - started < 5


def test_acknowledged_rotations_survive_kill_9():
    g = fresh_server()
    pairs = [obtain(g) for _ in range(5)]
    rotated = []
    for pair in pairs:
        resp = requests.post(g.base + "/api/token/refresh/", json={"refresh": pair["refresh"]}, timeout=30)
        assert resp.status_code == 200
        rotated.append(pair["refresh"])
    g.proc.send_signal(signal.SIGKILL)
    g.proc.wait(timeout=10)
    g.start()
    try:
        for token in rotated:
            resp = requests.post(g.base + "/api/token/refresh/", json={"refresh": token}, timeout=30)
            assert resp.status_code == 401, resp.text
    finally:
        g.stop()
