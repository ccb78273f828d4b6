"""A facilitator plans a meeting, a member RSVPs, the facilitator pins the notes thread and it
leads /threads, in Chromium."""
from datetime import date, timedelta

import pytest

from tests import factories

pytestmark = pytest.mark.e2e

MEETING_DAY = date.today() + timedelta(days=30)


def log_out(page):
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_load_state()


def test_plan_rsvp_and_pinned_notes_thread(page, live_server, login, facilitator, member, axe_violations):
    # a facilitator plans a meeting
    login(page, facilitator.email)
    page.goto(live_server.url + "/meetings")
    page.get_by_role("link", name="Planlæg et møde").click()
    page.get_by_label("Titel").fill("Netværksmøde i Vejle")
    page.get_by_label("Dato").fill(MEETING_DAY.isoformat())
    assert page.get_by_label("Starter").input_value() == "10:00"
    assert page.get_by_label("Slutter").input_value() == "15:30"
    page.get_by_label("Vært").fill("Vejle Kommune")
    page.get_by_label("Adresse").fill("Skolegade 1, 7100 Vejle")
    page.get_by_label("Lokale").fill("Byrådssalen")
    page.get_by_label("Dagsorden").fill("## Dagsorden\n\n- Velkommen\n- Spredning i praksis")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Planlæg mødet").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Netværksmøde i Vejle").is_visible()
    meeting_url = page.url
    log_out(page)

    # a member says yes
    login(page, member.email)
    page.goto(meeting_url)
    page.get_by_label("Ja, jeg kommer").check()
    page.get_by_role("button", name="Send svar").click()
    page.wait_for_load_state()
    assert page.get_by_text("Tak, vi har dit svar.").is_visible()
    assert page.get_by_role("heading", name="1 kommer").is_visible()
    assert page.locator(".attendee-list").get_by_text("Alice Andersen").is_visible()
    assert axe_violations(page) == []
    log_out(page)

    # the facilitator creates and pins the notes thread
    login(page, facilitator.email)
    page.goto(meeting_url)
    page.get_by_role("button", name="Opret og fastgør notetråd").click()
    page.wait_for_load_state()
    assert page.get_by_text("Notetråden er oprettet og fastgjort.").is_visible()
    page.get_by_role("link", name="Mødets notetråd").click()
    page.wait_for_load_state()
    assert "Netværksmøde i Vejle" in page.content()

    # newer activity elsewhere does not push the pinned notes thread down
    factories.make_thread(member, title="En helt ny tråd om velfærdsteknologi")
    page.goto(live_server.url + "/threads")
    first = page.locator(".thread-row").first
    assert "is-pinned" in (first.get_attribute("class") or "")
    assert "Noter fra netværksmødet" in first.inner_text()
    assert "Netværksmøde i Vejle" in first.inner_text()
    page.goto(meeting_url)
    page.screenshot(path="/tmp/meetings-e2e.png", full_page=True)


def test_apply_and_admin_pages_are_accessible(page, live_server, login, facilitator, member, axe_violations):
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    live_server.app.config["ADMISSION_MONTHS"] = [datetime.now(UTC).astimezone(ZoneInfo("Europe/Copenhagen")).month]
    page.goto(live_server.url + "/apply")
    assert page.get_by_text("Transport betaler du selv").is_visible()
    assert axe_violations(page) == []
    page.get_by_label("Navn").fill("Nina Nielsen")
    page.get_by_label("E-mail").fill("nina@odense.dk")
    page.get_by_label("Organisation").fill("Odense Kommune")
    page.get_by_label("Hvorfor vil du være med?").fill("Vi vil dele vores erfaringer med velfærdsteknologi.")
    page.get_by_label("Jeg kan afsætte tid", exact=False).check()
    page.get_by_role("button", name="Send ansøgning").click()
    page.wait_for_load_state()
    assert page.get_by_text("Tak for din ansøgning").is_visible()

    login(page, facilitator.email)
    for path in ("/admin", "/admin/applications", "/admin/fees", "/admin/memberships", "/admin/roles"):
        page.goto(live_server.url + path)
        assert axe_violations(page) == [], path
    page.goto(live_server.url + "/admin/applications")
    page.get_by_role("button", name="Godkend og send invitation").click()
    page.wait_for_load_state()
    assert page.get_by_text("Nina Nielsen er optaget").is_visible()
    page.screenshot(path="/tmp/meetings-admin-e2e.png", full_page=True)
