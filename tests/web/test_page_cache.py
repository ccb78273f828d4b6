"""Whole pages cached per member (forum/pagecache): served again only to the same member,
only while nothing has changed, always with the session's own CSRF token."""
import re
from datetime import date

import pytest
from sqlalchemy import select, text, update

from forum import pagecache
from forum.extensions import db
from forum.members import rules
from forum.members.models import Member
from forum.pagecache import generation
from forum.pagecache.store import PageStore
from forum.threads.models import Post, Thread
from tests import factories
from tests.statements import counted_statements

CACHED_PAGES = ["/", "/threads", "/threads?phase=tilpas"]


def _tokens(page: str) -> set[str]:
    return set(re.findall(r'name="csrf_token" value="([^"]+)"', page))


def _statements_of(client, url: str) -> tuple[int, str]:
    with counted_statements() as statements:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(statements), response.get_data(as_text=True)


@pytest.mark.parametrize("url", CACHED_PAGES + ["thread"])
def test_a_second_visit_is_served_from_the_cache_with_one_statement(member_client, member, url):
    thread = factories.make_thread(member, title="Velfærdsteknologi i hjemmeplejen")
    url = f"/threads/{thread.id}" if url == "thread" else url
    member_client.get(url)  # records reading
    pagecache.store().clear()
    rendered_count, rendered = _statements_of(member_client, url)
    cached_count, cached = _statements_of(member_client, url)
    # The member with memberships and the data generation (the gate): nothing else is read.
    assert cached_count == 1 < rendered_count
    assert re.sub(r'value="[^"]+"', "", cached) == re.sub(r'value="[^"]+"', "", rendered)


def test_another_members_reply_shows_at_once(member_client, member, other_client, other_member):
    thread = factories.make_thread(member)
    url = f"/threads/{thread.id}"
    member_client.get(url)
    member_client.get(url)
    assert other_client.post(f"{url}/posts", {"body": "Vi prøvede det samme i Vejle"}).status_code == 302
    assert "Vi prøvede det samme i Vejle" in member_client.get(url).get_data(as_text=True)


def test_a_hidden_post_leaves_the_members_cached_page(member_client, member, other_member, facilitator_client):
    thread = factories.make_thread(member)
    rude = factories.make_reply(thread, other_member, "Et uvenligt svar")
    url = f"/threads/{thread.id}"
    member_client.get(url)
    assert "Et uvenligt svar" in member_client.get(url).get_data(as_text=True)
    assert facilitator_client.post(f"/posts/{rude.id}/hide", {"reason": "Hold en venlig tone"}).status_code == 302
    assert "Et uvenligt svar" not in member_client.get(url).get_data(as_text=True)


def test_a_write_by_sql_through_the_session_moves_the_generation_on(app, member_client, member):
    thread = factories.make_thread(member, title="Gammel titel")
    member_client.get("/threads")
    assert "Gammel titel" in member_client.get("/threads").get_data(as_text=True)
    db.session.execute(update(Thread).where(Thread.id == thread.id).values(title="Ny titel"))
    db.session.commit()
    page = member_client.get("/threads").get_data(as_text=True)
    assert "Ny titel" in page and "Gammel titel" not in page


def test_a_page_is_never_served_to_another_member(member_client, member, other_client, other_member,
                                                  facilitator_client, facilitator):
    thread = factories.make_thread(member)
    hidden = factories.make_reply(thread, other_member, "Skjult for medlemmer")
    hidden.hidden = True
    db.session.commit()
    url = f"/threads/{thread.id}"
    for _ in range(2):
        seen_by_facilitator = facilitator_client.get(url).get_data(as_text=True)
    assert "Skjult for medlemmer" in seen_by_facilitator
    for _ in range(2):
        seen_by_member = member_client.get(url).get_data(as_text=True)
        seen_by_other = other_client.get(url).get_data(as_text=True)
    assert "Skjult for medlemmer" not in seen_by_member
    assert member.name in seen_by_member and facilitator.name not in seen_by_member
    assert other_member.name in seen_by_other and f"/posts/{hidden.id}/edit" in seen_by_other
    assert f"/posts/{hidden.id}/edit" not in seen_by_member


