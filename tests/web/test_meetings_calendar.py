"""The personal calendar feed: a secret URL that works without a session, revocable."""
import re
from datetime import date, time, timedelta

import pytest
from flask import g, request_started
from icalendar import Calendar

from forum.extensions import db
from forum.meetings.models import CalendarToken, Meeting


@pytest.fixture(autouse=True)
def one_login_per_client(app):
    """Each request starts with an empty `g`, as on a real server (see test_meetings_pages)."""
    def forget(sender, **extra):
        g.__dict__.clear()

    request_started.connect(forget, app)
    yield
    request_started.disconnect(forget, app)


@pytest.fixture
def meetings(app):
    rows = [Meeting(title="Netværksmøde i Vejle", date=date.today() + timedelta(days=30), starts=time(10),
                    ends=time(15, 30), host_name="Vejle Kommune", agenda_source="", agenda_html="", status="planned"),
            Meeting(title="Aflyst møde", date=date.today() + timedelta(days=60), starts=time(10), ends=time(15, 30),
                    host_name="", agenda_source="", agenda_html="", status="cancelled")]
    db.session.add_all(rows)
    db.session.commit()
    return rows


def feed_url(member_client) -> str:
    response = member_client.post("/calendar/token", follow_redirects=True)
    match = re.search(r'value="(http[^"]+/calendar/[^"]+\.ics)"', response.get_data(as_text=True))
    assert match, "the new feed URL is shown once"
    return match.group(1).replace("http://localhost", "")


def test_feed_works_without_session_and_is_valid(member_client, client, meetings):
    url = feed_url(member_client)
    response = client.get(url)  # anonymous: Outlook has no session
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    events = calendar.walk("VEVENT")
    assert {str(e["SUMMARY"]) for e in events} == {"Netværksmøde i Vejle", "Aflyst møde"}
    assert {str(e["STATUS"]) for e in events} == {"CONFIRMED", "CANCELLED"}
    assert all(str(e.decoded("DTSTART").tzinfo) == "Europe/Copenhagen" for e in events)
    # the URL is shown once only
    assert url.split("/calendar/")[1] not in member_client.get("/calendar").get_data(as_text=True)


def test_only_the_hash_is_stored(member_client, meetings):
    url = feed_url(member_client)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    row = db.session.query(CalendarToken).one()
    assert row.token_hash != token and len(row.token_hash) == 64


def test_regenerate_and_revoke(member_client, client, meetings):
    old = feed_url(member_client)
    new = feed_url(member_client)
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert member_client.post("/calendar/token/revoke").status_code == 302
    assert client.get(new).status_code == 404


def test_wrong_or_hostile_tokens_are_404(client):
    for token in ("nope", "x" * 500, "%00", "..%2F..%2Fetc"):
        assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_feed_stops_when_membership_ends(member_client, client, member, meetings):
    url = feed_url(member_client)
    member.active = False
    db.session.commit()
    assert client.get(url).status_code == 404


def test_token_changes_need_csrf(member_client):
    member_client.get("/calendar")
    assert member_client.post("/calendar/token", csrf=False).status_code == 400
    assert db.session.query(CalendarToken).count() == 0
