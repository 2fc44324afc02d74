"""The user changelist as Django's UserAdmin offers it: search where every term must match,
filters, sortable columns, 100 a page with "show all" up to 200, result counts; the group
list; history and the log entry list render Django's change messages."""
import re
import uuid

import pytest

from admin_driver import unique


@pytest.fixture(scope="module")
def crowd(django_orm):
    """150 users sharing a tag, made with Django's ORM (fast) on gatehouse's database."""
    User, Group = django_orm["User"], django_orm["Group"]
    tag = "crowd" + uuid.uuid4().hex[:6]
    group = Group.objects.create(name=tag + "-group")
    users = []
    for i in range(150):
        u = User.objects.create_user("%s_%03d" % (tag, i), email="%s%03d@example.com" % (tag, i),
                                     password="unused-Passw0rd-1", first_name="Ann" if i % 2 else "Bob",
                                     last_name="Smith" if i % 3 else "Jones", is_staff=(i % 5 == 0))
        if i < 7:
            u.groups.add(group)
        users.append(u)
    return tag, group, users


def usernames(page):
    return [text for href, text in page.links if re.search(r"/admin/auth/user/\d+/change/$", href)]


def test_search_requires_every_term_to_match(admin, crowd):
    tag, _, users = crowd
    page = admin.page("/admin/auth/user/?q=%s+ann+jones&all=" % tag)
    expected = sorted(u.username for u in users if u.first_name == "Ann" and u.last_name == "Jones")
    assert sorted(usernames(page)) == expected
    assert "%d results" % len(expected) in page.text


def test_search_matches_email_case_insensitively(admin, crowd):
    tag, _, _ = crowd
    page = admin.page("/admin/auth/user/?q=%s007@EXAMPLE.com" % tag.upper())
    assert usernames(page) == ["%s_007" % tag]


def test_filters_combine_with_search(admin, crowd):
    tag, group, users = crowd
    page = admin.page("/admin/auth/user/?q=%s&is_staff__exact=1&all=" % tag)
    assert sorted(usernames(page)) == sorted(u.username for u in users if u.is_staff)
    page = admin.page("/admin/auth/user/?q=%s&groups__id__exact=%d" % (tag, group.id))
    assert sorted(usernames(page)) == ["%s_%03d" % (tag, i) for i in range(7)]
    page = admin.page("/admin/auth/user/?q=%s&is_active__exact=0" % tag)
    assert usernames(page) == []
    # The filter links keep the search.
    assert any("q=%s" % tag in href and "is_superuser__exact=1" in href for href, _ in page.links)


def test_pages_of_one_hundred_and_show_all(admin, crowd):
    tag, _, _ = crowd
    first = admin.page("/admin/auth/user/?q=" + tag)
    assert len(usernames(first)) == 100
    assert "150 users" in first.text and "Show all" in first.text
    second = admin.page("/admin/auth/user/?q=%s&p=2" % tag)
    assert len(usernames(second)) == 50
    assert not set(usernames(first)) & set(usernames(second))
    everyone = admin.page("/admin/auth/user/?q=%s&all=" % tag)
    assert len(usernames(everyone)) == 150


def test_columns_sort_both_ways(admin, crowd):
    tag, _, _ = crowd
    ascending = usernames(admin.page("/admin/auth/user/?q=%s&o=1&all=" % tag))
    descending = usernames(admin.page("/admin/auth/user/?q=%s&o=-1&all=" % tag))
    assert ascending == sorted(ascending) and descending == ascending[::-1]
    by_email = usernames(admin.page("/admin/auth/user/?q=%s&o=2&all=" % tag))
    assert by_email == ascending  # emails follow the usernames' order


def test_group_list_search(admin, crowd):
    tag, group, _ = crowd
    page = admin.page("/admin/auth/group/?q=" + tag)
    assert (("/admin/auth/group/%d/change/" % group.id), group.name) in page.links


def test_bulk_delete_lists_what_goes_and_deletes(admin, crowd):
    tag, _, users = crowd
    ids = [users[0].id, users[1].id]
    form_page = admin.page("/admin/auth/user/?q=" + tag)
    data = [("csrfmiddlewaretoken", admin.cookie("csrftoken")), ("action", "delete_selected"),
            ("select_across", "0"), ("index", "0")] + [("_selected_action", str(i)) for i in ids]
    confirm = admin.post("/admin/auth/user/", data, referer=form_page.response.url)
    assert confirm.status_code == 200
    assert "Users: 2" in confirm.text and "User-group relationships: 2" in confirm.text
    done = admin.post("/admin/auth/user/", data + [("post", "yes")])
    assert done.status_code == 302
    page = admin.page("/admin/auth/user/?q=" + tag)
    assert "Successfully deleted 2 users." in page.text
    assert users[0].username not in usernames(page)


def test_action_without_selection_changes_nothing(admin):
    resp = admin.post("/admin/auth/user/", {"csrfmiddlewaretoken": admin.cookie("csrftoken"), "action": "delete_selected"})
    assert resp.status_code == 302
    assert "Items must be selected" in admin.page("/admin/auth/user/").text


def test_history_renders_django_change_messages(admin):
    name = unique("hist")
    user_id = admin.add_user(name, "Kx9-history-Passw0rd")
    admin.change_user(user_id, email="h@example.com", is_active=False)
    admin.change_user(user_id)
    page = admin.page("/admin/auth/user/%d/history/" % user_id)
    assert "Added." in page.text
    assert "Changed Email address and Active." in page.text
    assert "No fields changed." in page.text
    log = admin.page("/admin/admin/logentry/")
    assert "Changed Email address and Active." in log.text and name in log.text


def test_recent_actions_on_the_index(admin):
    name = unique("recent")
    admin.add_user(name, "Kx9-recent-Passw0rd")
    page = admin.page("/admin/")
    assert "Recent actions" in page.text and name in page.text
