"""GET /search through the test client, logged in through the real form."""
from __future__ import annotations

from forum.moderation.hide import hide_post
from forum.threads.service import delete_post
from tests.factories import make_reply, make_thread


def page_text(client, **args):
    response = client.get("/search", query_string=args)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def test_anonymous_is_sent_to_login(client):
    response = client.get("/search?q=kommune")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_results_show_title_snippet_author_organization_phases(member_client, member, other_member):
    thread = make_thread(member, title="Digital post til ældre", body="Vi hjalp **borgerne** med MitID",
                         phases=("tjek", "test"))
    make_reply(thread, other_member, body="I Vejle hjalp biblioteket borgerne med det samme")
    html = page_text(member_client, q="borger")
    assert "Digital post til ældre" in html
    assert "<mark" in html and ">borgerne</mark>" in html
    assert "Bo Bech" in html and "Vejle Kommune" in html
    assert "Alice Andersen" in html and "Aarhus Kommune" in html
    assert f'/threads/{thread.id}' in html
    assert "Tjek" in html and "Test" in html
    assert "Svar i tråden" in html


def test_the_search_box_is_on_every_page(member_client):
    html = member_client.get("/").get_data(as_text=True)
    assert 'action="/search"' in html


def test_script_in_a_post_comes_out_escaped(member_client, member):
    make_thread(member, title="Sikkerhed", body="Se <script>alert('xss')</script> og <img src=x onerror=alert(1)> eksempel")
    html = page_text(member_client, q="eksempel")
    assert "<script>alert" not in html
    assert "onerror=alert" not in html or "&lt;img" in html
    assert "<mark" in html


def test_snippets_escape_text_that_looks_like_markup(member_client, member):
    make_thread(member, title="Kode", body="Skriv `<script>alert(1)</script>` i feltet om kodning")
    html = page_text(member_client, q="script")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;<mark" in html or "&lt;script&gt;" in html


def test_hidden_and_deleted_posts_never_appear(member_client, member, other_member, facilitator):
    thread = make_thread(member, title="Økonomi", body="Budgetopfølgning")
    hidden = make_reply(thread, other_member, body="Fortrolige lønforhold i afdelingen")
    deleted = make_reply(thread, other_member, body="Slettede lønforhold i kælderen")
    hide_post(hidden, facilitator, "Fortroligt")
    delete_post(deleted, other_member)
    html = page_text(member_client, q="lønforhold")
    assert "Fortrolige" not in html and "Slettede" not in html
    assert "Ingen resultater" in html
    assert "Viser" not in html


def test_hidden_thread_is_not_found(member_client, member, other_member, app):
    from forum.extensions import db

    thread = make_thread(other_member, title="Skjult tråd om vandværker", body="Vandværker")
    thread.hidden = True
    db.session.commit()
    html = page_text(member_client, q="vandværker")
    assert "Skjult tråd" not in html


def test_directed_sparring_is_not_shown_to_others(make_client, member, other_member):
    from forum.sparring.service import create_request
    from tests.factories import make_member

    outsider = make_member("carl@odense.dk", name="Carl Carlsen", organization="Odense Kommune")
    create_request(member, title="Hjælp til dataetik i jobcentret", body="Fortroligt spørgsmål",
                   phase_slugs=["tjek"], channels=["mail"], recipient_ids=[other_member.id])
    assert "Hjælp til dataetik" not in page_text(make_client(outsider), q="dataetik")
    assert "Hjælp til dataetik" in page_text(make_client(other_member), q="dataetik")


def test_filters_by_phase_and_type(member_client, member, other_member):
    tjek = make_thread(member, title="Kortlægning af behov", body="Interviews", phases=("tjek",))
    make_reply(tjek, other_member, body="Flere interviews med borgere")
    make_thread(member, title="Implementering af interviews", body="Drift", phases=("implementer",))
    html = page_text(member_client, q="interviews", phase="tjek")
    assert "Kortlægning af behov" in html and "Implementering af interviews" not in html
    html = page_text(member_client, q="interviews", type="post")
    assert "Flere" in html and "Drift" not in html
    html = page_text(member_client, q="interviews", type="thread", sort="newest")
    assert html.index("Implementering af interviews") < html.index("Kortlægning af behov")


def test_empty_result_suggests_dropping_filters(member_client, member):
    make_thread(member, title="Robotter", body="Robotter i plejen", phases=("tjek",))
    html = page_text(member_client, q="robotter", phase="hoest")
    assert "Ingen resultater" in html
    assert "Søg igen uden filtre" in html
    assert 'href="/search?q=robotter' in html


def test_any_word_fallback_says_so(member_client, member):
    make_thread(member, title="Skybrud", body="Regnvand og kloakker")
    html = page_text(member_client, q="regnvand solceller")
    assert "mindst ét af dem" in html
    assert "Skybrud" in html


def test_pagination_by_next_page(member_client, member, other_member):
    thread = make_thread(member, title="Tråd", body="start")
    for number in range(22):
        make_reply(thread, other_member, body=f"Mødereferat nummer {number}")
    html = page_text(member_client, q="mødereferat")
    assert 'rel="next"' in html and "Der er flere" in html
    html = page_text(member_client, q="mødereferat", page="2")
    assert 'rel="prev"' in html and 'rel="next"' not in html
    assert "Viser 21–22" in html


HOSTILE = [
    '"unbalanced', "AND OR (", "title:", "*", "\\", "NOT", "NOT kommune", ")(", "kommune OR", "''''",
    "%", "<script>alert(1)</script>", "k" * 1000, "ærø æøå ÆØÅ", "\u202e\u0000", "title:kommune", "body:(",
    "kommune^5", "[a TO z]", "kommune~2", "?", "a*b*c*d*e*", "kommune " * 100,
]


def test_hostile_queries_never_give_500(member_client, member):
    make_thread(member, title="Kommune og unbalanced title", body="kommune")
    for query in HOSTILE:
        html = page_text(member_client, q=query)
        assert "<script>alert(1)</script>" not in html


def test_broken_syntax_is_searched_as_words(member_client, member):
    make_thread(member, title="Kommunal innovation", body="Noget om kommunen")
    html = page_text(member_client, q='"kommunen')
    assert "Kommunal innovation" in html
    assert "søgt efter ordene" in html


def test_very_long_query_is_cut_with_a_message(member_client):
    html = page_text(member_client, q="kommune " * 60)
    assert "for lang" in html


BAD_ARGUMENTS = [
    {"q": "x", "page": "abc"}, {"q": "x", "page": "-1"}, {"q": "x", "page": "99999999999999"}, {"q": "x", "page": "٣"},
    {"q": "x", "phase": "nope"}, {"q": "x", "type": "member"}, {"q": "x", "sort": "random"}, {"page": "3"},
]


def test_bad_arguments_fall_back_to_defaults(member_client):
    for args in BAD_ARGUMENTS:
        page_text(member_client, **args)


def test_non_utf8_query_is_handled(member_client):
    response = member_client.raw.get("/search?q=%ff%fe%80kommune")
    assert response.status_code in (200, 400)
