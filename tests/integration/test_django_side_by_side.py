"""gatehouse and the Django reference (../shared/reference/django, gunicorn) serving ONE database
at the same time, with the same signing key: users made in either admin log in through the
other, tokens issued by either are accepted by the other, a refresh token rotated by one is
refused by the other, and a deactivation made in one is seen by the other at once.

Each case runs for SQLite and, with GATEHOUSE_TEST_POSTGRES_URL, PostgreSQL, in both orders:
"django-first" (the reference's run.sh migrates a fresh database; `gatehouse migrate` must then
apply nothing and change nothing) and "gatehouse-first" (gatehouse migrates; the reference's
migrate must then change nothing).

Needs the reference and the conformance suite's admin client beside this checkout
(<repo>/../shared); the module is skipped without them.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest
import requests

from conftest import (ADMIN_PASSWORD, ADMIN_USER, POSTGRES_URL, SIGNING_KEY, Gatehouse, create_postgres_database,
                      django_db_env, drop_postgres_database, free_port, schema)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
CONFORMANCE = os.path.join(SHARED, "conformance")
REFERENCE_RUN = os.path.join(SHARED, "reference", "django", "run.sh")

if not os.path.isfile(os.path.join(CONFORMANCE, "conformance_kit.py")):
    pytest.skip("the conformance suite's admin client is not at %s" % CONFORMANCE, allow_module_level=True)
if not os.path.isfile(REFERENCE_RUN):
    pytest.skip("the Django reference is not at %s" % REFERENCE_RUN, allow_module_level=True)
if CONFORMANCE not in sys.path:
    sys.path.append(CONFORMANCE)  # appended: our own conftest must stay the one named "conftest"

from conformance_kit import AdminClient, describe, strong_password, unique  # noqa: E402

CASES = [
    pytest.param(("sqlite", "django-first"), id="sqlite-django-first"),
    pytest.param(("sqlite", "gatehouse-first"), id="sqlite-gatehouse-first"),
    pytest.param(("postgres", "django-first"), id="postgres-django-first",
                 marks=pytest.mark.skipif(not POSTGRES_URL, reason="needs GATEHOUSE_TEST_POSTGRES_URL")),
    pytest.param(("postgres", "gatehouse-first"), id="postgres-gatehouse-first",
                 marks=pytest.mark.skipif(not POSTGRES_URL, reason="needs GATEHOUSE_TEST_POSTGRES_URL")),
]


class Reference:
    """../shared/reference/django/run.sh (migrate, superuser admin/admin-pass-123 unless there,
    one gunicorn worker) on a free port, on `db` (a SQLite path or a postgres:// URL)."""

    def __init__(self, workdir, db):
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        self.log_path = os.path.join(workdir, "reference.log")
        env = dict(os.environ, PORT=str(self.port), WORKERS="1", SYSTEM_USER_ID="1", REF_SECRET_KEY=SIGNING_KEY,
                   REF_ADMIN_USER=ADMIN_USER, REF_ADMIN_PASSWORD=ADMIN_PASSWORD, **django_db_env(db))
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(["bash", REFERENCE_RUN], env=env, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        deadline = time.time() + 120  # migrate + createsuperuser (PBKDF2) first
        while True:
            if self.proc.poll() is not None:
                raise AssertionError("the reference did not start:\n" + open(self.log_path).read())
            try:
                urllib.request.urlopen(self.base + "/admin/login/", timeout=2)
                return
            except OSError:
                if time.time() > deadline:
                    self.stop()
                    raise AssertionError("the reference did not answer within 120 s:\n" + open(self.log_path).read())
                time.sleep(0.3)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # run.sh execs gunicorn; its master stops its workers
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)  # the session it was started in: only ours
                self.proc.wait()


@pytest.fixture(scope="module", params=CASES)
def sites(request):
    """(gatehouse, reference) on one fresh database, started in the case's order."""
    backend, order = request.param
    workdir = tempfile.mkdtemp(prefix="gatehouse-side-by-side-")
    db = create_postgres_database("side_by_side") if backend == "postgres" else os.path.join(workdir, "shared.sqlite3")
    gh = Gatehouse(workdir, {"SYSTEM_USER_ID": "1"}, database=db)
    reference = None
    try:
        if order == "django-first":
            reference = Reference(workdir, db)
            before = schema(db)
            out = gh.cli("migrate").stdout
            assert "No migrations to apply." in out, out
            assert schema(db) == before, "gatehouse migrate changed the schema Django made"
        else:
            gh.cli("migrate")
            gh.cli("createsuperuser", "--noinput", "--username", ADMIN_USER, "--email", "admin@example.com",
                   env={"GATEHOUSE_SUPERUSER_PASSWORD": ADMIN_PASSWORD})
            before = schema(db)
            reference = Reference(workdir, db)  # run.sh migrates first: nothing to do
            assert schema(db) == before, "Django's migrate changed the schema gatehouse made"
        gh.start()
        yield gh, reference
    finally:
        if reference:
            reference.stop()
        gh.stop()
        if backend == "postgres":
            drop_postgres_database(db)
        shutil.rmtree(workdir, ignore_errors=True)


def admin_of(base):
    admin = AdminClient(base)
    assert admin.login(ADMIN_USER, ADMIN_PASSWORD), "cannot log in to %s/admin/: %s" % (
        base, describe(getattr(admin, "last", None)))
    return admin


def add_user(base):
    name, password = unique("sbs"), strong_password()
    added = admin_of(base).add_user(name, password)
    assert added.created, "adding %s through %s was refused: %s" % (name, base, describe(added.response))
    return added.user_id, name, password


def obtain(base, name, password):
    resp = requests.post(base + "/api/token/", json={"username": name, "password": password}, timeout=60)
    assert resp.status_code == 200, "%s: %s" % (base, describe(resp))
    return resp.json()


def me(base, access):
    return requests.get(base + "/api/users/me/", headers={"Authorization": "Bearer " + access}, timeout=30)


def refresh(base, token):
    return requests.post(base + "/api/token/refresh/", json={"refresh": token}, timeout=30)


def test_user_created_in_djangos_admin_logs_in_through_gatehouse(sites):
    gh, ref = sites
    _, name, password = add_user(ref.base)
    pair = obtain(gh.base, name, password)
    assert me(gh.base, pair["access"]).json()["username"] == name


def test_user_created_in_gatehouses_admin_logs_in_through_django(sites):
    gh, ref = sites
    _, name, password = add_user(gh.base)
    pair = obtain(ref.base, name, password)
    assert me(ref.base, pair["access"]).json()["username"] == name


@pytest.mark.parametrize("issuer", ["gatehouse", "django"])
def test_tokens_issued_by_either_are_accepted_by_the_other(sites, issuer):
    gh, ref = sites
    issuing, checking = (gh, ref) if issuer == "gatehouse" else (ref, gh)
    user_id, name, password = add_user(gh.base)
    pair = obtain(issuing.base, name, password)
    resp = me(checking.base, pair["access"])
    assert resp.status_code == 200, describe(resp)
    assert (resp.json()["id"], resp.json()["username"]) == (user_id, name)
    # The refresh token too: the other one rotates it.
    rotated = refresh(checking.base, pair["refresh"])
    assert rotated.status_code == 200, describe(rotated)
    assert me(issuing.base, rotated.json()["access"]).status_code == 200


@pytest.mark.parametrize("rotator", ["gatehouse", "django"])
def test_refresh_token_rotated_by_one_is_refused_by_the_other(sites, rotator):
    gh, ref = sites
    rotating, other = (gh, ref) if rotator == "gatehouse" else (ref, gh)
    _, name, password = add_user(gh.base)
    pair = obtain(other.base, name, password)
    rotated = refresh(rotating.base, pair["refresh"])
    assert rotated.status_code == 200, describe(rotated)
    reused = refresh(other.base, pair["refresh"])
    assert reused.status_code == 401, describe(reused)
    assert reused.json().get("code") == "token_not_valid", describe(reused)
    # The token handed out in exchange works on the other one, once (and then it is refused by both).
    again = refresh(other.base, rotated.json()["refresh"])
    assert again.status_code == 200, describe(again)
    assert refresh(rotating.base, rotated.json()["refresh"]).status_code == 401
    assert refresh(other.base, rotated.json()["refresh"]).status_code == 401


def test_deactivation_in_djangos_admin_refuses_gatehouses_next_request(sites):
    gh, ref = sites
    user_id, name, password = add_user(ref.base)
    pair = obtain(gh.base, name, password)
    assert me(gh.base, pair["access"]).status_code == 200
    resp = admin_of(ref.base).change_user(user_id, is_active=False)
    assert resp.status_code in (301, 302, 303), describe(resp)
    assert me(gh.base, pair["access"]).status_code == 401
    assert refresh(gh.base, pair["refresh"]).status_code == 401


def test_deactivation_in_gatehouses_admin_refuses_djangos_next_request(sites):
    gh, ref = sites
    user_id, name, password = add_user(gh.base)
    pair = obtain(ref.base, name, password)
    assert me(ref.base, pair["access"]).status_code == 200
    resp = admin_of(gh.base).change_user(user_id, is_active=False)
    assert resp.status_code in (301, 302, 303), describe(resp)
    assert me(ref.base, pair["access"]).status_code == 401
    assert requests.post(ref.base + "/api/token/", json={"username": name, "password": password},
                         timeout=60).status_code == 401