def test_every_session_gets_its_own_csrf_token_and_it_works(make_client, member):
    thread = factories.make_thread(member)
    url = f"/threads/{thread.id}"
    first, second = make_client(member), make_client(member)
    first.get(url)
    first_tokens = _tokens(first.get(url).get_data(as_text=True))
    second_count, second_page = _statements_of(second, url)
    second_tokens = _tokens(second_page)
    assert second_count == 1  # served from the page rendered for the first session
    assert first_tokens and second_tokens and not first_tokens & second_tokens
    assert "<!--csrf-token-->" not in second_page
    token = second_tokens.pop()
    response = second.post(f"{url}/posts", {"body": "Svar med sidens egen nøgle", "csrf_token": token}, csrf=False)
    assert response.status_code == 302


def test_a_flashed_message_is_shown_once_and_never_cached(member_client, member):
    thread = factories.make_thread(member)
    url = f"/threads/{thread.id}"
    member_client.get(url)  # read: showing the page again writes nothing
    message = "Du får besked, når der kommer nye svar i tråden."
    assert message in member_client.post(f"{url}/watch", follow_redirects=True).get_data(as_text=True)
    assert message not in member_client.get(url).get_data(as_text=True)
    assert message not in member_client.get(url).get_data(as_text=True)


def test_an_ended_membership_is_refused_though_the_page_was_cached(member_client, monkeypatch):
    member_client.get("/threads")
    assert member_client.get("/threads").status_code == 200
    monkeypatch.setattr(rules, "today", lambda: date(date.today().year + 1, 2, 1))  # no write: time passed
    response = member_client.get("/threads")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_the_language_is_part_of_the_key(member_client, member):
    member_client.get("/threads")
    assert "Tråde" in member_client.get("/threads").get_data(as_text=True)
    member.language = "en"
    db.session.commit()
    assert "Threads" in member_client.get("/threads").get_data(as_text=True)


def test_pages_older_than_the_time_limit_are_rendered_again(member_client):
    # Writes that bypass the session (a restore, SQL typed by hand) are covered by the limit.
    pagecache.store().max_age_seconds = 0
    member_client.get("/threads")
    count, _page = _statements_of(member_client, "/threads")
    assert count > 2


def test_no_cache_when_switched_off(make_app):
    app = make_app(PAGE_CACHE_MB=0)
    with app.app_context():
        assert pagecache.store() is None


def test_the_generation_counts_writing_commits_only(app, member):
    before = generation.current()
    db.session.execute(select(Post.id)).all()
    db.session.commit()
    assert generation.current() == before
    member.name = "Nyt navn"
    db.session.commit()
    assert generation.current() == before + 1
    db.session.execute(text("UPDATE member SET name = 'Andet navn' WHERE id = :id"), {"id": member.id})
    db.session.commit()
    assert generation.current() == before + 2
    member.name = "Rullet tilbage"
    db.session.flush()
    db.session.rollback()
    assert generation.current() == before + 2


def test_the_store_keeps_one_generation_within_its_bytes():
    store = PageStore(max_bytes=10, max_age_seconds=60)
    store.put(("a",), 1, "12345", ())
    store.put(("b",), 1, "12345", ())
    assert store.get(("a",), 1) is not None  # a is now the most recently used
    store.put(("c",), 1, "12345", ())
    assert store.get(("b",), 1) is None and store.get(("a",), 1) and store.get(("c",), 1)
    assert store.size == 10
    store.put(("too big",), 1, "x" * 11, ())
    assert store.get(("too big",), 1) is None
    assert store.get(("a",), 2) is None and len(store) == 0  # a new generation empties it
    store.put(("a",), 2, "1", ())
    assert store.get(("a",), 1) is None and store.get(("a",), 2) is None  # and so does going back


def test_a_restored_older_backup_is_shown_not_the_cached_page(member_client, member, tmp_path):
    from forum.ops.backup import create_backup
    from forum.ops.restore import restore_backup

    factories.make_thread(member, title="Fra før backuppen")
    create_backup(tmp_path / "backup")
    for n in range(3):
        factories.make_thread(member, title=f"Skrevet efter backuppen {n}")
    member_client.get("/threads")
    assert "Skrevet efter backuppen 2" in member_client.get("/threads").get_data(as_text=True)
    cached_under = generation.current()
    db.session.remove()
    restore_backup(tmp_path / "backup", force=True, rebuild_search=lambda: "")
    # Writes after the restore, counting up from the backup's counter, until it could meet
    # the number the page was cached under (unless the restore moved it past that).
    restored = db.session.get(Member, member.id)
    while generation.current() < cached_under:
        restored.name = f"Efter genskabelsen {generation.current()}"
        db.session.commit()
    page = member_client.get("/threads").get_data(as_text=True)
    assert "Fra før backuppen" in page and "Skrevet efter backuppen" not in page
