"""The thread list, the thread page, new thread, reply, edit, delete (test client)."""
from sqlalchemy import select

from forum.extensions import db
from forum.threads.models import Post, PostRevision, Thread
from tests import factories


def test_member_starts_a_thread_with_two_phases(member_client, member):
    response = member_client.get("/threads/new")
    assert response.status_code == 200
    response = member_client.post("/threads/new", {
        "title": "Digital post til borgere over 65", "body": "Vi startede med **kaffemøder**.",
        "phases": ["tjek", "test"], "route": "share",
    })
    assert response.status_code == 302
    thread = db.session.scalar(select(Thread))
    assert [phase.slug for phase in thread.phases] == ["tjek", "test"]
    assert thread.route == "share" and thread.post_count == 1
    page = member_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Digital post til borgere over 65" in page
    assert "<strong>kaffemøder</strong>" in page
    assert "/threads?phase=test" in page


def test_thread_list_shows_unread_and_pinned_first(member_client, member, other_member, facilitator):
    old = factories.make_thread(other_member, title="Gammel nyhed")
    pinned = factories.make_thread(facilitator, title="Velkommen til netværket – læs dette først")
    pinned.pinned = True
    db.session.commit()
    factories.make_thread(other_member, title="Frisk tråd")
    factories.make_reply(old, other_member, "Et svar mere")
    page = member_client.get("/threads").get_data(as_text=True)
    assert page.index("Velkommen til netværket") < page.index("Gammel nyhed") < page.index("Frisk tråd")
    assert "2 nye" in page


def test_reply_and_edit_keep_a_revision(member_client, member, other_member):
    thread = factories.make_thread(other_member)
    response = member_client.post(f"/threads/{thread.id}/posts", {"body": "Første udgave"})
    assert response.status_code == 302
    post = db.session.scalar(select(Post).where(Post.number == 2))
    assert member_client.get(f"/posts/{post.id}/edit").status_code == 200
    response = member_client.post(f"/posts/{post.id}/edit", {"body": "Anden udgave"})
    assert response.status_code == 302
    db.session.refresh(post)
    assert post.body_source == "Anden udgave"
    revision = db.session.scalar(select(PostRevision))
    assert revision.body_source == "Første udgave" and revision.editor_id == member.id
    page = member_client.get(f"/posts/{post.id}/revisions").get_data(as_text=True)
    assert "Første udgave" in page


def test_dashboard_shows_threads_panel(member_client, other_member):
    factories.make_thread(other_member, title="Tværgående sparring om velfærdsteknologi")
    page = member_client.get("/").get_data(as_text=True)
    assert "Tværgående sparring om velfærdsteknologi" in page
