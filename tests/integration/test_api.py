"""Every endpoint and error of DESIGN.md's API table, against a live gatehouse."""
import base64
import hashlib
import hmac
import json
import time
import uuid

import pytest
import requests

from conftest import ADMIN_PASSWORD, ADMIN_USER, SIGNING_KEY

NO_ACCOUNT = "No active account found with the given credentials"


def b64url(data):
    if isinstance(data, str):
        data = data.encode()
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def mint(payload, key=SIGNING_KEY, alg="HS256"):
    header = b64url(json.dumps({"alg": alg, "typ": "JWT"}, separators=(",", ":")))
    body = b64url(json.dumps(payload, separators=(",", ":")))
    digest = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}.get(alg)
    sig = b64url(hmac.new(key.encode(), (header + "." + body).encode(), digest).digest()) if digest else ""
    return header + "." + body + "." + sig


def claims(user_id, token_type="access", lifetime=3600, **extra):
    now = int(time.time())
    out = {"token_type": token_type, "exp": now + lifetime, "iat": now, "jti": uuid.uuid4().hex, "user_id": user_id}
    out.update(extra)
    return out


def payload_of(token):
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


@pytest.fixture()
def api(server):
    class Api:
        base = server.base

        def post(self, path, data=None, form=False, **kw):
            if form:
                return requests.post(self.base + path, data=data, timeout=30, **kw)
            return requests.post(self.base + path, json=data, timeout=30, **kw)

        def get(self, path, token=None, **kw):
            headers = kw.pop("headers", {})
            if token:
                headers["Authorization"] = "Bearer " + token
            return requests.get(self.base + path, headers=headers, timeout=30, **kw)

        def obtain(self, username, password):
            resp = self.post("/api/token/", {"username": username, "password": password})
            assert resp.status_code == 200, resp.text
            return resp.json()

    return Api()


@pytest.fixture()
def make_user(django_orm):
    User, Permission, Group = django_orm["User"], django_orm["Permission"], django_orm["Group"]

    def make(prefix="user", password="Correct-Horse-42!", permissions=(), group_permissions=(), **fields):
        user = User.objects.create_user(username="%s_%s" % (prefix, uuid.uuid4().hex[:8]), password=password, **fields)
        for codename in permissions:
            user.user_permissions.add(Permission.objects.get(content_type__app_label="auth", codename=codename))
        if group_permissions:
            group = Group.objects.create(name="g_" + uuid.uuid4().hex[:8])
            for codename in group_permissions:
                group.permissions.add(Permission.objects.get(content_type__app_label="auth", codename=codename))
            user.groups.add(group)
        user.plain_password = password
        return user

    return make


def assert_401(resp, code=None, detail=None):
    assert resp.status_code == 401, resp.text
    assert resp.headers["Content-Type"] == "application/json"
    assert resp.headers["WWW-Authenticate"] == 'Bearer realm="api"'
    body = resp.json()
    if code is not None:
        assert body.get("code") == code, body
    if detail is not None:
        assert body["detail"] == detail, body
    return body


# --- POST /api/token/ ---------------------------------------------------------------------

def test_obtain_returns_refresh_and_access_with_simplejwt_claims(api, server):
    pair = api.obtain(ADMIN_USER, ADMIN_PASSWORD)
    assert list(pair) == ["refresh", "access"]
    access, refresh = payload_of(pair["access"]), payload_of(pair["refresh"])
    assert list(access) == ["token_type", "exp", "iat", "jti", "user_id"]
    assert access["token_type"] == "access" and refresh["token_type"] == "refresh"
    assert access["exp"] - access["iat"] == 3600 and refresh["exp"] - refresh["iat"] == 86400
    assert isinstance(access["user_id"], int) and len(access["jti"]) == 32


def test_obtain_accepts_form_encoding(api):
    resp = api.post("/api/token/", {"username": ADMIN_USER, "password": ADMIN_PASSWORD}, form=True)
    assert resp.status_code == 200 and set(resp.json()) == {"access", "refresh"}


def test_obtain_missing_fields_are_named(api):
    resp = api.post("/api/token/", {})
    assert resp.status_code == 400
    assert resp.json() == {"username": ["This field is required."], "password": ["This field is required."]}


def test_obtain_wrong_password_unknown_user_and_inactive_user_look_the_same(api, make_user):
    inactive = make_user("inactive", is_active=False)
    bodies = []
    for username, password in [(ADMIN_USER, "wrong-password"), ("nobody_" + uuid.uuid4().hex[:6], "x"),
                               (inactive.username, inactive.plain_password)]:
        bodies.append(assert_401(api.post("/api/token/", {"username": username, "password": password})))
    assert bodies[0] == bodies[1] == bodies[2] == {"detail": NO_ACCOUNT}


