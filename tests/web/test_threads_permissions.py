"""The permission table through the app: author, other member, facilitator, admin ×
view, edit, delete, pin, lock, reply when locked, plus hidden and unknown things."""
import pytest
from sqlalchemy import select

from forum.extensions import db
from forum.moderation.models import AuditEntry
from forum.threads.models import Post, Thread
from tests import factories

# role -> expected status per action; 302 means "done, redirected back".
TABLE = {
    "author": {"view": 200, "edit": 200, "delete": 302, "pin": 403, "lock": 403, "reply_locked": 403,
               "view_hidden": 404},
    "other": {"view": 200, "edit": 403, "delete": 403, "pin": 403, "lock": 403, "reply_locked": 403,
              "view_hidden": 404},
    "facilitator": {"view": 200, "edit": 200, "delete": 302, "pin": 302, "lock": 302, "reply_locked": 302,
                    "view_hidden": 200},
    "admin": {"view": 200, "edit": 200, "delete": 302, "pin": 302, "lock": 302, "reply_locked": 302,
              "view_hidden": 200},
}


@pytest.fixture
def actor(request, member, other_member, facilitator, admin):
    return {"author": member, "other": other_member, "facilitator": facilitator, "admin": admin}[request.param]


@pytest.mark.parametrize("actor", list(TABLE), indirect=True)
def test_permission_table(actor, member, other_member, make_client):
    role = {"alice@aarhus.dk": "author", "bob@vejle.dk": "other", "majken@coi.dk": "facilitator",
            "admin@coi.dk": "admin"}[actor.email]
    expected = TABLE[role]
    thread = factories.make_thread(member, title="Velfærdsteknologi i hjemmeplejen")
    own_reply = factories.make_reply(thread, member, "Mit eget svar")
    first = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.number == 1))
    locked = factories.make_thread(member, title="Låst tråd")
    locked.locked = True
    hidden = factories.make_thread(other_member, title="Skjult tråd")
    hidden.hidden = True
    db.session.commit()
    client = make_client(actor)

    got = {
        "view": client.get(f"/threads/{thread.id}").status_code,
        "edit": client.get(f"/posts/{first.id}/edit").status_code,
        "delete": client.post(f"/posts/{own_reply.id}/delete").status_code,
        "pin": client.post(f"/threads/{thread.id}/pin").status_code,
        "lock": client.post(f"/threads/{thread.id}/lock").status_code,
        "reply_locked": client.post(f"/threads/{locked.id}/posts", {"body": "Må jeg?"}).status_code,
        "view_hidden": client.get(f"/threads/{hidden.id}").status_code,
    }
    assert got == expected
    db.session.expire_all()
    thread = db.session.get(Thread, thread.id)
    moderator = role in ("facilitator", "admin")
    assert thread.pinned is moderator and thread.locked is moderator
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"pin", "lock"} <= actions if moderator else not ({"pin", "lock"} & actions)
    replies = db.session.scalar(select(Post).where(Post.thread_id == locked.id, Post.number == 2))
    assert (replies is not None) is moderator


def test_locked_reply_says_why(member_client, member):
    thread = factories.make_thread(member)
    thread.locked = True
    db.session.commit()
    response = member_client.post(f"/threads/{thread.id}/posts", {"body": "Hallo?"})
    assert response.status_code == 403
    assert "Tråden er låst" in response.get_data(as_text=True)
    page = member_client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "Tråden er låst af tovholderne" in page and f'action="/threads/{thread.id}/posts"' not in page


def test_unknown_ids_are_404(member_client):
    for url in ("/threads/999", "/posts/999/edit", "/posts/999/revisions", "/attachments/999/x.pdf"):
        assert member_client.get(url).status_code == 404, url
    for url in ("/threads/999/posts", "/posts/999/delete", "/threads/999/watch", "/threads/999/pin",
                "/threads/999/lock"):
        assert member_client.post(url, {"body": "x"}).status_code == 404, url


def test_hidden_post_is_seen_by_author_and_facilitators_only(make_client, member, other_member, facilitator):
    thread = factories.make_thread(other_member)
    post = factories.make_reply(thread, member, "Et svar, der bliver skjult")
    post.hidden = True
    db.session.commit()
    assert "bliver skjult" in make_client(member).get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "bliver skjult" in make_client(facilitator).get(f"/threads/{thread.id}").get_data(as_text=True)
    other = make_client(other_member)
    assert "bliver skjult" not in other.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert other.get(f"/posts/{post.id}/edit").status_code == 404


def test_members_cannot_delete_an_opening_post_others_replied_to(make_client, member, other_member, facilitator):
    thread = factories.make_thread(member)
    factories.make_reply(thread, other_member, "Mit svar")
    first = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.number == 1))
    assert make_client(member).post(f"/posts/{first.id}/delete").status_code == 403
    response = make_client(facilitator).post(f"/posts/{first.id}/delete")
    assert response.status_code == 302 and response.headers["Location"] == "/threads"
    db.session.expire_all()
    assert db.session.get(Thread, thread.id).deleted_at is not None
    assert make_client(other_member).get(f"/threads/{thread.id}").status_code == 404
    assert "delete_thread" in set(db.session.scalars(select(AuditEntry.action)))


def test_anonymous_is_sent_to_login(client):
    for url in ("/threads", "/threads/new", "/threads/1"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
