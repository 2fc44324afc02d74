"""gatehouse on a database that Django created, and tokens that cross between gatehouse
and SimpleJWT with the same key (Debian's Django 3.2 + SimpleJWT 5.2 of the reference)."""
import json
import os
import subprocess
import tempfile

import pytest
import requests

from conftest import REFERENCE, SIGNING_KEY, Gatehouse, django_db_env, schema

DJANGO_PASSWORD = "Django-made-Pass-61"


def manage(db, *args, code=None, env=None):
    full_env = dict(os.environ, PYTHONPATH=REFERENCE, DJANGO_SETTINGS_MODULE="refsite.settings",
                    REF_SECRET_KEY=SIGNING_KEY, **django_db_env(db), **(env or {}))
    cmd = ["/usr/bin/python3", os.path.join(REFERENCE, "manage.py"), *args]
    if code is not None:
        cmd += ["-c", code]
    result = subprocess.run(cmd, env=full_env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def django_site():
    if not os.path.isdir(REFERENCE):
        pytest.skip("the Django reference is not beside this checkout")
    workdir = tempfile.mkdtemp(prefix="gatehouse-django-")
    g = Gatehouse(workdir)
    manage(g.db, "migrate", "--noinput")
    manage(g.db, "createsuperuser", "--noinput", "--username", "djadmin", "--email", "dj@example.com",
           env={"DJANGO_SUPERUSER_PASSWORD": DJANGO_PASSWORD})
    yield g
    g.stop()


def test_gatehouse_migrate_changes_nothing_on_a_django_database(django_site):
    before = schema(django_site.db)
    out = django_site.cli("migrate").stdout
    assert "No migrations to apply." in out
    assert schema(django_site.db) == before


def test_user_created_by_django_logs_in_through_gatehouse(django_site):
    django_site.start()
    resp = requests.post(django_site.base + "/api/token/", json={"username": "djadmin", "password": DJANGO_PASSWORD},
                         timeout=60)
    assert resp.status_code == 200, resp.text
    me = requests.get(django_site.base + "/api/users/me/",
                      headers={"Authorization": "Bearer " + resp.json()["access"]}, timeout=30).json()
    assert (me["username"], me["email"], me["is_superuser"]) == ("djadmin", "dj@example.com", True)


SIMPLEJWT_MINT = """
from django.contrib.auth.models import User
from rest_framework_simplejwt.tokens import RefreshToken
refresh = RefreshToken.for_user(User.objects.get(username="djadmin"))
print(str(refresh.access_token) + " " + str(refresh))
"""

SIMPLEJWT_VERIFY = """
import sys
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken
access, refresh = open("%s").read().split()
print(AccessToken(access)["user_id"], RefreshToken(refresh)["user_id"])
"""


def test_tokens_made_by_simplejwt_work_in_gatehouse(django_site):
    access, refresh = manage(django_site.db, "shell", code=SIMPLEJWT_MINT).split()
    assert requests.get(django_site.base + "/api/users/me/", headers={"Authorization": "Bearer " + access},
                        timeout=30).json()["username"] == "djadmin"
    resp = requests.post(django_site.base + "/api/token/refresh/", json={"refresh": refresh}, timeout=30)
    assert resp.status_code == 200, resp.text


def test_tokens_made_by_gatehouse_work_in_simplejwt(django_site):
    pair = requests.post(django_site.base + "/api/token/", json={"username": "djadmin", "password": DJANGO_PASSWORD},
                         timeout=60).json()
    path = os.path.join(django_site.workdir, "tokens.txt")
    with open(path, "w") as f:
        f.write(pair["access"] + " " + pair["refresh"])
    out = manage(django_site.db, "shell", code=SIMPLEJWT_VERIFY % path)
    user_id = requests.get(django_site.base + "/api/users/me/", headers={"Authorization": "Bearer " + pair["access"]},
                           timeout=30).json()["id"]
    assert out.split() == [str(user_id), str(user_id)]


def test_rotation_by_gatehouse_is_seen_by_simplejwt_blacklist(django_site):
    pair = requests.post(django_site.base + "/api/token/", json={"username": "djadmin", "password": DJANGO_PASSWORD},
                         timeout=60).json()
    assert requests.post(django_site.base + "/api/token/refresh/", json={"refresh": pair["refresh"]},
                         timeout=30).status_code == 200
    path = os.path.join(django_site.workdir, "rotated.txt")
    with open(path, "w") as f:
        f.write(pair["refresh"])
    code = ("from rest_framework_simplejwt.tokens import RefreshToken\n"
            "from rest_framework_simplejwt.exceptions import TokenError\n"
            "try:\n    RefreshToken(open(%r).read()); print('usable')\nexcept TokenError as e:\n    print(e)\n") % path
    assert manage(django_site.db, "shell", code=code).strip() == "Token is blacklisted"
