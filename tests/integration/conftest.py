"""Fixtures for the integration tests: a gatehouse built by CMake, started on a free port
with a fresh SQLite database, and Django's ORM (Debian's python3-django, with the
reference's settings) pointed at the same database to make ordinary users and grant
permissions: which also shows that Django can work on a database gatehouse created.

GATEHOUSE_BIN names the binary (the test command sets it). With GATEHOUSE_TEST_POSTGRES_URL
(postgres://user@host:port/db, a role with CREATEDB; scripts/pg-cluster.sh starts one) every
Gatehouse gets a fresh PostgreSQL database on that server instead of a SQLite file, dropped at
stop(); without it nothing changes."""
import atexit
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sqlite3
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
REFERENCE = os.path.join(os.path.dirname(ROOT), "shared", "reference", "django")
SIGNING_KEY = "integration-signing-key-0123456789abcdef-0123456789"
ADMIN_USER = "admin"
ADMIN_PASSWORD = "admin-pass-123"
FAST_ITERATIONS = "2000"  # keeps logins fast; the cost itself is tested in the unit tests
POSTGRES_URL = os.environ.get("GATEHOUSE_TEST_POSTGRES_URL", "")
postgres_only = pytest.mark.skipif(not POSTGRES_URL, reason="needs GATEHOUSE_TEST_POSTGRES_URL (scripts/pg-cluster.sh)")


# PostgreSQL: one fresh database per Gatehouse (or per test that asks), on the server of
# GATEHOUSE_TEST_POSTGRES_URL. Whatever a test leaves behind is dropped when pytest exits.
_databases = set()


def _admin_connection():
    import psycopg2
    conn = psycopg2.connect(POSTGRES_URL)
    conn.autocommit = True
    return contextlib.closing(conn)


def create_postgres_database(prefix="gatehouse_it"):
    """A new, empty database on the test server; returns its URL."""
    name = "%s_%s" % (prefix, uuid.uuid4().hex[:12])
    with _admin_connection() as conn:
        conn.cursor().execute('CREATE DATABASE "%s"' % name)
    _databases.add(name)
    url = urllib.parse.urlsplit(POSTGRES_URL)
    return urllib.parse.urlunsplit((url.scheme, url.netloc, "/" + name, url.query, ""))


def drop_postgres_database(database_url):
    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    if name not in _databases:
        return
    with _admin_connection() as conn:
        conn.cursor().execute('DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name)
    _databases.discard(name)


@atexit.register
def _drop_leftover_databases():
    for name in list(_databases):
        try:
            drop_postgres_database("postgres:///" + name)
        except Exception:  # noqa: BLE001 - best effort at exit; the cluster is throwaway anyway
            pass


def is_postgres(db):
    return str(db).startswith(("postgres://", "postgresql://"))


def query(db, sql, *args):
    """Rows of one statement (committed) on a database: a SQLite path or a postgres:// URL.
    `?` placeholders on both."""
    if is_postgres(db):
        import psycopg2
        with contextlib.closing(psycopg2.connect(db)) as conn:
            conn.autocommit = True
            cur = conn.cursor()
            if args:
                cur.execute(sql.replace("%", "%%").replace("?", "%s"), args)
            else:
                cur.execute(sql)
            return cur.fetchall() if cur.description else []
    with contextlib.closing(sqlite3.connect(db)) as conn:
        with conn:
            return conn.execute(sql, args).fetchall()


def schema(db):
    """The schema as the database describes it: sqlite_master on SQLite; on PostgreSQL the
    columns, constraints, indexes and sequences of the public schema from the catalogs. An
    auto-incrementing key reads as "auto" whether it is a serial column (Django 3.2) or an
    identity column (Django 4.1+, and gatehouse): Django reads and writes both alike."""
    if not is_postgres(db):
        return query(db, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")
    columns = query(db, "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, "
                        "column_default, is_identity FROM information_schema.columns "
                        "WHERE table_schema = 'public' ORDER BY table_name, column_name")
    return {
        "columns": [row[:5] + ("auto" if row[6] == "YES" or str(row[5]).startswith("nextval(") else row[5],)
                    for row in columns],
        "constraints": query(db, "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
                                 "FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                                 "WHERE n.nspname = 'public' ORDER BY 1, 2"),
        "indexes": query(db, "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                             "ORDER BY 1, 2"),
        "sequences": query(db, "SELECT sequencename, data_type FROM pg_sequences WHERE schemaname = 'public' "
                               "ORDER BY 1"),
    }


def django_db_env(db):
    """The environment that points the Django reference (refsite.settings) at `db`."""
    if is_postgres(db):
        return {"REF_DATABASE_URL": db}
    return {"REF_DB": str(db), "REF_DATABASE_URL": ""}


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
    """One gatehouse process on its own database: a SQLite file in `workdir`, or with
    GATEHOUSE_TEST_POSTGRES_URL a fresh PostgreSQL database, dropped at stop(). `database`
    (a SQLite path or a postgres:// URL) shares another one's database instead; it is not
    dropped. `db` is the database (path or URL) for query(), schema() and django_db_env()."""

    def __init__(self, workdir, extra_env=None, database=None):
        self.workdir = workdir
        self.owns_database = database is None
        if database is not None:
            self.db = str(database)
        elif POSTGRES_URL:
            self.db = create_postgres_database()
        else:
            self.db = os.path.join(workdir, "gatehouse.sqlite3")
        self.database_url = self.db if is_postgres(self.db) else "sqlite:///" + self.db
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        self.env = dict(os.environ)
        self.env.update({
            "GATEHOUSE_DATABASE_URL": self.database_url,
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
        if self.owns_database and is_postgres(self.db):
            drop_postgres_database(self.db)
        return code

    def query(self, sql, *args):
        return query(self.db, sql, *args)

    def schema(self):
        return schema(self.db)


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
    os.environ.update(django_db_env(server.db))
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
