"""POST /threads/<id>/reuse, GET /spreading and the facilitators' report through the test client."""
# ruff: noqa: S314 - parses the SVG our own server drew, to prove it is well-formed XML
import csv
import io
import xml.etree.ElementTree as ET

import pytest
from argon2 import PasswordHasher
from flask import g
from sqlalchemy import event, func, select

from forum.auth import passwords
from forum.extensions import db
from forum.spreading import service
from forum.spreading.models import ReuseRecord, ReuseStep
from tests import factories


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    """Argon2 at full strength costs most of these tests' time; they test reuse, not hashing."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def fresh_g_per_request(app):
    """The `app` fixture keeps one app context pushed for the whole test, so flask.g outlives
    each request: a second client would be served as the first one's member (g._login_user)
    with the first one's CSRF token. Forget both before any other hook runs, as a real
    server does with its fresh context per request."""
    def forget():
        for key in ("_login_user", "csrf_token", "csrf_valid", "_flask_babel"):
            g.pop(key, None)

    app.before_request_funcs.setdefault(None, []).insert(0, forget)


@pytest.fixture
def shared(app):
    author = factories.make_member("sofie@odense.dk", "Sofie Sørensen", "Odense Kommune")
    return factories.make_thread(author, title="Ældre hjælper ældre med tablets", route="share")


def records():
    return list(db.session.scalars(select(ReuseRecord)))


def steps():
    return db.session.scalar(select(func.count(ReuseStep.id)))


def svg_of(html: str) -> ET.Element:
    start = html.index("<svg")
    end = html.index("</svg>", start) + len("</svg>")
    return ET.fromstring(html[start:end])


def test_a_member_records_and_moves_reuse(member_client, member, shared):
    response = member_client.post(f"/threads/{shared.id}/reuse", {"phase": "tjek", "note": "Vi kigger på den."})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/threads/{shared.id}#genbrug")
    response = member_client.post(f"/threads/{shared.id}/reuse", {"phase": "tilpas", "note": ""})
    assert response.status_code == 302
    [record] = records()
    assert (record.organization_id, record.phase.slug, len(record.steps)) == (member.organization_id, "tilpas", 2)
    page = member_client.get(f"/threads/{shared.id}").get_data(as_text=True)
    assert 'id="genbrug"' in page and "Aarhus Kommune" in page and "Vi kigger på den." in page
    assert "Flyt jeres genbrug videre" in page


def test_the_panel_is_only_on_shared_threads(member_client, member):
    plain = factories.make_thread(member, title="Bare et spørgsmål")
    assert 'id="genbrug"' not in member_client.get(f"/threads/{plain.id}").get_data(as_text=True)


def test_the_sharing_organization_sees_no_form_and_may_not_record(member_client, member):
    own = factories.make_thread(member, title="Vores egen innovation", route="share")
    page = member_client.get(f"/threads/{own.id}").get_data(as_text=True)
    assert 'id="genbrug"' in page and "delt af jeres egen organisation" in page
    assert f'action="/threads/{own.id}/reuse"' not in page
    assert member_client.post(f"/threads/{own.id}/reuse", {"phase": "tjek"}).status_code == 403
    assert records() == []


def test_missing_csrf_is_400_and_stores_nothing(member_client, shared):
    response = member_client.post(f"/threads/{shared.id}/reuse", {"phase": "tjek"}, csrf=False)
    assert response.status_code == 400
    assert records() == []


def test_a_thread_that_does_not_share_is_404(member_client, member):
    thread = factories.make_thread(member, title="Vi genbruger noget", route="reuse")
    assert member_client.post(f"/threads/{thread.id}/reuse", {"phase": "tjek"}).status_code == 404
    assert member_client.get(f"/threads/{thread.id}/reuse").status_code == 404
    assert records() == []


def test_hidden_and_missing_threads_are_404(member_client, shared):
    shared.hidden = True
    db.session.commit()
    assert member_client.post(f"/threads/{shared.id}/reuse", {"phase": "tjek"}).status_code == 404
    assert member_client.post("/threads/999999/reuse", {"phase": "tjek"}).status_code == 404
    assert records() == []


def test_a_member_may_not_move_another_organizations_record(member_client, other_client, member, other_member,
                                                            shared):
    member_client.post(f"/threads/{shared.id}/reuse", {"phase": "test"})
    response = other_client.post(f"/threads/{shared.id}/reuse",
                                 {"phase": "hoest", "organization": str(member.organization_id)})
    assert response.status_code == 403
    [record] = records()
    assert record.phase.slug == "test" and steps() == 1


def test_a_facilitator_may_move_another_organizations_record(member_client, facilitator_client, member, shared):
    member_client.post(f"/threads/{shared.id}/reuse", {"phase": "test"})
    page = facilitator_client.get(f"/threads/{shared.id}").get_data(as_text=True)
    assert 'name="organization"' in page
    response = facilitator_client.post(f"/threads/{shared.id}/reuse",
                                       {"phase": "implementer", "organization": str(member.organization_id)})
    assert response.status_code == 302
    [record] = records()
    assert record.phase.slug == "implementer" and steps() == 2


BAD_INPUT = [
    {"phase": "ukendt"},
    {"phase": ""},
    {"phase": "tjek", "note": "x" * 501},
    {"phase": "tjek", "organization": "abc"},
    {"phase": "tjek", "organization": "99999999999999999999"},
    {"phase": "x" * 10000},
    {"phase": "tjek\x00"},
]


def test_bad_input_is_422_and_stores_nothing(member_client, shared):
    for data in BAD_INPUT:
        response = member_client.post(f"/threads/{shared.id}/reuse", data)
        assert response.status_code == 422, data
        assert "Genbruget blev ikke gemt" in response.get_data(as_text=True)
    assert records() == []


def test_control_characters_are_dropped_from_the_note(member_client, shared):
    response = member_client.post(f"/threads/{shared.id}/reuse", {"phase": "tjek", "note": "Før\x00 og\x07 efter\nny linje"})
    assert response.status_code == 302
    [record] = records()
    assert record.steps[0].note == "Før og efter\nny linje"


def test_an_unknown_organization_is_404(facilitator_client, shared):
    response = facilitator_client.post(f"/threads/{shared.id}/reuse", {"phase": "tjek", "organization": "424242"})
    assert response.status_code == 404
    assert records() == []


def test_anonymous_is_sent_to_login(client, shared):
    assert client.get("/spreading").status_code == 302
    assert client.post(f"/threads/{shared.id}/reuse", {"phase": "tjek"}).status_code in (302, 400)
    assert records() == []


def test_spreading_map_shows_chart_and_table(member_client, other_client, shared, member):
    member_client.post(f"/threads/{shared.id}/reuse", {"phase": "test"})
    other_client.post(f"/threads/{shared.id}/reuse", {"phase": "hoest"})
    factories.make_thread(member, title="Ikke genbrugt endnu", route="share")
    factories.make_thread(member, title="Ikke en deling", route=None)
    response = member_client.get("/spreading")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    svg = svg_of(html)
    assert svg.get("role") == "img"
    assert "Ældre hjælper ældre med tablets" in svg.find(f"{SVG}desc").text
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert "2 organisationer" in labels and "Høst" in labels and "Ingen genbrug endnu" in labels
    assert "<caption>" in html and 'scope="row"' in html and 'scope="col"' in html
    assert "Ikke en deling" not in html
    assert html.index("Ældre hjælper ældre") < html.index("Ikke genbrugt endnu")
    assert 'style="' not in html


def test_spreading_filter_by_phase(member_client, shared, member):
    member_client.post(f"/threads/{shared.id}/reuse", {"phase": "test"})
    factories.make_thread(member, title="Ikke genbrugt endnu", route="share")
    html = member_client.get("/spreading?phase=test").get_data(as_text=True)
    assert "Ældre hjælper ældre" in html and "Ikke genbrugt endnu" not in html
    html = member_client.get("/spreading?phase=hoest").get_data(as_text=True)
    assert "Ældre hjælper ældre med tablets" not in html and "Ingen delte innovationer har organisationer" in html


def test_spreading_survives_odd_queries(member_client, shared):
    for query in ["?phase=%00", "?phase=" + "x" * 5000, "?page=-1", "?page=abc", "?page=99999999", "?phase=%ff%fe"]:
        assert member_client.get("/spreading" + query).status_code == 200, query


def test_hidden_threads_are_not_on_the_map_for_members(member_client, shared):
    shared.hidden = True
    db.session.commit()
    assert "Ældre hjælper ældre" not in member_client.get("/spreading").get_data(as_text=True)


def test_the_report_is_for_facilitators_only(member_client):
    assert member_client.get("/admin/report").status_code == 403
    assert member_client.get("/admin/report.csv").status_code == 403


def test_the_report_refuses_a_bad_year(facilitator_client):
    for year in ["abc", "1999", "2101", "-1", "2025.5", "%00", "9" * 400]:
        assert facilitator_client.get(f"/admin/report?year={year}").status_code == 400, year
        assert facilitator_client.get(f"/admin/report.csv?year={year}").status_code == 400, year


def test_the_report_on_screen_and_as_csv(facilitator_client, member_client, shared):
    member_client.post(f"/threads/{shared.id}/reuse", {"phase": "hoest"})
    year = db.session.scalar(select(ReuseRecord.created_at)).year
    html = facilitator_client.get(f"/admin/report?year={year}").get_data(as_text=True)
    for key in ("threads", "sparring", "reuse", "meetings"):
        assert f'id="{key}"' in html
    assert html.count('role="img"') >= 3
    response = facilitator_client.get(f"/admin/report.csv?year={year}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert f"rapport-{year}.csv" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    started = sum(int(r[4]) for r in rows[1:] if r[1] == "Genbrug af delte innovationer" and r[3] == "Genbrug startet")
    harvested = sum(int(r[4]) for r in rows[1:] if r[1] == "Genbrug af delte innovationer" and r[3] == "Nået til Høst")
    assert started == harvested == len(records()) == 1


def test_the_members_own_export_includes_their_reuse_steps(member_client, shared):
    member_client.post(f"/threads/{shared.id}/reuse", {"phase": "test", "note": "Vores note"})
    data = member_client.get("/profile/export").get_json()
    assert data["reuse_steps"] == [{
        "thread_id": shared.id, "organization": "Aarhus Kommune", "phase": "test", "note": "Vores note",
        "created_at": data["reuse_steps"][0]["created_at"],
    }]


def count_statements(client, url: str) -> int:
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_no_n_plus_one_on_the_map_or_the_panel(member_client, member, other_member, facilitator, shared):
    organizations = [factories.make_member(f"m{n}@kommune{n}.dk", f"Medlem {n}", f"Kommune {n}") for n in range(4)]

    def add_innovation(n):
        thread = factories.make_thread(other_member, title=f"Innovation {n}", route="share")
        for who, slug in zip(organizations, ["tjek", "test", "tilpas", "hoest"], strict=True):
            service.record_reuse(thread, who, service.phase_by_slug(slug), f"Note {n}", notify_author=False)
            service.record_reuse(thread, who, service.phase_by_slug("fjern"), "", notify_author=False)
        return thread

    first = add_innovation(1)
    member_client.get(f"/threads/{first.id}")  # the first visit also records that the thread was read
    map_few, panel_few = count_statements(member_client, "/spreading"), count_statements(member_client,
                                                                                       f"/threads/{first.id}")
    for n in range(2, 6):
        add_innovation(n)
    more = factories.make_member("ekstra@kommune9.dk", "Ekstra", "Kommune 9")
    service.record_reuse(first, more, service.phase_by_slug("test"), "", notify_author=False)
    assert count_statements(member_client, "/spreading") == map_few
    assert count_statements(member_client, f"/threads/{first.id}") == panel_few
