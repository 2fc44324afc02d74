"""A small browser-like driver for gatehouse's admin: GET a page, read its forms (keeping
hidden fields, checked boxes and selected options), change some fields, POST it back with
the page's CSRF token, the session cookies and same-origin Origin/Referer headers."""
import html.parser
import re
import urllib.parse
import uuid

import requests


def unique(prefix):
    """A fresh name, so tests sharing a server do not collide."""
    return "%s_%s" % (prefix, uuid.uuid4().hex[:8])


class Form:
    def __init__(self, action, page_url):
        self.action = urllib.parse.urljoin(page_url, action or page_url)
        self.page_url = page_url
        self.fields = []       # [name, value] pairs, in document order
        self.options = {}      # select name -> [(value, label)]

    def names(self):
        return {name for name, _ in self.fields} | set(self.options)

    def get(self, name):
        for key, value in self.fields:
            if key == name:
                return value
        return None

    def set(self, name, value):
        self.fields = [f for f in self.fields if f[0] != name] + [[name, value]]
        return self

    def check(self, name, on=True):
        self.fields = [f for f in self.fields if f[0] != name]
        if on:
            self.fields.append([name, "on"])
        return self

    def select(self, name, labels):
        """Adds the options whose label ends with one of `labels` to the selection."""
        for value, label in self.options.get(name, []):
            if any(label == wanted or label.endswith(" | " + wanted) for wanted in labels):
                if [name, value] not in self.fields:
                    self.fields.append([name, value])
        return self

    def deselect(self, name, labels):
        drop = {value for value, label in self.options.get(name, [])
                if any(label == wanted or label.endswith(" | " + wanted) for wanted in labels)}
        self.fields = [f for f in self.fields if not (f[0] == name and f[1] in drop)]
        return self

    def option_value(self, name, label):
        for value, option_label in self.options.get(name, []):
            if option_label == label or option_label.endswith(" | " + label):
                return value
        raise KeyError(label)


class _Parser(html.parser.HTMLParser):
    def __init__(self, url):
        super().__init__(convert_charrefs=True)
        self.url, self.forms, self.links, self.form = url, [], [], None
        self.select, self.option, self.link = None, None, None
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "get").lower() == "post":
            self.form = Form(a.get("action"), self.url)
            self.forms.append(self.form)
        elif tag == "input" and self.form is not None and a.get("name") and "disabled" not in a:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.form.fields.append([a["name"], a.get("value", "on")])
            elif kind not in ("submit", "button", "image", "reset"):
                self.form.fields.append([a["name"], a.get("value", "")])
        elif tag == "select" and self.form is not None:
            self.select = a.get("name")
            self.form.options.setdefault(self.select, [])
        elif tag == "option" and self.select:
            self.option = [a.get("value", ""), "", "selected" in a]
        elif tag == "a":
            self.link = [a.get("href", ""), ""]

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "option" and self.option is not None:
            value, label, selected = self.option
            self.form.options[self.select].append((value, " ".join(label.split())))
            if selected:
                self.form.fields.append([self.select, value])
            self.option = None
        elif tag == "a" and self.link is not None:
            self.links.append((self.link[0], " ".join(self.link[1].split())))
            self.link = None

    def handle_data(self, data):
        if self.option is not None:
            self.option[1] += data
        if self.link is not None:
            self.link[1] += data
        self.text.append(data)


class Page:
    def __init__(self, response):
        self.response = response
        self.status = response.status_code
        parser = _Parser(response.url)
        parser.feed(response.text)
        self.forms, self.links = parser.forms, parser.links
        self.text = " ".join(" ".join(parser.text).split())

    def form(self, *needs):
        found = [f for f in self.forms if all(n in f.names() for n in needs) and "logout" not in f.action]
        assert found, "no form with %s on %s (%d): %s" % (needs, self.response.url, self.status, self.text[:300])
        return max(found, key=lambda f: len(f.fields))


class Admin:
    def __init__(self, base):
        self.base = base.rstrip("/")
        self.s = requests.Session()

    def get(self, path, follow=False):
        return self.s.get(self.base + path, allow_redirects=follow, timeout=30)

    def page(self, path):
        return Page(self.s.get(self.base + path, timeout=30))

    def post(self, path_or_url, data, origin=True, referer=None):
        url = path_or_url if path_or_url.startswith("http") else self.base + path_or_url
        headers = {"Referer": referer or url}
        if origin:
            headers["Origin"] = self.base
        return self.s.post(url, data=data, headers=headers, allow_redirects=False, timeout=30)

    def submit(self, form, button=None, **kwargs):
        data = [tuple(f) for f in form.fields]
        if button:
            data.append((button, "Save"))
        return self.post(form.action, data, referer=form.page_url, **kwargs)

    def login(self, username, password, next_path="/admin/"):
        page = self.page("/admin/login/?next=" + urllib.parse.quote(next_path))
        form = page.form("username", "password")
        form.set("username", username).set("password", password)
        return self.submit(form)

    def logged_in(self):
        return self.get("/admin/").status_code == 200

    def cookie(self, name):
        return self.s.cookies.get(name)

    def add_user(self, username, password):
        form = self.page("/admin/auth/user/add/").form("username", "password1")
        form.set("username", username).set("password1", password).set("password2", password)
        response = self.submit(form, "_save")
        match = re.search(r"/admin/auth/user/(\d+)/change/", response.headers.get("Location", ""))
        return int(match.group(1)) if match else None

    def change_user(self, user_id, **changes):
        form = self.page("/admin/auth/user/%d/change/" % user_id).form("username")
        for key in ("username", "first_name", "last_name", "email"):
            if key in changes:
                form.set(key, changes.pop(key))
        for key in ("is_active", "is_staff", "is_superuser"):
            if key in changes:
                form.check(key, changes.pop(key))
        if "permissions" in changes:
            form.select("user_permissions", changes.pop("permissions"))
        if "groups" in changes:
            form.select("groups", changes.pop("groups"))
        assert not changes, changes
        return self.submit(form, "_save")
