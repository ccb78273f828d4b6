"""Meeting pages through the test client: programme, meeting, RSVP, planning, notes thread."""
from datetime import date, timedelta

import pytest
from flask import g, request_started
from icalendar import Calendar
from sqlalchemy import func, select

from forum.extensions import db
from forum.meetings.models import Meeting, Rsvp
from forum.moderation.models import AuditEntry
from forum.threads.models import Thread

FUTURE = date.today() + timedelta(days=40)


@pytest.fixture(autouse=True)
def one_login_per_client(app):
    """The `app` fixture keeps one app context for the whole test, so what flask-login and
    flask-wtf cache in `g` (the user, the CSRF token) would follow every client after the
    first; start each request with an empty `g`, as a real server does."""
    def forget(sender, **extra):
        g.__dict__.clear()

    request_started.connect(forget, app)
    yield
    request_started.disconnect(forget, app)


def meeting_form(**overrides):
    data = {
        "title": "Netværksmøde i Vejle", "date": FUTURE.isoformat(), "starts": "10:00", "ends": "15:30",
        "host_organization": "Vejle Kommune", "address": "Skolegade 1, 7100 Vejle", "room": "Byrådssalen",
        "agenda": "# Dagsorden\n\n- Velkommen\n- <script>alert(1)</script>Spredning",
    }
    data.update(overrides)
    return data


def plan(client, **overrides) -> Meeting:
    response = client.post("/meetings/new", meeting_form(**overrides))
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalars(select(Meeting).order_by(Meeting.id.desc())).first()


def test_facilitator_plans_meeting_and_member_sees_it(facilitator_client, member_client, other_member):
    meeting = plan(facilitator_client)
    assert meeting.host_organization is not None and meeting.host == "Vejle Kommune"
    assert "<script>" not in meeting.agenda_html
    listing = member_client.get("/meetings").get_data(as_text=True)
    assert "Netværksmøde i Vejle" in listing
    page = member_client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Byrådssalen" in page and "Skolegade 1" in page and "<h1>Dagsorden</h1>" in page
    assert "<script>alert" not in page
    assert db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "meeting_plan")) == 1


def test_free_text_host_when_not_a_member_organization(facilitator_client):
    meeting = plan(facilitator_client, host_organization="Republikken")
    assert meeting.host_organization_id is None and meeting.host == "Republikken"


def test_default_times(facilitator_client):
    form = facilitator_client.get("/meetings/new").get_data(as_text=True)
    assert 'value="10:00"' in form and 'value="15:30"' in form


def test_invalid_meeting_input_is_422_not_500(facilitator_client):
    for bad in ({"date": "2027-13-45"}, {"date": "første februar"}, {"starts": "25:00"}, {"ends": "09:00"},
                {"title": ""}, {"title": "x" * 500}, {"date": "9999-01-01"}):
        response = facilitator_client.post("/meetings/new", meeting_form(**bad))
        assert response.status_code == 422, bad
    assert db.session.scalar(select(func.count(Meeting.id))) == 0


def test_rsvp_and_counts(facilitator_client, member_client, other_client, member, other_member):
    meeting = plan(facilitator_client)
    assert member_client.post(f"/meetings/{meeting.id}/rsvp", {"attending": "yes"}).status_code == 302
    assert other_client.post(f"/meetings/{meeting.id}/rsvp", {"attending": "no"}).status_code == 302
    # changing one's mind updates the one answer
    assert member_client.post(f"/meetings/{meeting.id}/rsvp", {"attending": "no"}).status_code == 302
    assert member_client.post(f"/meetings/{meeting.id}/rsvp", {"attending": "yes"}).status_code == 302
    rows = db.session.scalars(select(Rsvp).where(Rsvp.meeting_id == meeting.id)).all()
    assert sorted((r.member_id, r.attending) for r in rows) == sorted([(member.id, True), (other_member.id, False)])
    page = facilitator_client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "1 kommer" in page and "Alice Andersen" in page and "Aarhus Kommune" in page
    assert "1 har meldt fra" in page
    assert "Bo Bech" not in page.split("har meldt fra")[0].split("kommer</h2>")[-1]
    listing = member_client.get("/meetings").get_data(as_text=True)
    assert "Du kommer" in listing


def test_rsvp_bad_value_changes_nothing(facilitator_client, member_client):
    meeting = plan(facilitator_client)
    member_client.post(f"/meetings/{meeting.id}/rsvp", {"attending": "maybe"})
    member_client.post(f"/meetings/{meeting.id}/rsvp", {})
    assert db.session.scalar(select(func.count(Rsvp.id))) == 0


def test_rsvp_without_csrf_is_400(facilitator_client, member_client):
    meeting = plan(facilitator_client)
    response = member_client.post(f"/meetings/{meeting.id}/rsvp", {"attending": "yes"}, csrf=False)
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(Rsvp.id))) == 0


def test_cancelled_meeting_takes_no_rsvp(facilitator_client, member_client):
    meeting = plan(facilitator_client)
    response = facilitator_client.post(f"/meetings/{meeting.id}/edit", meeting_form(status="cancelled"))
    assert response.status_code == 302
    member_client.post(f"/meetings/{meeting.id}/rsvp", {"attending": "yes"})
    assert db.session.scalar(select(func.count(Rsvp.id))) == 0
    assert "Aflyst" in member_client.get("/meetings").get_data(as_text=True)


