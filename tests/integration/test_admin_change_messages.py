"""django_admin_log rows, byte for byte as Django 3.2 writes them.

The Django reference (../shared/reference/django) and gatehouse go through the same admin
actions, driven by the conformance suite's browser-like AdminClient, and the rows each one
writes (action_flag, change_message, object_repr and the object's model; not ids or times)
are read back from each server's database (SQLite, or PostgreSQL for gatehouse with
GATEHOUSE_TEST_POSTGRES_URL) and compared. The reference's rows are also
checked against the messages written down below, so a change in the driver or in Django
shows up as such and not as a gatehouse failure.

Needs the conformance suite and the reference beside this checkout (<repo>/../shared); the
module is skipped without them.
"""
import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

import pytest

from conftest import ADMIN_PASSWORD, ADMIN_USER, free_port, is_postgres, query

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
CONFORMANCE = os.path.join(SHARED, "conformance")
REFERENCE_RUN = os.path.join(SHARED, "reference", "django", "run.sh")

if not os.path.isfile(os.path.join(CONFORMANCE, "conformance_kit.py")):
    pytest.skip("the conformance suite's admin driver is not at %s" % CONFORMANCE, allow_module_level=True)
if not os.path.isfile(REFERENCE_RUN):
    pytest.skip("the Django reference is not at %s" % REFERENCE_RUN, allow_module_level=True)
if CONFORMANCE not in sys.path:
    sys.path.append(CONFORMANCE)  # appended: our own conftest must stay the one named "conftest"

from conformance_kit import AdminClient, AdminError, describe, strong_password  # noqa: E402

ADDITION, CHANGE, DELETION = 1, 2, 3
# Each name is made unique per run, and the same on both servers, so object_repr compares.
RUN = uuid.uuid4().hex[:8]
USERNAME = "cm_user_" + RUN
GROUP = "cm_group_" + RUN
RENAMED_GROUP = "cm_renamed_" + RUN

# What the reference writes for each action of the scenario: (action, model, flag, message,
# object_repr), in order. Observed on Django 3.2.25 (Debian's python3-django).
EXPECTED = [
    ("add a user", "auth.user", ADDITION, '[{"added": {}}]', USERNAME),
    ("change email and is_active", "auth.user", CHANGE,
     '[{"changed": {"fields": ["Email address", "Active"]}}]', USERNAME),
    ("change first and last name", "auth.user", CHANGE,
     '[{"changed": {"fields": ["First name", "Last name"]}}]', USERNAME),
    ("add the user permission Can view user", "auth.user", CHANGE,
     '[{"changed": {"fields": ["User permissions"]}}]', USERNAME),
    ("add a group with permissions", "auth.group", ADDITION, '[{"added": {}}]', GROUP),
    ("add the user to the group", "auth.user", CHANGE, '[{"changed": {"fields": ["Groups"]}}]', USERNAME),
    ("save the user without changes", "auth.user", CHANGE, "[]", USERNAME),
    ("set the user's password", "auth.user", CHANGE, '[{"changed": {"fields": ["password"]}}]', USERNAME),
    ("rename the group", "auth.group", CHANGE, '[{"changed": {"fields": ["Name"]}}]', RENAMED_GROUP),
    ("delete the user", "auth.user", DELETION, "", USERNAME),
    ("delete the group", "auth.group", DELETION, "", RENAMED_GROUP),
]


def read_only(db, sql, *args):
    """Rows from `db`: a SQLite file, opened read-only, or a postgres:// URL (gatehouse with
    GATEHOUSE_TEST_POSTGRES_URL)."""
    if is_postgres(db):
        return query(db, sql, *args)
    with contextlib.closing(sqlite3.connect("file:%s?mode=ro" % db, uri=True)) as conn:
        return conn.execute(sql, args).fetchall()


def admin_log_after(db, last_id):
    """(model, action_flag, change_message, object_repr) of the rows after id `last_id`."""
    return read_only(
        db, 'SELECT ct."app_label" || \'.\' || ct."model", l."action_flag", l."change_message", l."object_repr" '
            'FROM "django_admin_log" l LEFT JOIN "django_content_type" ct ON ct."id" = l."content_type_id" '
            'WHERE l."id" > ? ORDER BY l."id"', last_id)


def last_log_id(db):
    return read_only(db, 'SELECT COALESCE(MAX("id"), 0) FROM "django_admin_log"')[0][0]


