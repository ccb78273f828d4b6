"""The thread list: cached rows that still change at once, and next/previous pages without a count."""
from forum.extensions import db
from forum.threads.queries import THREADS_PER_PAGE
from tests import factories


def test_rows_show_changes_at_once_though_they_were_cached(member_client, other_member):
    thread = factories.make_thread(other_member, title="Kaffemøder for ældre")
    assert "Kaffemøder for ældre" in member_client.get("/threads").get_data(as_text=True)
    factories.make_reply(thread, other_member, "Nyt svar")
    thread.title, thread.locked = "Kaffemøder for seniorer", True
    db.session.commit()
    page = member_client.get("/threads").get_data(as_text=True)
    assert "Kaffemøder for seniorer" in page and "Kaffemøder for ældre" not in page
    assert "Låst" in page and "1 svar" in page


def test_each_reader_gets_their_own_unread_count(member_client, other_client, member, other_member):
    thread = factories.make_thread(other_member, title="Sparring om velfærdsteknologi")
    factories.make_reply(thread, other_member, "Et svar")
    page = member_client.get("/threads").get_data(as_text=True)
    assert "2 nye" in page
    # The author has read their own posts: the same row, cached a moment ago, without a badge.
    assert "nye" not in other_client.get("/threads").get_data(as_text=True)


def test_a_hidden_thread_row_is_never_shown_to_a_member_after_a_facilitator_saw_it(
        member_client, facilitator_client, other_member):
    thread = factories.make_thread(other_member, title="Skjult emne om budgetter")
    thread.hidden = True
    db.session.commit()
    assert "Skjult emne om budgetter" in facilitator_client.get("/threads").get_data(as_text=True)
    assert "Skjult emne om budgetter" not in member_client.get("/threads").get_data(as_text=True)


def test_next_and_previous_pages_without_a_count(member_client, other_member):
    for number in range(THREADS_PER_PAGE + 1):
        factories.make_thread(other_member, title=f"Tråd nummer {number:02d}")
    first = member_client.get("/threads").get_data(as_text=True)
    assert "Tråd nummer 25" in first and "Tråd nummer 00" not in first
    assert 'rel="next"' in first and 'rel="prev"' not in first and "Side 1" in first
    second = member_client.get("/threads?page=2").get_data(as_text=True)
    assert "Tråd nummer 00" in second and "Tråd nummer 01" not in second
    assert 'rel="prev"' in second and 'rel="next"' not in second and "Side 2" in second


def test_a_page_past_the_end_says_there_is_nothing(member_client, other_member):
    factories.make_thread(other_member)
    response = member_client.get("/threads?page=40")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Der er ikke flere tråde." in page and 'rel="next"' not in page


def test_unread_counts_stop_at_twenty(member_client, member, other_member):
    long_thread = factories.make_thread(other_member, title="Lang tråd om borgerinddragelse")
    for number in range(24):
        factories.make_reply(long_thread, other_member, f"Svar {number}")
    factories.make_thread(other_member, title="Kort tråd")
    page = member_client.get("/threads").get_data(as_text=True)
    assert "over 20 nye" in page and "25 nye" not in page
    assert "1 nyt" in page


def test_a_hidden_reply_is_new_only_to_those_who_may_see_it(member_client, facilitator_client, other_member):
    thread = factories.make_thread(other_member, title="Tråd med et skjult svar")
    hidden = factories.make_reply(thread, other_member, "Skjult svar")
    hidden.hidden = True
    db.session.commit()
    assert "1 nyt" in member_client.get("/threads").get_data(as_text=True)
    assert "2 nye" in facilitator_client.get("/threads").get_data(as_text=True)
