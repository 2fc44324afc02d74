"""The admin's safety rules: CSRF and same-origin checks on every POST, cookie flags,
a new session at login, sessions that end server-side (logout, deactivation, deletion,
password change), no off-site redirects, security headers, throttled logins."""
import shutil
import tempfile

import pytest
import requests

from admin_driver import Admin, unique
from conftest import ADMIN_PASSWORD, ADMIN_USER, Gatehouse

PASSWORD = "Kx9-admin-safety-Passw0rd"


@pytest.fixture
def staff(admin, server):
    """A staff user logged in in its own browser."""
    name = unique("staff")
    user_id = admin.add_user(name, PASSWORD)
    assert admin.change_user(user_id, is_staff=True, permissions=["Can view user"]).status_code == 302
    b = Admin(server.base)
    b.login(name, PASSWORD)
    assert b.logged_in()
    b.user_id, b.name = user_id, name
    return b


def add_user_form(a):
    form = a.page("/admin/auth/user/add/").form("username", "password1")
    name = unique("csrf")
    return form.set("username", name).set("password1", PASSWORD).set("password2", PASSWORD), name


# ----- CSRF -----------------------------------------------------------------------------

def test_post_without_csrf_token_is_refused(admin):
    form, name = add_user_form(admin)
    form.fields = [f for f in form.fields if f[0] != "csrfmiddlewaretoken"]
    resp = admin.submit(form, "_save")
    assert resp.status_code == 403 and "CSRF" in resp.text
    assert admin.page("/admin/auth/user/?q=" + name).text.count(name) <= 1  # only the search box echo


def test_post_with_wrong_csrf_token_is_refused(admin):
    form, _ = add_user_form(admin)
    form.set("csrfmiddlewaretoken", "x" * 32)
    assert admin.submit(form, "_save").status_code == 403


def test_post_from_another_origin_is_refused(admin):
    form, _ = add_user_form(admin)
    data = [tuple(f) for f in form.fields] + [("_save", "Save")]
    resp = admin.s.post(form.action, data=data, allow_redirects=False,
                        headers={"Origin": "http://evil.example", "Referer": "http://evil.example/x"})
    assert resp.status_code == 403 and "Origin checking failed" in resp.text


def test_post_with_foreign_referer_and_no_origin_is_refused(admin):
    form, _ = add_user_form(admin)
    data = [tuple(f) for f in form.fields] + [("_save", "Save")]
    resp = admin.s.post(form.action, data=data, allow_redirects=False, headers={"Referer": "http://evil.example/x"})
    assert resp.status_code == 403 and "Referer checking failed" in resp.text


def test_post_without_origin_or_referer_is_refused(admin):
    form, _ = add_user_form(admin)
    data = [tuple(f) for f in form.fields] + [("_save", "Save")]
    resp = admin.s.post(form.action, data=data, allow_redirects=False)
    assert resp.status_code == 403


def test_login_needs_csrf_too(server):
    b = Admin(server.base)
    form = b.page("/admin/login/").form("username", "password")
    form.set("username", ADMIN_USER).set("password", ADMIN_PASSWORD)
    form.fields = [f for f in form.fields if f[0] != "csrfmiddlewaretoken"]
    assert b.submit(form).status_code == 403
    assert not b.logged_in()


# ----- cookies and sessions -------------------------------------------------------------

def test_session_cookie_flags(server):
    b = Admin(server.base)
    resp = b.login(ADMIN_USER, ADMIN_PASSWORD)
    cookies = resp.headers.get("Set-Cookie", "")
    session = [c for c in resp.raw.headers.getlist("Set-Cookie") if c.startswith("sessionid=")]
    assert session, cookies
    assert "HttpOnly" in session[0] and "SameSite=Lax" in session[0] and "Path=/" in session[0]
    assert "Secure" not in session[0]  # served over plain HTTP here


