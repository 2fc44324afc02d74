"""The database `gatehouse migrate` writes is the one Django 3.2's `manage.py migrate` writes.

Run with: GATEHOUSE_BIN=build/gatehouse /usr/bin/python3 -m pytest tests/integration/test_django_schema.py
Needs Debian's python3-django, python3-djangorestframework(-simplejwt) and the reference site.
On SQLite (the default) the schemas compare as sqlite_master's SQL; with
GATEHOUSE_TEST_POSTGRES_URL each test makes fresh PostgreSQL databases, and the schemas compare
as PostgreSQL's catalogs describe them (columns, constraints, indexes, sequences).
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import (POSTGRES_URL, SIGNING_KEY, create_postgres_database, django_db_env, drop_postgres_database, query,
                      schema)

REFERENCE = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "django"
GATEHOUSE_BIN = os.environ.get("GATEHOUSE_BIN")

pytestmark = [
    pytest.mark.skipif(not GATEHOUSE_BIN, reason="set GATEHOUSE_BIN to the built gatehouse binary"),
    pytest.mark.skipif(not (REFERENCE / "manage.py").exists(), reason=f"no Django reference at {REFERENCE}"),
]


@pytest.fixture()
def new_db(tmp_path):
    """new_db(name): a fresh database, a SQLite path or (GATEHOUSE_TEST_POSTGRES_URL) a
    postgres:// URL, dropped after the test."""
    made = []

    def make(name):
        db = create_postgres_database("schema_" + name) if POSTGRES_URL else str(tmp_path / (name + ".sqlite3"))
        made.append(db)
        return db
    yield make
    if POSTGRES_URL:
        for db in made:
            drop_postgres_database(db)


def manage(db, *args, env=None):
    full_env = dict(os.environ, PYTHONPATH=str(REFERENCE), DJANGO_SETTINGS_MODULE="refsite.settings", **django_db_env(db))
    full_env.update(env or {})
    return subprocess.run([sys.executable, str(REFERENCE / "manage.py"), *args], env=full_env,
                          capture_output=True, text=True, check=True).stdout


def gatehouse_migrate(db):
    env = dict(os.environ, GATEHOUSE_DATABASE_URL=f"sqlite:///{db}")
    if POSTGRES_URL:  # no file beside the database to keep a generated key in
        env.update(GATEHOUSE_DATABASE_URL=db, GATEHOUSE_SECRET_KEY=SIGNING_KEY)
    result = subprocess.run([GATEHOUSE_BIN, "migrate"], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def dump(db):
    return {
        "schema": schema(db),
        "django_migrations": query(db, "SELECT id, app, name FROM django_migrations ORDER BY id"),
        "django_content_type": query(db, "SELECT id, app_label, model FROM django_content_type ORDER BY id"),
        "auth_permission": query(db, "SELECT id, content_type_id, codename, name FROM auth_permission ORDER BY id"),
    }


def test_fresh_schema_matches_django(new_db):
    django_db, gatehouse_db = new_db("django"), new_db("gatehouse")
    manage(django_db, "migrate", "--noinput")
    gatehouse_migrate(gatehouse_db)
    assert dump(gatehouse_db) == dump(django_db)


def test_gatehouse_migrate_is_a_no_op_on_a_django_database(new_db):
    db = new_db("django")
    manage(db, "migrate", "--noinput")
    before = dump(db)
    gatehouse_migrate(db)
    assert dump(db) == before


def test_django_sees_a_gatehouse_database_as_migrated(new_db):
    db = new_db("gatehouse")
    gatehouse_migrate(db)
    plan = [line for line in manage(db, "showmigrations", "--plan").splitlines() if line.strip()]
    assert plan and all(line.startswith("[X]") for line in plan), plan
    before = dump(db)
    assert "No migrations to apply." in manage(db, "migrate", "--noinput")
    assert dump(db) == before
