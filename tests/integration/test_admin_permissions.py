"""What a staff user sees and may do in the admin follows their model permissions, and a
non-superuser cannot hand out more than they hold. The system user cannot be deleted or
deactivated."""

import pytest
import requests

from admin_driver import Admin, unique
from conftest import ADMIN_PASSWORD, ADMIN_USER

PASSWORD = "Kx9-admin-tests-Passw0rd"


@pytest.fixture
def make_user(admin):
    def make(prefix="u", permissions=(), groups=(), **flags):
        name = unique(prefix)
        user_id = admin.add_user(name, PASSWORD)
        assert user_id, "could not add %s" % name
        changes = dict(flags)
        if permissions:
            changes["permissions"] = list(permissions)
        if groups:
            changes["groups"] = list(groups)
        if changes:
            assert admin.change_user(user_id, **changes).status_code == 302
        return user_id, name
    return make


@pytest.fixture
def staff_browser(server, make_user):
    def browser(*permissions, **flags):
        user_id, name = make_user("staff", permissions=permissions, is_staff=True, **flags)
        b = Admin(server.base)
        b.login(name, PASSWORD)
        assert b.logged_in()
        b.user_id, b.name = user_id, name
        return b
    return browser


def api_usernames(server):
    token = requests.post(server.base + "/api/token/", json={"username": ADMIN_USER, "password": ADMIN_PASSWORD}).json()["access"]
    users = requests.get(server.base + "/api/users/", headers={"Authorization": "Bearer " + token}).json()
    users = users["results"] if isinstance(users, dict) else users
    return {u["username"]: u for u in users}


def test_staff_without_permissions_sees_nothing(staff_browser):
    b = staff_browser()
    assert "permission to view or edit anything" in b.page("/admin/").text
    for path in ("/admin/auth/user/", "/admin/auth/user/add/", "/admin/auth/group/", "/admin/auth/group/add/",
                 "/admin/admin/logentry/", "/admin/auth/user/1/change/", "/admin/auth/user/1/history/"):
        assert b.get(path).status_code == 403, path


def test_index_lists_only_models_the_user_may_see(staff_browser):
    b = staff_browser("Can view user")
    page = b.page("/admin/")
    hrefs = {href for href, _ in page.links}
    assert "/admin/auth/user/" in hrefs
    assert "/admin/auth/user/add/" not in hrefs
    assert "/admin/auth/group/" not in hrefs


def test_view_permission_gives_a_read_only_change_page(staff_browser, make_user, server):
    b = staff_browser("Can view user")
    target_id, target = make_user("viewed")
    assert b.get("/admin/auth/user/").status_code == 200
    page = b.page("/admin/auth/user/%d/change/" % target_id)
    assert page.status == 200 and target in page.text
    assert not any("username" in f.names() for f in page.forms), "a view-only user got an editable form"
    resp = b.post("/admin/auth/user/%d/change/" % target_id,
                  {"csrfmiddlewaretoken": b.cookie("csrftoken"), "username": "renamed_" + target})
    assert resp.status_code == 403
    assert target in api_usernames(server)
    assert b.get("/admin/auth/user/add/").status_code == 403
    assert b.get("/admin/auth/user/%d/delete/" % target_id).status_code == 403
    assert b.get("/admin/auth/user/%d/password/" % target_id).status_code == 403


def test_adding_users_needs_add_and_change(staff_browser, server):
    add_only = staff_browser("Can add user")
    assert add_only.get("/admin/auth/user/add/").status_code == 403
    name = unique("addonly")
    resp = add_only.post("/admin/auth/user/add/", {"csrfmiddlewaretoken": add_only.cookie("csrftoken"), "username": name,
                                                   "password1": PASSWORD, "password2": PASSWORD, "_save": "Save"})
    assert resp.status_code == 403
    assert name not in api_usernames(server)
    both = staff_browser("Can add user", "Can change user", "Can view user")
    new_id = both.add_user(unique("added"), PASSWORD)
    assert new_id


def test_non_superuser_cannot_grant_superuser_status(staff_browser, make_user, server):
    b = staff_browser("Can change user", "Can view user")
    target_id, target = make_user("target")
    form = b.page("/admin/auth/user/%d/change/" % target_id).form("username")
    form.check("is_superuser", True)
    resp = b.submit(form, "_save")
    assert resp.status_code == 200 and "Only a superuser" in resp.text
    assert api_usernames(server)[target]["is_superuser"] is False
    # Nor to themselves.
    form = b.page("/admin/auth/user/%d/change/" % b.user_id).form("username")
    form.check("is_superuser", True)
    assert b.submit(form, "_save").status_code == 200
    assert api_usernames(server)[b.name]["is_superuser"] is False