def saved(resp, what):
    if resp.status_code not in (301, 302, 303):
        raise AdminError("%s was refused: %s" % (what, describe(resp)))


def change_group(admin, group_id, name):
    pg = admin.page("/admin/auth/group/%d/change/" % group_id)
    if pg.resp.status_code != 200:
        raise AdminError("cannot open the group's change page: " + describe(pg.resp))
    form = pg.form(needs=("name",))
    form.set("name", name)
    saved(admin.submit(form, submit="_save"), "renaming the group")


def delete_group(admin, group_id):
    pg = admin.page("/admin/auth/group/%d/delete/" % group_id)
    if pg.resp.status_code != 200:
        raise AdminError("cannot open the group's delete page: " + describe(pg.resp))
    saved(admin.submit(pg.form()), "deleting the group")


def run_scenario(base_url, db):
    """Every action of EXPECTED, in order, through the admin at base_url; returns the
    django_admin_log rows they wrote, each labelled with its action."""
    start = last_log_id(db)
    admin = AdminClient(base_url)
    assert admin.login(ADMIN_USER, ADMIN_PASSWORD), \
        "cannot log in to %s/admin/: %s" % (base_url, describe(getattr(admin, "last", None)))

    added = admin.add_user(USERNAME, strong_password())
    assert added.created, "adding %s was refused: %s" % (USERNAME, describe(added.response))
    uid = added.user_id
    admin.change_user(uid, email=USERNAME + "@example.com", is_active=False)
    admin.change_user(uid, first_name="Ada", last_name="Lovelace")
    admin.change_user(uid, add_permissions=["Can view user"])
    group_id = admin.add_group(GROUP, permissions=["Can view user", "Can change user"])
    admin.change_user(uid, add_groups=[GROUP])
    admin.change_user(uid)
    assert admin.set_password(uid, strong_password()), "setting the password was refused: " + describe(admin.last)
    change_group(admin, group_id, RENAMED_GROUP)
    admin.delete_user(uid)
    delete_group(admin, group_id)

    rows = admin_log_after(db, start)
    actions = [action for action, *_ in EXPECTED]
    return [(actions[i] if i < len(actions) else "(extra row)",) + tuple(row) for i, row in enumerate(rows)]


@pytest.fixture(scope="module")
def reference():
    """The Django reference (run.sh: migrate, superuser admin/admin-pass-123, gunicorn) on a
    free port and a fresh SQLite file; stopped at the end of the module."""
    workdir = tempfile.mkdtemp(prefix="gatehouse-ref-admin-log-")
    db = os.path.join(workdir, "ref.sqlite3")
    port = free_port()
    env = dict(os.environ, PORT=str(port), REF_DB=db, WORKERS="1", SYSTEM_USER_ID="1",
               REF_SECRET_KEY="reference-admin-log-signing-key-0123456789abcdef",
               REF_ADMIN_USER=ADMIN_USER, REF_ADMIN_PASSWORD=ADMIN_PASSWORD)
    env.pop("REF_DATABASE_URL", None)
    log_path = os.path.join(workdir, "reference.log")
    with open(log_path, "w") as log:
        proc = subprocess.Popen(["bash", REFERENCE_RUN], env=env, stdout=log, stderr=subprocess.STDOUT,
                                start_new_session=True)
    base = "http://127.0.0.1:%d" % port
    try:
        deadline = time.time() + 120  # migrate + createsuperuser (PBKDF2) first
        while True:
            if proc.poll() is not None:
                pytest.fail("the reference did not start:\n" + open(log_path).read())
            try:
                urllib.request.urlopen(base + "/admin/login/", timeout=2)
                break
            except OSError:
                if time.time() > deadline:
                    pytest.fail("the reference did not answer within 120 s:\n" + open(log_path).read())
                time.sleep(0.5)
        yield {"base": base, "db": db}
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)  # run.sh execs gunicorn; its master stops its workers
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)  # the session it was started in: only ours
                proc.wait()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="module")
def reference_rows(reference):
    return run_scenario(reference["base"], reference["db"])


def test_reference_writes_the_messages_django_is_known_to_write(reference_rows):
    expected = [(action, model, flag, message, repr_) for action, model, flag, message, repr_ in EXPECTED]
    assert reference_rows == expected


def test_gatehouse_writes_the_same_admin_log_rows_as_django(reference_rows, server):
    gatehouse_rows = run_scenario(server.base, server.db)
    assert gatehouse_rows == reference_rows