def test_obtain_answers_get_with_405(api):
    resp = api.get("/api/token/")
    assert resp.status_code == 405
    assert resp.json() == {"detail": 'Method "GET" not allowed.'}


@pytest.mark.parametrize("body,content_type,status", [
    ('{"username":', "application/json", 400),
    ("[1,2]", "application/json", 400),
    ("x", "text/plain", 415),
    ('{"username": ["a"], "password": {"b": 1}}', "application/json", 400),
    ("[" * 5000, "application/json", 400),
])
def test_malformed_bodies_get_a_clean_4xx_with_json(api, body, content_type, status):
    resp = requests.post(api.base + "/api/token/", data=body, headers={"Content-Type": content_type}, timeout=30)
    assert resp.status_code == status, resp.text
    assert resp.headers["Content-Type"] == "application/json"
    assert resp.json()


def test_huge_body_is_413_and_server_stays_up(api):
    resp = requests.post(api.base + "/api/token/", data="x" * (1024 * 1024),
                         headers={"Content-Type": "application/json"}, timeout=30)
    assert resp.status_code == 413
    assert api.get("/api/users/me/").status_code == 401


def test_huge_header_is_431(api):
    resp = requests.get(api.base + "/api/users/me/", headers={"X-Big": "y" * 20000}, timeout=30)
    assert resp.status_code == 431


def test_legacy_hash_is_upgraded_at_login(api, make_user, django_orm):
    user = make_user("legacy")
    assert user.password.startswith("md5$")
    api.obtain(user.username, user.plain_password)
    user.refresh_from_db()
    assert user.password.startswith("pbkdf2_sha256$2000$"), user.password
    api.obtain(user.username, user.plain_password)  # still the same password


# --- POST /api/token/refresh/ ------------------------------------------------------------

def test_refresh_rotates_and_blacklists_the_old_token(api):
    pair = api.obtain(ADMIN_USER, ADMIN_PASSWORD)
    resp = api.post("/api/token/refresh/", {"refresh": pair["refresh"]})
    assert resp.status_code == 200, resp.text
    new = resp.json()
    assert list(new) == ["access", "refresh"] and new["refresh"] != pair["refresh"]
    assert api.get("/api/users/me/", new["access"]).status_code == 200
    assert_401(api.post("/api/token/refresh/", {"refresh": pair["refresh"]}), code="token_not_valid",
               detail="Token is blacklisted")
    assert api.post("/api/token/refresh/", {"refresh": new["refresh"]}).status_code == 200


def test_refresh_with_garbage_or_access_token_is_401(api):
    pair = api.obtain(ADMIN_USER, ADMIN_PASSWORD)
    assert_401(api.post("/api/token/refresh/", {"refresh": "garbage"}), code="token_not_valid",
               detail="Token is invalid or expired")
    assert_401(api.post("/api/token/refresh/", {"refresh": pair["access"]}), code="token_not_valid",
               detail="Token has wrong type")


def test_refresh_missing_field_is_400(api):
    resp = api.post("/api/token/refresh/", {})
    assert resp.status_code == 400 and resp.json() == {"refresh": ["This field is required."]}


def test_refresh_refuses_inactive_and_deleted_users(api, make_user):
    for action in ("deactivate", "delete"):
        user = make_user(action)
        pair = api.obtain(user.username, user.plain_password)
        if action == "deactivate":
            user.is_active = False
            user.save()
        else:
            user.delete()
        assert_401(api.post("/api/token/refresh/", {"refresh": pair["refresh"]}), detail=NO_ACCOUNT)
        assert_401(api.get("/api/users/me/", pair["access"]),
                   code="user_inactive" if action == "deactivate" else "user_not_found")


def test_concurrent_refreshes_of_one_token_rotate_it_once(api):
    import concurrent.futures
    pair = api.obtain(ADMIN_USER, ADMIN_PASSWORD)
    with concurrent.futures.ThreadPoolExecutor(10) as pool:
        results = list(pool.map(lambda _: api.post("/api/token/refresh/", {"refresh": pair["refresh"]}), range(10)))
    statuses = sorted(r.status_code for r in results)
    assert statuses == [200] + [401] * 9, statuses


# --- Bearer authentication ----------------------------------------------------------------

def test_anonymous_api_requests_are_401_not_provided(api):
    for path in ("/api/users/me/", "/api/users/", "/api/users/1/", "/api/register/", "/api/users/me/anything/"):
        assert_401(api.get(path), detail="Authentication credentials were not provided.")