def test_https_deployment_sets_secure_cookies_and_expects_https_origins():
    workdir = tempfile.mkdtemp(prefix="gatehouse-https-")
    gh = Gatehouse(workdir, {"GATEHOUSE_ADMIN_HTTPS": "true"})
    try:
        gh.cli("migrate")
        gh.cli("createsuperuser", "--noinput", "--username", "root", "--email", "r@example.com",
               env={"GATEHOUSE_SUPERUSER_PASSWORD": PASSWORD})
        gh.start()
        s = requests.Session()
        page = s.get(gh.base + "/admin/login/")
        csrf_cookie = [c for c in page.raw.headers.getlist("Set-Cookie") if c.startswith("csrftoken=")]
        assert csrf_cookie and "Secure" in csrf_cookie[0]
        token = s.cookies.get("csrftoken")
        data = {"csrfmiddlewaretoken": token, "username": "root", "password": PASSWORD, "next": "/admin/"}
        # The TLS proxy in front would forward the Secure cookie; requests keeps it back on http://.
        cookie = {"Cookie": "csrftoken=" + token}
        # An http:// origin does not match an HTTPS deployment.
        resp = requests.post(gh.base + "/admin/login/", data=data, headers={"Origin": gh.base, **cookie},
                             allow_redirects=False)
        assert resp.status_code == 403
        https_origin = gh.base.replace("http://", "https://")
        resp = requests.post(gh.base + "/admin/login/", data=data, headers={"Origin": https_origin, **cookie},
                             allow_redirects=False)
        assert resp.status_code == 302
        session = [c for c in resp.raw.headers.getlist("Set-Cookie") if c.startswith("sessionid=")]
        assert session and "Secure" in session[0] and "HttpOnly" in session[0]
    finally:
        gh.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def test_login_issues_a_new_session_and_csrf_token(server):
    b = Admin(server.base)
    form = b.page("/admin/login/").form("username", "password")
    form.set("username", ADMIN_USER).set("password", ADMIN_PASSWORD)
    assert b.submit(form).status_code == 302
    first_session, first_csrf = b.cookie("sessionid"), b.cookie("csrftoken")
    # Signing in again from the same browser (the login page itself redirects a signed-in
    # user, so post the form again with the current CSRF token).
    form.set("csrfmiddlewaretoken", first_csrf)
    assert b.submit(form).status_code == 302
    assert b.cookie("sessionid") != first_session
    assert b.cookie("csrftoken") != first_csrf
    # The replaced session is gone on the server, not just in this browser.
    old = requests.get(server.base + "/admin/", cookies={"sessionid": first_session}, allow_redirects=False)
    assert old.status_code == 302 and "/admin/login/" in old.headers["Location"]


def test_logout_ends_the_session_on_the_server(server):
    b = Admin(server.base)
    b.login(ADMIN_USER, ADMIN_PASSWORD)
    stolen = b.cookie("sessionid")
    page = b.page("/admin/")
    logout = [f for f in page.forms if "logout" in f.action][0]
    assert b.submit(logout).status_code == 200
    resp = requests.get(server.base + "/admin/", cookies={"sessionid": stolen}, allow_redirects=False)
    assert resp.status_code == 302 and "/admin/login/" in resp.headers["Location"]


def test_logout_by_get_is_refused(admin):
    assert admin.get("/admin/logout/").status_code == 405
    assert admin.logged_in()


def test_deactivation_ends_sessions_at_once(admin, staff):
    assert admin.change_user(staff.user_id, is_active=False).status_code == 302
    resp = staff.get("/admin/")
    assert resp.status_code == 302 and "/admin/login/" in resp.headers["Location"]


def test_losing_staff_status_ends_sessions(admin, staff):
    assert admin.change_user(staff.user_id, is_staff=False).status_code == 302
    assert not staff.logged_in()


def test_deletion_ends_sessions(admin, staff):
    page = admin.page("/admin/auth/user/%d/delete/" % staff.user_id)
    assert admin.submit(page.form()).status_code == 302
    assert not staff.logged_in()


def test_password_change_by_an_admin_ends_the_users_sessions(admin, staff):
    form = admin.page("/admin/auth/user/%d/password/" % staff.user_id).form("password1")
    form.set("password1", "Kx9-replaced-Passw0rd").set("password2", "Kx9-replaced-Passw0rd")
    assert admin.submit(form).status_code == 302
    assert not staff.logged_in()


def test_own_password_change_keeps_this_session_and_ends_the_others(admin, staff, server):
    other = Admin(server.base)
    other.login(staff.name, PASSWORD)
    assert other.logged_in()
    form = staff.page("/admin/password_change/").form("old_password")
    form.set("old_password", PASSWORD).set("new_password1", "Kx9-my-new-Passw0rd").set("new_password2", "Kx9-my-new-Passw0rd")
    resp = staff.submit(form)
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/admin/password_change/done/")
    assert staff.logged_in()
    assert not other.logged_in()


