"""The review queue life cycle, hide/restore, and who may do what (test client)."""
from __future__ import annotations

import pytest
from flask import g
from sqlalchemy import select

from forum.extensions import db
from forum.moderation.models import AuditEntry, Flag
from forum.notify.models import Notification
from forum.threads.models import Post
from tests.factories import make_reply, make_thread


@pytest.fixture(autouse=True)
def _one_csrf_token_per_client(app):
    # The app fixture keeps one app context for the whole test, so what Flask-WTF and
    # Flask-Login cache in `g` (token, user) would leak from one logged-in client to the next.
    @app.before_request
    def _forget_cached_token():
        g.pop("csrf_token", None)
        g.pop("_login_user", None)


@pytest.fixture
def thread(member):
    return make_thread(member, title="Velfærdsteknologi i hjemmeplejen", body="Vi har prøvet noget nyt.")


@pytest.fixture
def rude_reply(thread, other_member):
    return make_reply(thread, other_member, body="Et uhøfligt svar om kaffemaskinen")


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_review_queue_life_cycle(make_client, member, other_member, facilitator, thread, rude_reply):
    author, reporter, moderator = make_client(other_member), make_client(member), make_client(facilitator)

    response = reporter.post(f"/posts/{rude_reply.id}/flag", {"reason": "Det er uhøfligt"})
    assert response.status_code == 302
    again = reporter.post(f"/posts/{rude_reply.id}/flag", {"reason": "Igen"}, follow_redirects=True)
    assert "allerede anmeldt" in again.get_data(as_text=True)
    assert len(db.session.scalars(select(Flag)).all()) == 1

    queue = moderator.get("/moderation").get_data(as_text=True)
    assert "Det er uhøfligt" in queue and "kaffemaskinen" in queue and "Vi har prøvet noget nyt." in queue

    response = moderator.post(f"/posts/{rude_reply.id}/hide", {"reason": "Hold en venlig tone"})
    assert response.status_code == 302
    db.session.expire_all()
    post = db.session.get(Post, rude_reply.id)
    assert post.hidden and post.hidden_reason == "Hold en venlig tone" and post.hidden_by_id == facilitator.id
    assert db.session.scalar(select(Flag.status)) == "hidden"
    assert "Ingen åbne anmeldelser" in moderator.get("/moderation").get_data(as_text=True)

    own_view = author.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "kaffemaskinen" in own_view and "Hold en venlig tone" in own_view
    assert "kaffemaskinen" not in reporter.get(f"/threads/{thread.id}").get_data(as_text=True)
    notice = db.session.scalar(select(Notification).where(Notification.member_id == other_member.id,
                                                          Notification.kind == "moderation"))
    assert "Hold en venlig tone" in notice.text

    response = moderator.post(f"/posts/{rude_reply.id}/restore")
    assert response.status_code == 302
    assert "kaffemaskinen" in reporter.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert actions()[-3:] == ["flag_post", "hide_post", "restore_post"]


def test_dismiss_and_edited_close_flags(make_client, member, facilitator, rude_reply):
    reporter, moderator = make_client(member), make_client(facilitator)
    reporter.post(f"/posts/{rude_reply.id}/flag", {"reason": "Spam"})
    flag_id = db.session.scalar(select(Flag.id))
    assert moderator.post(f"/moderation/flags/{flag_id}/dismiss").status_code == 302
    db.session.expire_all()
    assert db.session.get(Flag, flag_id).status == "dismissed"
    assert not db.session.get(Post, rude_reply.id).hidden
    # Dismissed, the member may flag again; then a facilitator edits and closes it.
    reporter.post(f"/posts/{rude_reply.id}/flag", {"reason": "Stadig spam"})
    second = db.session.scalar(select(Flag.id).where(Flag.status == "open"))
    assert moderator.post(f"/moderation/flags/{second}/edited").status_code == 302
    db.session.expire_all()
    assert db.session.get(Flag, second).status == "edited"
    assert moderator.post(f"/moderation/flags/{second}/dismiss", follow_redirects=True).status_code == 200
    assert actions()[-4:] == ["dismiss_flag", "flag_post", "resolve_flag_edited"][-4:] or "resolve_flag_edited" in actions()


def test_flag_rules(make_client, other_member, member, facilitator, thread, rude_reply):
    author = make_client(other_member)
    assert author.post(f"/posts/{rude_reply.id}/flag", {"reason": "Mit eget"}).status_code == 403
    assert author.post("/posts/999999/flag", {"reason": "x"}).status_code == 404
    opening = thread.last_post_id if thread.post_count == 1 else None
    opening = db.session.scalar(select(Post.id).where(Post.thread_id == thread.id, Post.number == 1))
    empty = author.post(f"/posts/{opening}/flag", {"reason": "   "}, follow_redirects=True)
    assert "Skriv kort" in empty.get_data(as_text=True)
    long = author.post(f"/posts/{opening}/flag", {"reason": "x" * 5000}, follow_redirects=True)
    assert "højst 1000 tegn" in long.get_data(as_text=True)
    assert db.session.scalars(select(Flag)).all() == []