@pytest.mark.parametrize("header,code", [
    ("Bearer", "bad_authorization_header"),
    ("Bearer a b", "bad_authorization_header"),
    ("Bearer not-a-jwt", "token_not_valid"),
])
def test_bad_authorization_headers(api, header, code):
    assert_401(api.get("/api/users/me/", headers={"Authorization": header}), code=code)


def test_bad_token_body_carries_simplejwt_messages(api):
    body = assert_401(api.get("/api/users/me/", headers={"Authorization": "Bearer x.y.z"}))
    assert body == {"detail": "Given token not valid for any token type", "code": "token_not_valid",
                    "messages": [{"token_class": "AccessToken", "token_type": "access",
                                  "message": "Token is invalid or expired"}]}


@pytest.mark.parametrize("mutate", [
    lambda c: dict(c, exp="tomorrow"),
    lambda c: dict(c, exp=time.time() + 100.5),
    lambda c: {k: v for k, v in c.items() if k != "jti"},
    lambda c: dict(c, user_id="abc"),
    lambda c: dict(c, user_id=True),
    lambda c: dict(c, user_id=1.0),
    lambda c: {k: v for k, v in c.items() if k != "user_id"},
    lambda c: dict(c, token_type="refresh"),
    lambda c: dict(c, exp=int(time.time()) - 1),
])
def test_malformed_claims_are_401_never_500(api, mutate):
    token = mint(mutate(claims(1)))
    assert_401(api.get("/api/users/me/", token))


def test_alg_none_and_other_algorithms_are_refused(api):
    assert_401(api.get("/api/users/me/", mint(claims(1), alg="none")), code="token_not_valid")
    assert_401(api.get("/api/users/me/", mint(claims(1), alg="HS512")), code="token_not_valid")


def test_user_id_as_decimal_string_is_read_as_simplejwt_551_writes_it(api):
    assert api.get("/api/users/me/", mint(claims("1"))).json()["id"] == 1


def test_token_for_unknown_user_is_user_not_found(api):
    assert_401(api.get("/api/users/me/", mint(claims(2 ** 31 - 5))), code="user_not_found")


# --- /api/users/ ----------------------------------------------------------------------------

USER_FIELDS = ["id", "username", "email", "first_name", "last_name", "is_active", "is_staff", "is_superuser",
               "last_login", "date_joined"]


def test_me_renders_the_user_like_drf(api, make_user):
    user = make_user("me", first_name="Ada", email="ada@example.com")
    me = api.get("/api/users/me/", api.obtain(user.username, user.plain_password)["access"]).json()
    assert list(me) == USER_FIELDS
    assert (me["id"], me["first_name"], me["email"], me["last_login"]) == (user.id, "Ada", "ada@example.com", None)
    assert me["date_joined"].endswith("Z") and "T" in me["date_joined"]


def test_user_list_needs_view_user(api, make_user):
    plain = make_user("plain")
    token = api.obtain(plain.username, plain.plain_password)["access"]
    resp = api.get("/api/users/", token)
    assert resp.status_code == 403
    assert resp.json() == {"detail": "You do not have permission to perform this action."}
    assert api.get("/api/users/%d/" % plain.id, token).status_code == 403


@pytest.mark.parametrize("how", ["direct", "group", "superuser"])
def test_user_list_and_detail_with_view_user(api, make_user, how):
    kwargs = {"direct": {"permissions": ["view_user"]}, "group": {"group_permissions": ["view_user"]},
              "superuser": {"is_superuser": True}}[how]
    viewer = make_user("viewer", **kwargs)
    token = api.obtain(viewer.username, viewer.plain_password)["access"]
    users = api.get("/api/users/", token).json()
    ids = [u["id"] for u in users]
    assert ids == sorted(ids) and viewer.id in ids
    assert api.get("/api/users/%d/" % viewer.id, token).json()["username"] == viewer.username
    missing = api.get("/api/users/%d/" % (2 ** 31 - 9), token)
    assert missing.status_code == 404 and missing.json() == {"detail": "Not found."}
    assert api.get("/api/users/abc/", token).status_code == 404


def test_permission_changes_apply_to_the_next_request(api, make_user, django_orm):
    viewer = make_user("revoked", permissions=["view_user"])
    token = api.obtain(viewer.username, viewer.plain_password)["access"]
    assert api.get("/api/users/", token).status_code == 200
    viewer.user_permissions.clear()
    assert api.get("/api/users/", token).status_code == 403


def test_writes_to_the_user_api_never_create_users(api):
    token = api.obtain(ADMIN_USER, ADMIN_PASSWORD)["access"]
    for method in ("post", "put", "patch", "delete"):
        resp = getattr(requests, method)(api.base + "/api/users/", json={"username": "x", "password": "y"},
                                         headers={"Authorization": "Bearer " + token}, timeout=30)
        assert resp.status_code == 405, resp.text
