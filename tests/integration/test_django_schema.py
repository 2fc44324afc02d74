"""The database `gatehouse migrate` writes is the one Django 3.2's `manage.py migrate` writes.

Run with: GATEHOUSE_BIN=build/gatehouse /usr/bin/python3 -m pytest tests/integration/test_django_schema.py
Needs Debian's python3-django, python3-djangorestframework(-simplejwt) and the reference site.
"""
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REFERENCE = Path(__file__).resolve().parents[2] / ".." / "shared" / "reference" / "django"
GATEHOUSE_BIN = os.environ.get("GATEHOUSE_BIN")

pytestmark = [
    pytest.mark.skipif(not GATEHOUSE_BIN, reason="set GATEHOUSE_BIN to the built gatehouse binary"),
    pytest.mark.skipif(not (REFERENCE / "manage.py").exists(), reason=f"no Django reference at {REFERENCE}"),
]


def manage(db, *args, env=None):
    full_env = dict(os.environ, PYTHONPATH=str(REFERENCE), DJANGO_SETTINGS_MODULE="refsite.settings", REF_DB=str(db))
    full_env.update(env or {})
    return subprocess.run([sys.executable, str(REFERENCE / "manage.py"), *args], env=full_env,
                          capture_output=True, text=True, check=True).stdout


def gatehouse_migrate(db):
    env = dict(os.environ, GATEHOUSE_DATABASE_URL=f"sqlite:///{db}")
    subprocess.run([GATEHOUSE_BIN, "migrate"], env=env, capture_output=True, text=True, check=True)


def dump(db):
    with sqlite3.connect(db) as conn:
        return {
            "sqlite_master": conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name").fetchall(),
            "django_migrations": conn.execute("SELECT id, app, name FROM django_migrations ORDER BY id").fetchall(),
            "django_content_type": conn.execute("SELECT id, app_label, model FROM django_content_type ORDER BY id").fetchall(),
            "auth_permission": conn.execute(
                "SELECT id, content_type_id, codename, name FROM auth_permission ORDER BY id").fetchall(),
        }


def test_fresh_schema_matches_django(tmp_path):
    manage(tmp_path / "django.sqlite3", "migrate", "--noinput")
    gatehouse_migrate(tmp_path / "gatehouse.sqlite3")
    assert dump(tmp_path / "gatehouse.sqlite3") == dump(tmp_path / "django.sqlite3")


def test_gatehouse_migrate_is_a_no_op_on_a_django_database(tmp_path):
    db = tmp_path / "django.sqlite3"
    manage(db, "migrate", "--noinput")
    before = dump(db)
    gatehouse_migrate(db)
    assert dump(db) == before


def test_django_sees_a_gatehouse_database_as_migrated(tmp_path):
    db = tmp_path / "gatehouse.sqlite3"
    gatehouse_migrate(db)
    plan = [line for line in manage(db, "showmigrations", "--plan").splitlines() if line.strip()]
    assert plan and all(line.startswith("[X]") for line in plan), plan
    before = dump(db)
    assert "No migrations to apply." in manage(db, "migrate", "--noinput")
    assert dump(db) == before
