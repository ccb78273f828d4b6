"""/search with the result cache: Whoosh scores a query once per index generation, and every
cached hit still goes through the member's rights on every request."""
from __future__ import annotations

import re

import pytest

from forum.extensions import db
from forum.moderation.hide import hide_post
from forum.search import search_index
from tests.conftest import FormClient
from tests.factories import make_member, make_reply, make_thread
from tests.search_scoring import count_scoring

RESULT = re.compile(r'class="search-result search-result-(?:thread|post)"')
LINK = re.compile(r'href="(/posts/\d+|/threads/\d+)"')


@pytest.fixture
def scored(monkeypatch):
    return count_scoring(monkeypatch)


def search(client, **args) -> str:
    response = client.get("/search", query_string=args)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def links(html: str) -> list[str]:
    return LINK.findall(html[html.index("search-result"):]) if RESULT.search(html) else []


def test_a_second_identical_search_is_not_scored_again(member_client, member, other_member, scored):
    thread = make_thread(member, title="Genbrugspladsen", body="Affaldssortering i kommunen")
    make_reply(thread, other_member, body="Vi prøvede affaldssortering med borgerne")
    first = search(member_client, q="affaldssortering")
    assert len(scored) == 1
    second = search(member_client, q="affaldssortering")
    assert len(scored) == 1
    assert len(RESULT.findall(second)) == 2
    assert links(second) == links(first) and len(links(first)) >= 2
    assert len(search_index().result_cache) == 1


def test_a_new_reply_is_found_by_the_next_search(member_client, member, other_member, scored):
    thread = make_thread(member, title="Skybrud", body="Regnvandsbassiner i parken")
    assert len(RESULT.findall(search(member_client, q="regnvandsbassiner"))) == 1
    response = member_client.post(f"/threads/{thread.id}/posts", {"body": "Flere regnvandsbassiner ved skolen"})
    assert response.status_code == 302
    html = search(member_client, q="regnvandsbassiner")
    assert len(scored) == 2
    assert len(RESULT.findall(html)) == 2 and "ved skolen" in html


def test_phase_type_page_and_sort_are_different_entries(member_client, member, other_member, scored):
    thread = make_thread(member, title="Mødereferater", body="Referat fra mødet", phases=("tjek",))
    for number in range(21):
        make_reply(thread, other_member, body=f"Referat nummer {number}")
    make_thread(member, title="Andet referat", body="Referat", phases=("test",))
    variants = [{}, {"phase": "test"}, {"type": "thread"}, {"page": "2"}, {"sort": "newest"}]
    pages = [search(member_client, q="referat", **variant) for variant in variants]
    assert len(scored) == len(variants)
    assert "Andet referat" in pages[1] and "Mødereferater" not in pages[1]
    assert len(RESULT.findall(pages[2])) == 2
    assert "Viser 21–23" in pages[3]
    again = [search(member_client, q="referat", **variant) for variant in variants]
    assert len(scored) == len(variants)
    assert [links(html) for html in again] == [links(html) for html in pages]


def test_a_directed_request_is_found_only_by_its_recipient_from_a_warm_cache(make_client, member, other_member,
                                                                             scored):
    from forum.sparring.service import create_request

    outsider = make_member("carl@odense.dk", name="Carl Carlsen", organization="Odense Kommune")
    bystander = make_member("dorte@odense.dk", name="Dorte Dam", organization="Odense Kommune")
    create_request(member, title="Hjælp til dataetik i jobcentret", body="Fortroligt spørgsmål",
                   phase_slugs=["tjek"], channels=["mail"], recipient_ids=[other_member.id])
    make_thread(member, title="Dataetik i praksis", body="Åbent om dataetik")
    assert "Hjælp til dataetik" in search(make_client(other_member), q="dataetik")
    assert "Hjælp til dataetik" not in search(make_client(outsider), q="dataetik")
    assert len(scored) == 2
    html = search(make_client(bystander), q="dataetik")  # named on nothing, like the outsider
    assert len(scored) == 2
    assert "Hjælp til dataetik" not in html and "Dataetik i praksis" in html


def let_the_index_lag(app) -> None:
    """The index is behind the database, as between a change and the applier in production:
    nothing is applied after commit, and a search leaves fresh pending rows alone."""
    app.config.update(SEARCH_APPLY_AFTER_COMMIT=False, SEARCH_APPLY_IN_BACKGROUND=True,
                      SEARCH_PENDING_GRACE_SECONDS=3600)


def test_a_hidden_post_a_facilitator_finds_is_not_shown_to_a_member_from_a_warm_cache(
        app, member_client, facilitator_client, member, other_member, facilitator, scored):
    thread = make_thread(member, title="Økonomi", body="Budgetopfølgning")
    make_reply(thread, other_member, body="Åbne lønforhold i afdelingen")
    secret = make_reply(thread, other_member, body="Fortrolige lønforhold i kælderen")
    assert "Fortrolige" in search(member_client, q="lønforhold")
    let_the_index_lag(app)
    hide_post(secret, facilitator, "Fortroligt")
    assert "Fortrolige" in search(facilitator_client, q="lønforhold")  # moderators see hidden posts
    before = len(scored)
    html = search(member_client, q="lønforhold")
    assert len(scored) == before  # the member's hits came from the cache ...
    assert "Fortrolige" not in html and "Åbne" in html  # ... and were checked again


def test_a_hidden_thread_a_facilitator_finds_is_not_shown_to_a_member_from_a_warm_cache(
        app, member_client, facilitator_client, member, other_member, scored):
    shown = make_thread(member, title="Vandværket i byen", body="Vandværker og drift")
    hidden = make_thread(other_member, title="Skjult tråd om vandværker", body="Vandværker")
    assert "Skjult tråd" in search(member_client, q="vandværker")
    let_the_index_lag(app)
    hidden.hidden = True
    db.session.commit()
    assert "Skjult tråd" in search(facilitator_client, q="vandværker")
    before = len(scored)
    html = search(member_client, q="vandværker")
    assert len(scored) == before
    assert "Skjult tråd" not in html and f"/threads/{shown.id}" in html


def test_cache_size_zero_scores_every_search(make_app, scored):
    application = make_app(SEARCH_RESULT_CACHE_SIZE=0)
    with application.app_context():
        author = make_member("cache-off@example.org", name="Cache Off")
        make_thread(author, title="Solceller", body="Solceller på taget")
        client = FormClient(application.test_client())
        client.login(author.email)
        assert len(RESULT.findall(search(client, q="solceller"))) == 1
        assert len(RESULT.findall(search(client, q="solceller"))) == 1
        assert len(scored) == 2
        assert search_index().result_cache.size == 0


def test_a_bad_cache_size_falls_back_to_the_default(app):
    from forum.search import result_cache_size
    from forum.search.result_cache import DEFAULT_SIZE

    for value, size in (("128", 128), (0, 0), (-3, 0), ("many", DEFAULT_SIZE), (None, DEFAULT_SIZE)):
        app.config["SEARCH_RESULT_CACHE_SIZE"] = value
        assert result_cache_size(app) == size