def test_non_superuser_cannot_grant_permissions_they_lack(staff_browser, make_user):
    b = staff_browser("Can change user", "Can view user")
    target_id, _ = make_user("target")
    form = b.page("/admin/auth/user/%d/change/" % target_id).form("username")
    form.select("user_permissions", ["Can delete user"])
    resp = b.submit(form, "_save")
    assert resp.status_code == 200 and "You cannot grant a permission you do not hold" in resp.text
    # Nor to themselves.
    form = b.page("/admin/auth/user/%d/change/" % b.user_id).form("username")
    form.select("user_permissions", ["Can delete user"])
    assert b.submit(form, "_save").status_code == 200
    assert b.get("/admin/auth/user/%d/delete/" % target_id).status_code == 403
    # A permission they hold may be handed on.
    form = b.page("/admin/auth/user/%d/change/" % target_id).form("username")
    form.select("user_permissions", ["Can view user"])
    assert b.submit(form, "_save").status_code == 302


def test_non_superuser_cannot_grant_permissions_through_a_group(admin, staff_browser, make_user):
    group = unique("powerful")
    form = admin.page("/admin/auth/group/add/").form("name")
    form.set("name", group).select("permissions", ["Can delete user"])
    assert admin.submit(form, "_save").status_code == 302
    b = staff_browser("Can change user", "Can view user")
    target_id, _ = make_user("target")
    form = b.page("/admin/auth/user/%d/change/" % target_id).form("username")
    form.select("groups", [group])
    resp = b.submit(form, "_save")
    assert resp.status_code == 200 and "through the group" in resp.text


def test_non_superuser_cannot_take_over_a_superuser(staff_browser, make_user):
    b = staff_browser("Can change user", "Can view user", "Can delete user")
    target_id, _ = make_user("boss", is_superuser=True, is_staff=True)
    page = b.page("/admin/auth/user/%d/change/" % target_id)
    assert page.status == 200 and not any("username" in f.names() for f in page.forms)
    assert b.get("/admin/auth/user/%d/password/" % target_id).status_code == 403
    resp = b.post("/admin/auth/user/%d/password/" % target_id,
                  {"csrfmiddlewaretoken": b.cookie("csrftoken"), "password1": "Kx9-taken-over-1", "password2": "Kx9-taken-over-1"})
    assert resp.status_code == 403
    page = b.page("/admin/auth/user/%d/delete/" % target_id)
    assert "Only a superuser may delete" in page.text
    resp = b.post("/admin/auth/user/%d/delete/" % target_id, {"csrfmiddlewaretoken": b.cookie("csrftoken"), "post": "yes"})
    assert resp.status_code == 403


def test_delete_permission_allows_deleting(staff_browser, make_user, server):
    b = staff_browser("Can delete user", "Can view user")
    target_id, target = make_user("doomed")
    page = b.page("/admin/auth/user/%d/delete/" % target_id)
    assert "Are you sure" in page.text
    resp = b.submit(page.form())
    assert resp.status_code == 302
    assert target not in api_usernames(server)


def test_group_permissions(staff_browser, admin):
    viewer = staff_browser("Can view group")
    assert viewer.get("/admin/auth/group/").status_code == 200
    assert viewer.get("/admin/auth/group/add/").status_code == 403
    adder = staff_browser("Can add group", "Can view group")
    name = unique("grp")
    form = adder.page("/admin/auth/group/add/").form("name")
    form.set("name", name)
    assert adder.submit(form, "_save").status_code == 302
    # Putting into a group a permission the adder lacks is refused.
    form = adder.page("/admin/auth/group/add/").form("name")
    form.set("name", unique("grp")).select("permissions", ["Can delete user"])
    resp = adder.submit(form, "_save")
    assert resp.status_code == 200 and "You cannot grant a permission you do not hold" in resp.text


def test_log_entries_need_view_logentry(staff_browser):
    assert staff_browser("Can view user").get("/admin/admin/logentry/").status_code == 403
    b = staff_browser("Can view log entry")
    page = b.page("/admin/admin/logentry/")
    assert page.status == 200 and "Select log entry to view" in page.text


def test_superuser_sees_everything(admin):
    page = admin.page("/admin/")
    hrefs = {href for href, _ in page.links}
    assert {"/admin/auth/user/", "/admin/auth/user/add/", "/admin/auth/group/", "/admin/admin/logentry/"} <= hrefs


def test_system_user_is_marked_and_cannot_be_deleted_or_deactivated(admin, server):
    # SYSTEM_USER_ID=1 is the superuser the fixture made.
    page = admin.page("/admin/auth/user/1/change/")
    assert "System user" in page.text
    assert 'id="id_is_active" checked disabled' in page.response.text, "the Active box must be locked"
    # A hand-made POST that unticks it anyway is refused.
    form = page.form("username")
    form.check("is_active", False)
    resp = admin.submit(form, "_save")
    assert resp.status_code == 200 and "cannot be deactivated" in resp.text
    page = admin.page("/admin/auth/user/1/delete/")
    assert "cannot be deleted" in page.text
    resp = admin.post("/admin/auth/user/1/delete/", {"csrfmiddlewaretoken": admin.cookie("csrftoken"), "post": "yes"})
    assert resp.status_code == 403
    resp = admin.post("/admin/auth/user/", {"csrfmiddlewaretoken": admin.cookie("csrftoken"), "action": "delete_selected",
                                            "_selected_action": "1", "post": "yes"})
    assert resp.status_code == 403
    assert ADMIN_USER in api_usernames(server)
