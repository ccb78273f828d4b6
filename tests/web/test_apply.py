"""The public application form at /apply: window, fields, duplicates, rate limit, CSRF."""
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from forum.extensions import db
from forum.members.applications import Application
from forum.notify.models import Notification, OutboxMail

THIS_MONTH = datetime.now(UTC).astimezone(ZoneInfo("Europe/Copenhagen")).month
OTHER_MONTH = THIS_MONTH % 12 + 1

FORM = {"name": "Nina Nielsen", "email": "nina@odense.dk", "organization": "Odense Kommune",
        "title": "Innovationskonsulent", "motivation": "Jeg vil dele vores erfaringer med velfærdsteknologi.",
        "commitment": "y"}


@pytest.fixture
def window_open(app):
    app.config["ADMISSION_MONTHS"] = [THIS_MONTH]


@pytest.fixture
def window_closed(app):
    app.config["ADMISSION_MONTHS"] = [OTHER_MONTH]


def count() -> int:
    return db.session.scalar(select(func.count(Application.id)))


def test_open_form_tells_price_and_commitment(client, window_open):
    page = client.get("/apply").get_data(as_text=True)
    for text in ("4.000,00 kr.", "2.500,00 kr.", "25 % moms", "Transport betaler du selv", "Forberedelse",
                 "bindende for et år", "ikke penge retur ved fravær", 'name="motivation"', 'name="commitment"'):
        assert text in page, text


def test_apply_in_window(client, window_open, facilitator):
    response = client.post("/apply", FORM)
    assert response.status_code == 302
    row = db.session.scalar(select(Application))
    assert (row.name, row.email, row.organization_name, row.status) == ("Nina Nielsen", "nina@odense.dk",
                                                                         "Odense Kommune", "pending")
    assert "Tak for din ansøgning" in client.get(response.headers["Location"]).get_data(as_text=True)
    assert db.session.scalar(select(OutboxMail).where(OutboxMail.recipient == "nina@odense.dk")) is not None
    assert db.session.scalar(select(Notification).where(Notification.member_id == facilitator.id)) is not None


def test_closed_window_says_when_it_opens_and_creates_nothing(client, window_closed):
    page = client.get("/apply").get_data(as_text=True)
    assert "lukket for optagelse" in page and 'name="motivation"' not in page
    assert "1. " in page  # the first day of the next admission month
    response = client.post("/apply", FORM)
    assert response.status_code == 403
    assert count() == 0


def test_duplicate_pending_application_is_refused_clearly(client, window_open):
    client.post("/apply", FORM)
    response = client.post("/apply", {**FORM, "email": "NINA@odense.dk"})
    assert response.status_code == 422
    assert "venter på behandling" in response.get_data(as_text=True)
    assert count() == 1


@pytest.mark.parametrize("bad", [
    {"commitment": ""}, {"email": "ikke-en-mail"}, {"name": ""}, {"motivation": "kort"},
    {"name": "x" * 5000}, {"motivation": "y" * 6000}, {"organization": ""},
])
def test_bad_input_is_422_and_creates_nothing(client, window_open, bad):
    response = client.post("/apply", {**FORM, **bad})
    assert response.status_code == 422
    assert count() == 0


def test_missing_csrf_is_400(client, window_open):
    client.get("/apply")
    assert client.post("/apply", FORM, csrf=False).status_code == 400
    assert count() == 0


def test_posts_are_rate_limited(client, window_open):
    statuses = [client.post("/apply", {**FORM, "email": f"n{i}@odense.dk"}).status_code for i in range(12)]
    assert statuses[:10] == [302] * 10 and statuses[10:] == [429, 429]
    assert count() == 10


# --- a member renews their own seat --------------------------------------------------------

@pytest.fixture(autouse=True)
def one_login_per_client(app):
    """Each request starts with an empty `g`, as on a real server (see test_meetings_pages)."""
    from flask import g, request_started

    def forget(sender, **extra):
        g.__dict__.clear()

    request_started.connect(forget, app)
    yield
    request_started.disconnect(forget, app)


def test_member_renews_own_seat_bindingly(member_client, member):
    from forum.members.models import Membership
    from forum.moderation.models import AuditEntry

    next_year = datetime.now(UTC).astimezone(ZoneInfo("Europe/Copenhagen")).year + 1
    page = member_client.get("/membership").get_data(as_text=True)
    assert f"Forny mit medlemskab for {next_year}" in page and "bindende" in page
    assert member_client.post("/membership", {}).status_code == 422
    assert member_client.post("/membership", {"commitment": "y"}, csrf=False).status_code == 400
    assert db.session.scalar(select(func.count(Membership.id)).where(Membership.year == next_year)) == 0
    assert member_client.post("/membership", {"commitment": "y"}).status_code == 302
    db.session.refresh(member)
    assert [m.year for m in member.memberships][-1] == next_year
    assert db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "membership_renew")) == 1
    assert "fornyet" in member_client.get("/membership").get_data(as_text=True)


def test_self_renewal_obeys_three_seats(make_client, app):
    from forum.members.models import Membership
    from forum.members.service import add_membership
    from tests import factories

    next_year = datetime.now(UTC).astimezone(ZoneInfo("Europe/Copenhagen")).year + 1
    others = [factories.make_member(email=f"m{n}@aarhus.dk", organization="Aarhus Kommune") for n in range(2)]
    colleague = factories.make_member(email="c@aarhus.dk", organization="Aarhus Kommune")
    for other in others:
        add_membership(other, next_year)
    newcomer = factories.make_member(email="x@aarhus.dk", organization="Ny Kommune")
    newcomer.organization = colleague.organization  # moves job: takes Aarhus' third seat next year
    add_membership(newcomer, next_year)
    db.session.commit()
    client = make_client(colleague)
    response = client.post("/membership", {"commitment": "y"}, follow_redirects=True)
    assert "har allerede 3 medlemmer" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Membership.id)).where(Membership.member_id == colleague.id)) == 1
