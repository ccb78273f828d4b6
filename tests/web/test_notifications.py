"""The notifications page, mark read, mail choices, member autocomplete."""
from __future__ import annotations

from sqlalchemy import select

from forum.extensions import db
from forum.notify import preferences
from forum.notify.models import Notification, NotificationPreference
from forum.notify.outbox import notify


def add(member, text, url="/threads/1"):
    notification = notify(member, "reply", text, url)
    db.session.commit()
    return notification


def test_list_newest_first_with_unread_count(member_client, member):
    add(member, "Ældste")
    add(member, "Nyeste")
    page = member_client.get("/notifications").get_data(as_text=True)
    assert page.index("Nyeste") < page.index("Ældste")
    assert 'aria-label="2 ulæste"' in page


def test_open_marks_read_and_redirects(member_client, member):
    notification = add(member, "Svar", "/threads/7#post-3")
    response = member_client.get(f"/notifications/{notification.id}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/threads/7#post-3")
    db.session.expire_all()
    assert db.session.get(Notification, notification.id).read_at is not None


def test_open_refuses_foreign_targets(member_client, member):
    notification = add(member, "Svar", "//evil.example/x")
    response = member_client.get(f"/notifications/{notification.id}")
    assert response.headers["Location"].endswith("/notifications")


def test_others_notifications_are_404(other_client, member):
    notification = add(member, "Privat")
    assert other_client.get(f"/notifications/{notification.id}").status_code == 404
    assert "Privat" not in other_client.get("/notifications").get_data(as_text=True)


def test_mark_all_read(member_client, member):
    add(member, "En")
    add(member, "To")
    response = member_client.post("/notifications/read")
    assert response.status_code == 302
    assert db.session.scalars(select(Notification).where(Notification.read_at.is_(None))).all() == []


def test_mark_all_read_needs_csrf(member_client, member):
    add(member, "En")
    assert member_client.post("/notifications/read", csrf=False).status_code == 400
    assert db.session.scalars(select(Notification).where(Notification.read_at.is_(None))).all() != []


def test_anonymous_is_sent_to_login(client):
    for url in ("/notifications", "/notifications/settings", "/members/autocomplete?q=a"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_bad_page_numbers(member_client):
    for page in ("-1", "0", "abc", "999999999999"):
        assert member_client.get(f"/notifications?page={page}").status_code == 200


def test_settings_save_and_validate(member_client, member):
    page = member_client.get("/notifications/settings").get_data(as_text=True)
    assert "Svar i tråde, du følger" in page
    response = member_client.post("/notifications/settings", {
        "reply": "digest", "mention": "never", "sparring": "immediate", "meeting": "immediate",
        "moderation": "immediate", "new_threads": "digest",
    })
    assert response.status_code == 302
    assert preferences.choices(member)["reply"] == "digest"
    assert preferences.choices(member)["new_threads"] == "digest"
    bad = member_client.post("/notifications/settings", {"reply": "hourly", "new_threads": "immediate"})
    assert bad.status_code == 200
    assert preferences.choices(member)["reply"] == "digest"
    assert member_client.post("/notifications/settings", {"reply": "never"}, csrf=False).status_code == 400


def test_settings_are_the_members_own(other_client, member, other_member):
    other_client.post("/notifications/settings", {k: "never" for k in preferences.KINDS})
    assert preferences.choices(member)["reply"] == "immediate"
    rows = db.session.scalars(select(NotificationPreference)).all()
    assert {row.member_id for row in rows} == {other_member.id}


def test_profile_links_to_settings(member_client):
    assert "/notifications/settings" in member_client.get("/profile").get_data(as_text=True)


def test_autocomplete(member_client, member, other_member, facilitator):
    assert member_client.get("/members/autocomplete?q=bo").get_json() == [
        {"id": other_member.id, "name": "Bo Bech", "organization": "Vejle Kommune", "insert": "@[Bo Bech]"}
    ]
    names = [row["name"] for row in member_client.get("/members/autocomplete?q=pr").get_json()]
    assert names == ["Majken Præstbro"]
    assert member_client.get("/members/autocomplete?q=%25").get_json() == []
    assert member_client.get("/members/autocomplete").get_json() == []
    assert member_client.get("/members/autocomplete?q=" + "a" * 5000).status_code == 200


def test_export_holds_notifications_and_choices(member_client, member):
    add(member, "Til eksporten")
    data = member_client.get("/profile/export").get_json()
    assert data["notifications"]["items"][0]["text"] == "Til eksporten"
    assert data["notifications"]["mail_choices"]["reply"] == "immediate"
    assert data["flags"] == []
