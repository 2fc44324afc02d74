"""The command line: migrate, createsuperuser, changepassword, check, flushexpiredtokens,
and what they write to the admin log."""
import os
import tempfile

import pytest

from conftest import Gatehouse

STRONG = "Sturdy-Password-93!"


@pytest.fixture()
def gh():
    workdir = tempfile.mkdtemp(prefix="gatehouse-cli-")
    g = Gatehouse(workdir)
    g.cli("migrate")
    yield g
    g.stop()


def rows(gh, sql, *args):
    return gh.query(sql, *args)


@pytest.mark.parametrize("command", ["serve", "migrate", "createsuperuser", "changepassword", "check",
                                     "flushexpiredtokens"])
def test_every_command_explains_itself(gh, command):
    out = gh.cli(command, "--help").stdout
    assert "Usage" in out or "usage" in out.lower()


def test_migrate_twice_changes_nothing(gh):
    before = gh.schema()
    result = gh.cli("migrate")
    assert "No migrations to apply." in result.stdout
    assert gh.schema() == before


def test_createsuperuser_noinput_applies_the_validators(gh):
    result = gh.cli("createsuperuser", "--noinput", "--username", "boss", env={"GATEHOUSE_SUPERUSER_PASSWORD": "12345678"},
                    check=False)
    assert result.returncode == 1
    assert "This password is too common." in result.stderr
    assert "This password is entirely numeric." in result.stderr
    assert rows(gh, "SELECT count(*) FROM auth_user") == [(0,)]


def test_createsuperuser_noinput_refuses_bad_and_taken_usernames(gh):
    env = {"GATEHOUSE_SUPERUSER_PASSWORD": STRONG}
    assert gh.cli("createsuperuser", "--noinput", "--username", "bad name", env=env, check=False).returncode == 1
    gh.cli("createsuperuser", "--noinput", "--username", "boss", env=env)
    taken = gh.cli("createsuperuser", "--noinput", "--username", "boss", env=env, check=False)
    assert taken.returncode == 1 and "That username is already taken." in taken.stderr
    assert gh.cli("createsuperuser", "--noinput", "--username", "boss", "--skip-existing", env=env).returncode == 0
    assert rows(gh, "SELECT username, is_staff, is_superuser, is_active FROM auth_user") == [("boss", 1, 1, 1)]


def test_createsuperuser_from_environment_variables(gh):
    gh.cli("createsuperuser", "--noinput", env={"GATEHOUSE_SUPERUSER_USERNAME": "envboss",
                                                 "GATEHOUSE_SUPERUSER_EMAIL": "boss@example.com",
                                                 "GATEHOUSE_SUPERUSER_PASSWORD": STRONG})
    assert rows(gh, "SELECT username, email FROM auth_user") == [("envboss", "boss@example.com")]


def test_createsuperuser_interactive_asks_again_after_a_mismatch(gh):
    answers = "asker\nasker@example.com\n%s\nsomething-else\n%s\n%s\n" % (STRONG, STRONG, STRONG)
    result = gh.cli("createsuperuser", input_text=answers)
    assert "Error: Your passwords didn't match." in result.stderr
    assert "Superuser created successfully." in result.stdout
    password, = rows(gh, "SELECT password FROM auth_user WHERE username='asker'")[0]
    assert password.startswith("pbkdf2_sha256$")


def test_command_line_changes_are_logged_as_the_system_user(gh):
    env = {"GATEHOUSE_SUPERUSER_PASSWORD": STRONG}
    gh.cli("createsuperuser", "--noinput", "--username", "system", env=env)
    gh.env["SYSTEM_USER_ID"] = "1"
    gh.cli("createsuperuser", "--noinput", "--username", "second", env=env)
    gh.cli("changepassword", "second", input_text="Another-Strong-77!\nAnother-Strong-77!\n")
    log = rows(gh, "SELECT user_id, object_repr, action_flag, change_message, content_type_id FROM django_admin_log "
                   "ORDER BY id")
    ct, = rows(gh, "SELECT id FROM django_content_type WHERE app_label='auth' AND model='user'")[0]
    assert log == [(1, "second", 1, '[{"added": {}}]', ct),
                   (1, "second", 2, '[{"changed": {"fields": ["password"]}}]', ct)]


def test_changepassword_refuses_weak_passwords(gh):
    gh.cli("createsuperuser", "--noinput", "--username", "victim", env={"GATEHOUSE_SUPERUSER_PASSWORD": STRONG})
    before = rows(gh, "SELECT password FROM auth_user")
    result = gh.cli("changepassword", "victim", input_text="victim1\nvictim1\n" * 3, check=False)
    assert result.returncode == 1
    assert "This password is too short. It must contain at least 8 characters." in result.stderr
    assert rows(gh, "SELECT password FROM auth_user") == before


def test_check_and_serve_refuse_an_unknown_system_user(gh):
    gh.env["SYSTEM_USER_ID"] = "42"
    result = gh.cli("check", check=False)
    assert result.returncode == 1 and "SYSTEM_USER_ID=42 names no user" in result.stdout
    serve = gh.cli("serve", check=False)
    assert serve.returncode == 1 and "SYSTEM_USER_ID=42" in serve.stderr


def test_check_prints_the_configuration_with_secrets_masked(gh):
    result = gh.cli("check")
    assert "System check identified no issues." in result.stdout
    assert gh.env["GATEHOUSE_SECRET_KEY"] not in result.stdout
    assert "GATEHOUSE_SECRET_KEY=***" in result.stdout


def test_serve_refuses_an_unmigrated_database():
    workdir = tempfile.mkdtemp(prefix="gatehouse-cli-")
    g = Gatehouse(workdir)
    result = g.cli("serve", check=False)
    assert result.returncode == 1 and "gatehouse migrate" in result.stderr


def test_short_secret_key_is_refused(gh):
    result = gh.cli("check", env={"GATEHOUSE_SECRET_KEY": "short"}, check=False)
    assert result.returncode == 1 and "at least 32" in result.stderr


def test_flushexpiredtokens_removes_only_expired_tokens(gh):
    gh.cli("createsuperuser", "--noinput", "--username", "flusher", env={"GATEHOUSE_SUPERUSER_PASSWORD": STRONG})
    rows(gh, "INSERT INTO token_blacklist_outstandingtoken (token, created_at, expires_at, user_id, jti) "
             "VALUES ('t1', '2020-01-01 00:00:00', '2020-01-02 00:00:00', 1, 'old')")
    rows(gh, "INSERT INTO token_blacklist_outstandingtoken (token, created_at, expires_at, user_id, jti) "
             "VALUES ('t2', '2020-01-01 00:00:00', '2999-01-02 00:00:00', 1, 'new')")
    rows(gh, "INSERT INTO token_blacklist_blacklistedtoken (blacklisted_at, token_id) "
             "SELECT '2020-01-01 00:00:00', id FROM token_blacklist_outstandingtoken WHERE jti='old'")
    result = gh.cli("flushexpiredtokens")
    assert "Deleted 1 " in result.stdout
    assert rows(gh, "SELECT jti FROM token_blacklist_outstandingtoken") == [("new",)]
    assert rows(gh, "SELECT count(*) FROM token_blacklist_blacklistedtoken") == [(0,)]
