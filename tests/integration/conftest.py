"""Fixtures for the integration tests: a gatehouse built by CMake, started on a free port
with a fresh SQLite database, and Django's ORM (Debian's python3-django, with the
reference's settings) pointed at the same database to make ordinary users and grant
permissions: which also shows that Django can work on a database gatehouse created.

GATEHOUSE_BIN names the binary (the test command sets it)."""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REFERENCE = os.path.join(os.path.dirname(ROOT), "shared", "reference", "django")
SIGNING_KEY = "integration-signing-key-0123456789abcdef-0123456789"
ADMIN_USER = "admin"
ADMIN_PASSWORD = "admin-pass-123"
FAST_ITERATIONS = "2000"  # keeps logins fast; the cost itself is tested in the unit tests


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gatehouse_bin():
    path = os.environ.get("GATEHOUSE_BIN") or os.path.join(ROOT, "build", "gatehouse")
    if not os.path.exists(path):
        pytest.skip("gatehouse is not built (set GATEHOUSE_BIN)")
    return path


class Gatehouse:
    """One gatehouse process on its own database."""

    def __init__(self, workdir, extra_env=None):
        self.workdir = workdir
        self.db = os.path.join(workdir, "gatehouse.sqlite3")
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        self.env = dict(os.environ)
        self.env.update({
            "GATEHOUSE_DATABASE_URL": "sqlite:///" + self.db,
            "GATEHOUSE_SECRET_KEY": SIGNING_KEY,
            "GATEHOUSE_LISTEN": "127.0.0.1:%d" % self.port,
            "GATEHOUSE_PBKDF2_ITERATIONS": FAST_ITERATIONS,
            "GATEHOUSE_IO_THREADS": "2",
            "GATEHOUSE_HASH_THREADS": "2",
        })
        self.env.update(extra_env or {})
        self.proc = None
        self.log_path = os.path.join(workdir, "server.log")

    def cli(self, *args, input_text=None, env=None, check=True):
        full_env = dict(self.env)
        full_env.update(env or {})
        result = subprocess.run([gatehouse_bin(), *args], input=input_text, env=full_env, cwd=self.workdir,
                                capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise AssertionError("gatehouse %s failed (%d): %s %s" % (args, result.returncode, result.stdout, result.stderr))
        return result

    def start(self):
        self.log = open(self.log_path, "a")
        self.proc = subprocess.Popen([gatehouse_bin(), "serve"], env=self.env, cwd=self.workdir,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError("gatehouse exited: " + open(self.log_path).read())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.05)
        raise AssertionError("gatehouse did not start: " + open(self.log_path).read())

    def stop(self, sig=signal.SIGTERM, timeout=20):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=timeout)
        code = self.proc.returncode if self.proc else None
        if getattr(self, "log", None):
            self.log.close()
        return code


@pytest.fixture(scope="session")
def server():
    workdir = tempfile.mkdtemp(prefix="gatehouse-it-")
    gh = Gatehouse(workdir, {"SYSTEM_USER_ID": "1"})
    gh.cli("migrate")
    gh.cli("createsuperuser", "--noinput", "--username", ADMIN_USER, "--email", "admin@example.com",
           env={"GATEHOUSE_SUPERUSER_PASSWORD": ADMIN_PASSWORD})
    gh.start()
    yield gh
    gh.stop()
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def django_orm(server):
    """Django's User/Group/Permission models on gatehouse's database."""
    if not os.path.isdir(REFERENCE):
        pytest.skip("the Django reference is not beside this checkout")
    try:
        import django  # noqa: F401
    except ImportError:
        pytest.skip("Debian's python3-django is not installed")
    sys.path.insert(0, REFERENCE)
    os.environ["DJANGO_SETTINGS_MODULE"] = "refsite.settings"
    os.environ["REF_DB"] = server.db
    os.environ["REF_SECRET_KEY"] = SIGNING_KEY
    import django
    django.setup()
    from django.conf import settings
    # Fast (legacy) hashes for test users: gatehouse verifies them and upgrades them to
    # pbkdf2_sha256 at the first login, as Django does.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from django.contrib.auth.models import Group, Permission, User
    from django.db import connection
    return {"User": User, "Group": Group, "Permission": Permission, "connection": connection}


@pytest.fixture(scope="module")
def admin(server):
    """The superuser, signed in to the admin in a browser-like session of its own."""
    from admin_driver import Admin
    browser = Admin(server.base)
    browser.login(ADMIN_USER, ADMIN_PASSWORD)
    assert browser.logged_in()
    return browser
