"""Cached post HTML on the thread page: a change shows at once, and no reader gets another's view."""
import re
from datetime import UTC, datetime

from sqlalchemy import select

from forum import fragments
from forum.extensions import db
from forum.threads.models import Post
from tests import factories


def _opening_post(thread) -> Post:
    return db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.number == 1))


def _csrf_tokens(page: str) -> set[str]:
    return set(re.findall(r'name="csrf_token" value="([^"]+)"', page))


def test_an_edit_shows_at_once_though_the_post_was_cached(member_client, member, other_client):
    thread = factories.make_thread(member, body="Første udgave af erfaringen")
    assert "Første udgave" in other_client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert member_client.post(f"/posts/{_opening_post(thread).id}/edit", {"body": "Anden udgave"}).status_code == 302
    page = other_client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "Anden udgave" in page and "Første udgave" not in page
    assert "Redigeret" in page


def test_a_renamed_author_shows_with_the_new_name(member, other_client):
    thread = factories.make_thread(member)
    assert member.name in other_client.get(f"/threads/{thread.id}").get_data(as_text=True)
    old_name, member.name = member.name, "Omdøbt Medlemsen"
    db.session.commit()
    page = other_client.get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "Omdøbt Medlemsen" in page and old_name not in page


def test_each_reader_gets_their_own_buttons_from_the_same_cached_post(member_client, member, other_client,
                                                                      facilitator_client):
    thread = factories.make_thread(member)
    url = f"/threads/{thread.id}"
    post_id = _opening_post(thread).id
    own = member_client.get(url).get_data(as_text=True)
    other = other_client.get(url).get_data(as_text=True)
    moderator = facilitator_client.get(url).get_data(as_text=True)
    assert f"/posts/{post_id}/edit" in own and f"/posts/{post_id}/flag" not in own
    assert f"/posts/{post_id}/edit" not in other and f"/posts/{post_id}/delete" not in other
    assert f"/posts/{post_id}/flag" in other
    assert f"/posts/{post_id}/edit" in moderator and f"/posts/{post_id}/delete" in moderator
    # The reader rendered second still sees their own state after the first reader's render.
    assert f"/posts/{post_id}/edit" in member_client.get(url).get_data(as_text=True)


def test_each_reader_gets_their_own_csrf_token(member_client, member, other_client):
    thread = factories.make_thread(member)
    url = f"/threads/{thread.id}"
    mine = _csrf_tokens(member_client.get(url).get_data(as_text=True))
    theirs = _csrf_tokens(other_client.get(url).get_data(as_text=True))
    assert mine and theirs and not mine & theirs
    assert str(fragments.CSRF_PLACEHOLDER) not in other_client.get(url).get_data(as_text=True)


def test_member_text_cannot_pull_the_readers_csrf_token_into_a_link(member, other_client):
    placeholder = str(fragments.CSRF_PLACEHOLDER)
    member.name = f"Navn {placeholder}"
    db.session.commit()
    thread = factories.make_thread(member, body=f"[klik](https://example.org/?t={placeholder}) {placeholder}")
    page = other_client.get(f"/threads/{thread.id}").get_data(as_text=True)
    tokens = _csrf_tokens(page)
    assert tokens
    for token in tokens:
        for found in re.finditer(re.escape(token), page):
            assert page[found.start() - 7:found.start()] == 'value="', "the CSRF token leaked outside a form field"


def test_the_same_post_reads_in_english_for_an_english_member(member, other_member, make_client):
    thread = factories.make_thread(member)
    other_member.language = "en"
    db.session.commit()
    danish = make_client(member).get(f"/threads/{thread.id}").get_data(as_text=True)
    english = make_client(other_member).get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "Redigér" in danish
    assert "Report" in english and "Anmeld" not in english


def test_english_dates_are_british_and_danish_dates_danish(member, other_member, make_client):
    thread = factories.make_thread(member)
    post = _opening_post(thread)
    post.created_at = datetime(2026, 3, 4, 13, 5, tzinfo=UTC)  # 14:05 in Copenhagen
    other_member.language = "en"
    db.session.commit()
    assert "04.03.2026 14.05" in make_client(member).get(f"/threads/{thread.id}").get_data(as_text=True)
    english = make_client(other_member).get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "04/03/2026, 14:05" in english and "PM" not in english
