"""The thread list, the thread page, new thread, reply, edit, delete (test client)."""
from sqlalchemy import select

from forum.extensions import db
from forum.moderation.models import AuditEntry
from forum.threads import reading, watching
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


def test_missing_csrf_is_400_and_stores_nothing(member_client, member, facilitator_client):
    thread = factories.make_thread(member)
    first = db.session.scalar(select(Post).where(Post.thread_id == thread.id))
    attempts = [
        (member_client, "/threads/new", {"title": "Uden token", "body": "x", "phases": ["tjek"]}),
        (member_client, f"/threads/{thread.id}/posts", {"body": "Uden token"}),
        (member_client, f"/posts/{first.id}/edit", {"body": "Ændret uden token"}),
        (member_client, f"/posts/{first.id}/delete", {}),
        (member_client, f"/threads/{thread.id}/unwatch", {}),
        (member_client, "/threads/read-all", {}),
        (member_client, "/preview", {"body": "**x**"}),
        (facilitator_client, f"/threads/{thread.id}/pin", {}),
        (facilitator_client, f"/threads/{thread.id}/lock", {}),
    ]
    for client, url, data in attempts:
        assert client.post(url, data, csrf=False).status_code == 400, url
    db.session.expire_all()
    thread = db.session.get(Thread, thread.id)
    assert db.session.query(Thread).count() == 1 and thread.post_count == 1
    assert not thread.pinned and not thread.locked and thread.deleted_at is None
    assert db.session.get(Post, first.id).body_source == "Sådan gjorde vi."


def test_preview_returns_sanitized_html(member_client):
    response = member_client.post("/preview", {"body": "**Hej** <img src=x onerror=alert(1)> [x](javascript:alert(1))"})
    assert response.status_code == 200
    html = response.get_json()["html"]
    assert "<strong>Hej</strong>" in html and "onerror" not in html and "javascript" not in html


def test_unread_link_lands_on_first_unread_post(member_client, member, other_member):
    thread = factories.make_thread(other_member)
    replies = [factories.make_reply(thread, other_member, f"Svar {n}") for n in range(25)]
    reading.mark_read(member, thread, 22)
    response = member_client.get(f"/threads/{thread.id}?unread=1")
    assert response.status_code == 302
    target = replies[21]  # post number 23
    assert response.headers["Location"] == f"/threads/{thread.id}?page=2#post-{target.id}"
    page = member_client.get(f"/threads/{thread.id}?page=2").get_data(as_text=True)
    assert f'id="post-{target.id}"' in page and "new-marker" in page
    assert reading.unread_counts(member, [thread.id]) == {}


def test_watch_unwatch_and_read_all(member_client, member, other_member):
    thread = factories.make_thread(other_member)
    factories.make_reply(thread, other_member, "nyt")
    assert member_client.post(f"/threads/{thread.id}/watch").status_code == 302
    assert watching.is_watching(member, thread)
    assert member_client.post(f"/threads/{thread.id}/unwatch").status_code == 302
    assert not watching.is_watching(member, thread)
    assert reading.unread_counts(member, [thread.id]) == {thread.id: 2}
    assert member_client.post("/threads/read-all").status_code == 302
    assert reading.unread_counts(member, [thread.id]) == {}


def test_filters_and_bad_query_input(member_client, member):
    factories.make_thread(member, title="Delt innovation", phases=("tjek",), route="share")
    factories.make_thread(member, title="Genbrugt løsning", phases=("hoest",), route="reuse")
    page = member_client.get("/threads?phase=hoest").get_data(as_text=True)
    assert "Genbrugt løsning" in page and "Delt innovation" not in page
    page = member_client.get("/threads?route=share").get_data(as_text=True)
    assert "Delt innovation" in page and "Genbrugt løsning" not in page
    for query in ("page=abc", "page=-3", "page=99999999999999", "phase=%00%ff", "route=<script>", "phase=" + "x" * 5000):
        assert member_client.get(f"/threads?{query}").status_code == 200, query
    thread_id = db.session.scalar(select(Thread.id))
    assert member_client.get(f"/threads/{thread_id}?page=abc").status_code == 200
    assert member_client.get(f"/threads/{thread_id}?page=7").status_code == 404


def test_bad_form_input_is_refused_without_500(member_client, member):
    thread = factories.make_thread(member)
    cases = [
        ("/threads/new", {"title": "", "body": "x"}),
        ("/threads/new", {"title": "x" * 500, "body": "x"}),
        ("/threads/new", {"title": "Titel", "body": "x", "phases": ["findes-ikke"]}),
        ("/threads/new", {"title": "Titel", "body": "x", "route": "begge"}),
        (f"/threads/{thread.id}/posts", {"body": "   "}),
        (f"/threads/{thread.id}/posts", {"body": "x" * 60_000}),
        ("/threads/new", {"title": "Titel", "body": "x", "phases": ["tjek\x00"]}),
    ]
    for url, data in cases:
        assert member_client.post(url, data).status_code == 422, (url, data)
    assert db.session.query(Thread).count() == 1
    db.session.refresh(thread)
    assert thread.post_count == 1
    # NUL characters (which PostgreSQL refuses) are dropped, not a 500.
    response = member_client.post("/threads/new", {"title": "Nul\x00tegn", "body": "Tekst\x00her"})
    assert response.status_code == 302
    assert db.session.scalar(select(Thread.title).where(Thread.id != thread.id)) == "Nultegn"


def test_moderation_reason_with_control_characters(facilitator_client, member):
    thread = factories.make_thread(member)
    response = facilitator_client.post(f"/threads/{thread.id}/lock", {"reason": "Spam\x00\x07 igen"})
    assert response.status_code == 302
    assert db.session.scalar(select(AuditEntry.reason)) == "Spam igen"


def test_own_posts_are_in_the_data_export(member_client, member, other_member):
    thread = factories.make_thread(other_member, title="Andres tråd")
    factories.make_reply(thread, member, "Mit svar, som jeg ejer")
    factories.make_reply(thread, other_member, "Ikke mit")
    data = member_client.get("/profile/export").get_json()["threads"]
    assert [post["body"] for post in data["posts"]] == ["Mit svar, som jeg ejer"]
    assert data["posts"][0]["thread_title"] == "Andres tråd"
    assert data["watching"] == [thread.id]


def test_a_post_permalink_leads_to_its_page_for_this_reader(member_client, other_client, member, other_member,
                                                             facilitator_client):
    thread = factories.make_thread(other_member, title="Lang tråd med et link")
    replies = [factories.make_reply(thread, other_member, f"Svar {n}") for n in range(25)]
    hidden = replies[3]
    hidden.hidden = True
    db.session.commit()
    target = replies[20]  # post 22; 21st post the member sees, with the hidden one left out
    response = member_client.get(f"/posts/{target.id}")
    assert response.headers["Location"] == f"/threads/{thread.id}?page=2#post-{target.id}"
    assert member_client.get(f"/posts/{replies[19].id}").headers["Location"].endswith(f"page=1#post-{replies[19].id}")
    # The author and facilitators see the hidden post; nobody else can learn it exists.
    assert other_client.get(f"/posts/{hidden.id}").status_code == 302
    assert facilitator_client.get(f"/posts/{hidden.id}").status_code == 302
    assert member_client.get(f"/posts/{hidden.id}").status_code == 404
    assert member_client.get("/posts/999999").status_code == 404