def test_hidden_post_is_404_for_other_members(make_client, member, facilitator, rude_reply):
    moderator = make_client(facilitator)
    moderator.post(f"/posts/{rude_reply.id}/hide", {"reason": "Nej"})
    reporter = make_client(member)
    assert reporter.post(f"/posts/{rude_reply.id}/flag", {"reason": "x"}).status_code == 404


def test_hide_needs_a_reason(facilitator_client, rude_reply):
    facilitator_client.post(f"/posts/{rude_reply.id}/hide", {"reason": ""})
    assert not db.session.get(Post, rude_reply.id).hidden


def test_hidden_reply_is_gone_from_lists_and_export(make_client, member, facilitator, thread, rude_reply):
    make_client(facilitator).post(f"/posts/{rude_reply.id}/hide", {"reason": "Nej"})
    reader = make_client(member)
    assert "kaffemaskinen" not in reader.get("/threads").get_data(as_text=True)
    assert "kaffemaskinen" not in reader.get("/").get_data(as_text=True)
    assert "kaffemaskinen" not in reader.get("/profile/export").get_data(as_text=True)
    search = reader.get("/search?q=kaffemaskinen")
    assert search.status_code in (200, 404)
    body = search.get_data(as_text=True)
    assert f"post-{rude_reply.id}" not in body and "<mark>kaffemaskinen" not in body.lower()


MEMBER_FORBIDDEN = [
    ("get", "/moderation"), ("get", "/moderation/audit"), ("get", "/moderation/audit.csv"),
    ("get", "/moderation/suspensions"), ("post", "/moderation/suspensions"),
    ("post", "/moderation/suspensions/{member}/lift"),
    ("post", "/moderation/flags/1/dismiss"), ("post", "/moderation/flags/1/edited"),
    ("post", "/posts/{post}/hide"), ("post", "/posts/{post}/restore"), ("post", "/posts/{post}/move"),
    ("get", "/moderation/threads/{thread}"), ("post", "/threads/{thread}/move"),
    ("post", "/threads/{thread}/merge"), ("post", "/threads/{thread}/split"),
    ("post", "/threads/{thread}/pin"), ("post", "/threads/{thread}/lock"),
]


def test_members_get_403_on_every_moderation_endpoint(app, make_client, member, other_member, thread, rude_reply):
    client = make_client(member)
    client.post(f"/posts/{rude_reply.id}/flag", {"reason": "x"})
    checked = set()
    for method, pattern in MEMBER_FORBIDDEN:
        url = pattern.format(member=other_member.id, post=rude_reply.id, thread=thread.id)
        response = getattr(client, method)(url, **({"data": {"reason": "x", "target": thread.id}} if method == "post" else {}))
        assert response.status_code == 403, (method, url, response.status_code)
        checked.add(app.url_map.bind("localhost").match(url, method=method.upper())[0])
    moderation = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint.startswith("moderation.")}
    assert moderation - checked - {"moderation.flag_post", "moderation.unpin_thread", "moderation.unlock_thread"} == set()


def test_missing_csrf_is_400_and_changes_nothing(facilitator_client, member, thread, rude_reply):
    posts = [f"/posts/{rude_reply.id}/hide", f"/posts/{rude_reply.id}/restore", f"/posts/{rude_reply.id}/flag",
             f"/posts/{rude_reply.id}/move", f"/threads/{thread.id}/move", f"/threads/{thread.id}/merge",
             f"/threads/{thread.id}/split", "/moderation/suspensions", f"/moderation/suspensions/{member.id}/lift",
             "/moderation/flags/1/dismiss", "/moderation/flags/1/edited", "/notifications/read"]
    for url in posts:
        response = facilitator_client.post(url, {"reason": "x", "member": member.id, "target": thread.id}, csrf=False)
        assert response.status_code == 400, url
    assert not db.session.get(Post, rude_reply.id).hidden
    assert db.session.scalars(select(AuditEntry)).all() == []


def test_facilitator_404s(facilitator_client):
    for method, url in [("post", "/posts/99999/hide"), ("post", "/posts/99999/restore"),
                        ("post", "/moderation/flags/99999/dismiss"), ("get", "/moderation/threads/99999"),
                        ("post", "/moderation/suspensions/99999/lift")]:
        response = getattr(facilitator_client, method)(url, **({"data": {"reason": "x"}} if method == "post" else {}))
        assert response.status_code == 404, url