def test_edit_meeting(facilitator_client):
    meeting = plan(facilitator_client)
    page = facilitator_client.get(f"/meetings/{meeting.id}/edit").get_data(as_text=True)
    assert "Vejle Kommune" in page and "# Dagsorden" in page
    response = facilitator_client.post(f"/meetings/{meeting.id}/edit", meeting_form(title="Nyt navn", starts="09:30"))
    assert response.status_code == 302
    db.session.refresh(meeting)
    assert meeting.title == "Nyt navn" and meeting.starts.strftime("%H:%M") == "09:30"


def test_upcoming_and_past(facilitator_client, member_client):
    plan(facilitator_client, title="Det gamle møde", date=(date.today() - timedelta(days=30)).isoformat())
    plan(facilitator_client, title="Det nye møde")
    page = member_client.get("/meetings").get_data(as_text=True)
    upcoming, past = page.split("Tidligere møder</h2>")
    assert "Det nye møde" in upcoming and "Det gamle møde" in past


def test_unknown_meeting_is_404(member_client, facilitator_client):
    for url in ("/meetings/999", "/meetings/999.ics"):
        assert member_client.get(url).status_code == 404
    assert member_client.post("/meetings/999/rsvp", {"attending": "yes"}).status_code == 404
    assert facilitator_client.get("/meetings/999/edit").status_code == 404


def test_member_gets_403_on_every_meeting_editing_endpoint(facilitator_client, member_client):
    meeting = plan(facilitator_client)
    assert member_client.get("/meetings/new").status_code == 403
    assert member_client.post("/meetings/new", meeting_form(title="Kapret")).status_code == 403
    assert member_client.get(f"/meetings/{meeting.id}/edit").status_code == 403
    assert member_client.post(f"/meetings/{meeting.id}/edit", meeting_form(title="Kapret")).status_code == 403
    assert member_client.post(f"/meetings/{meeting.id}/notes-thread").status_code == 403
    assert db.session.scalar(select(func.count(Meeting.id)).where(Meeting.title == "Kapret")) == 0
    db.session.refresh(meeting)
    assert meeting.notes_thread_id is None


def test_anonymous_is_sent_to_login(client, facilitator_client):
    meeting = plan(facilitator_client)
    for url in ("/meetings", f"/meetings/{meeting.id}", f"/meetings/{meeting.id}.ics", "/meetings/new", "/calendar"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_notes_thread_is_created_pinned_and_linked(facilitator_client, member_client):
    meeting = plan(facilitator_client)
    response = facilitator_client.post(f"/meetings/{meeting.id}/notes-thread")
    assert response.status_code == 302
    db.session.refresh(meeting)
    thread = db.session.get(Thread, meeting.notes_thread_id)
    assert thread.pinned
    assert f"/meetings/{meeting.id}" in thread_first_post_source(thread)
    assert str(FUTURE.year) in thread.title
    # a second time is refused, nothing new
    facilitator_client.post(f"/meetings/{meeting.id}/notes-thread")
    assert db.session.scalar(select(func.count(Thread.id))) == 1
    page = member_client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert f"/threads/{thread.id}" in page


def thread_first_post_source(thread):
    from forum.threads.models import Post

    return db.session.scalar(select(Post.body_source).where(Post.thread_id == thread.id, Post.number == 1))


def test_single_meeting_ics_parses(facilitator_client, member_client):
    meeting = plan(facilitator_client)
    response = member_client.get(f"/meetings/{meeting.id}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    event = calendar.walk("VEVENT")[0]
    start = event.decoded("DTSTART")
    assert str(start.tzinfo) == "Europe/Copenhagen" and (start.hour, start.minute) == (10, 0)
    assert event.decoded("DTEND").strftime("%H:%M") == "15:30"
    assert "Byrådssalen" in str(event["LOCATION"])


def test_dashboard_shows_next_meeting_with_own_answer(facilitator_client, member_client):
    meeting = plan(facilitator_client)
    assert "Du har ikke svaret endnu" in member_client.get("/").get_data(as_text=True)
    member_client.post(f"/meetings/{meeting.id}/rsvp", {"attending": "yes"})
    page = member_client.get("/").get_data(as_text=True)
    assert "Netværksmøde i Vejle" in page and "Du har sagt ja" in page


def test_export_contains_rsvps(facilitator_client, member_client):
    meeting = plan(facilitator_client)
    member_client.post(f"/meetings/{meeting.id}/rsvp", {"attending": "yes"})
    data = member_client.get("/profile/export").get_json()
    assert data["meeting_rsvps"][0]["meeting_id"] == meeting.id and data["meeting_rsvps"][0]["attending"] is True


def test_past_meeting_takes_no_rsvp(facilitator_client, member_client):
    meeting = plan(facilitator_client, date=(date.today() - timedelta(days=3)).isoformat())
    member_client.post(f"/meetings/{meeting.id}/rsvp", {"attending": "yes"})
    assert db.session.scalar(select(func.count(Rsvp.id))) == 0
    assert "ikke længere åbent" in member_client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