def test_own_password_change_checks_the_old_password_and_validators(staff):
    form = staff.page("/admin/password_change/").form("old_password")
    form.set("old_password", "wrong").set("new_password1", "123").set("new_password2", "123")
    resp = staff.submit(form)
    assert resp.status_code == 200
    assert "Your old password was entered incorrectly" in resp.text
    assert "This password is too short" in resp.text


# ----- redirects and headers -----------------------------------------------------------

@pytest.mark.parametrize("next_url", ["//evil.example/", "https://evil.example/", "/\\evil.example",
                                      "http:/admin/", " //evil.example", "javascript:alert(1)"])
def test_next_never_leads_off_site(server, next_url):
    b = Admin(server.base)
    resp = b.login(ADMIN_USER, ADMIN_PASSWORD, next_path=next_url)
    assert resp.status_code == 302
    assert resp.headers["Location"] == "/admin/"


def test_next_within_the_site_is_followed(server):
    b = Admin(server.base)
    resp = b.login(ADMIN_USER, ADMIN_PASSWORD, next_path="/admin/auth/user/?q=a")
    assert resp.headers["Location"] == "/admin/auth/user/?q=a"


def test_anonymous_request_is_sent_to_login_with_next(server):
    resp = requests.get(server.base + "/admin/auth/user/?q=x", allow_redirects=False)
    assert resp.status_code == 302
    assert resp.headers["Location"] == "/admin/login/?next=%2Fadmin%2Fauth%2Fuser%2F%3Fq%3Dx"


@pytest.mark.parametrize("path", ["/admin/login/", "/admin/", "/admin/auth/user/"])
def test_security_headers(admin, path):
    resp = admin.get(path)
    assert resp.headers["X-Frame-Options"] == "DENY"
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    csp = resp.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "no-store" in resp.headers["Cache-Control"]


def test_pages_use_no_inline_script_or_style(admin):
    for path in ("/admin/login/", "/admin/", "/admin/auth/user/", "/admin/auth/user/1/change/", "/admin/auth/group/add/"):
        text = admin.get(path).text
        assert "<script>" not in text and "style=" not in text and "<style" not in text, path


def test_user_input_is_escaped(admin):
    name = unique("esc")
    user_id = admin.add_user(name, PASSWORD)
    resp = admin.change_user(user_id, first_name='<script>alert("x")</script>')
    assert resp.status_code == 302
    text = admin.get("/admin/auth/user/?q=" + name).text
    assert "<script>alert" not in text and "&lt;script&gt;" in text


def test_static_assets_are_served_without_a_session(server):
    css = requests.get(server.base + "/static/admin/gatehouse.css")
    assert css.status_code == 200 and css.headers["Content-Type"].startswith("text/css")
    js = requests.get(server.base + "/static/admin/admin.js")
    assert js.status_code == 200 and "javascript" in js.headers["Content-Type"]


# ----- throttling ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def throttled():
    workdir = tempfile.mkdtemp(prefix="gatehouse-throttle-")
    gh = Gatehouse(workdir, {"GATEHOUSE_ADMIN_LOGIN_FAILURES_PER_USERNAME": "3",
                             "GATEHOUSE_ADMIN_LOGIN_FAILURES_PER_ADDRESS": "6"})
    gh.cli("migrate")
    for name in ("alice", "bob", "carol"):
        gh.cli("createsuperuser", "--noinput", "--username", name, "--email", name + "@example.com",
               env={"GATEHOUSE_SUPERUSER_PASSWORD": PASSWORD})
    gh.start()
    yield gh
    gh.stop()
    shutil.rmtree(workdir, ignore_errors=True)


def test_failed_logins_are_throttled_per_username_then_per_address(throttled):
    b = Admin(throttled.base)
    for _ in range(3):
        assert b.login("alice", "wrong-password").status_code == 200
    # The fourth attempt is refused even with the right password, with a clear message.
    resp = b.login("alice", PASSWORD)
    assert resp.status_code == 429 and "Too many failed login attempts" in resp.text
    assert int(resp.headers["Retry-After"]) > 0
    assert not b.logged_in()
    # Another account from the same address still works...
    assert Admin(throttled.base).login("bob", PASSWORD).status_code == 302
    # ...until this address has failed six times, whatever the usernames.
    for _ in range(3):
        Admin(throttled.base).login("bob", "wrong-password")
    resp = Admin(throttled.base).login("carol", PASSWORD)
    assert resp.status_code == 429
