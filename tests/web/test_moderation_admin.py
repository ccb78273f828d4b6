"""Suspensions, the audit log page and CSV, the thread tools page (test client)."""
from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from flask import g
from sqlalchemy import select

from forum.extensions import db
from forum.moderation import audit
from forum.moderation.models import AuditEntry
from forum.moderation.suspend import INDEFINITE
from forum.threads.models import Post
from tests.conftest import FormClient
from tests.factories import PASSWORD, make_reply, make_thread


@pytest.fixture(autouse=True)
def _one_csrf_token_per_client(app):
    # See tests/web/test_moderation.py: `g` outlives requests in these tests.
    @app.before_request
    def _forget_cached_user_and_token():
        g.pop("csrf_token", None)
        g.pop("_login_user", None)


def test_suspend_until_a_date_then_lift(app, make_client, facilitator, member, other_member):
    thread = make_thread(member, title="Alices tråd", body="Alices indlæg bliver stående")
    moderator = make_client(facilitator)
    victim = make_client(member)
    until = date.today() + timedelta(days=10)
    response = moderator.post("/moderation/suspensions", {
        "member": member.id, "reason": "Gentagne personangreb", "until": until.isoformat()})
    assert response.status_code == 302
    db.session.expire_all()
    assert member.suspended_until is not None and member.suspension_reason == "Gentagne personangreb"

    # An open session ends at the next request.
    assert victim.get("/").status_code == 302
    fresh = FormClient(app.test_client())
    fresh.get("/login")
    page = fresh.post("/login", {"email": member.email, "password": PASSWORD}).get_data(as_text=True)
    assert "suspenderet" in page and "Gentagne personangreb" in page

    # Their content stays for others.
    reader = make_client(other_member)
    assert "Alices indlæg bliver stående" in reader.get(f"/threads/{thread.id}").get_data(as_text=True)

    listing = moderator.get("/moderation/suspensions").get_data(as_text=True)
    assert "Gentagne personangreb" in listing
    assert moderator.post(f"/moderation/suspensions/{member.id}/lift").status_code == 302
    db.session.expire_all()
    assert member.suspended_until is None
    FormClient(app.test_client()).login(member.email)
    actions = list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
    assert actions[-2:] == ["suspend_member", "lift_suspension"]


def test_suspend_until_lifted(make_client, facilitator, member):
    moderator = make_client(facilitator)
    moderator.post("/moderation/suspensions", {"member": member.id, "reason": "Indtil videre"})
    db.session.expire_all()
    assert member.suspended_until == INDEFINITE
    assert "Når en tovholder ophæver det" in moderator.get("/moderation/suspensions").get_data(as_text=True)


def test_suspension_refusals(facilitator_client, facilitator, admin, member):
    bad = [
        {"member": member.id, "reason": ""},
        {"member": member.id, "reason": "x", "until": (date.today() - timedelta(days=1)).isoformat()},
        {"member": member.id, "reason": "x", "until": "not-a-date"},
        {"member": admin.id, "reason": "x"},
        {"member": facilitator.id, "reason": "x"},
        {"member": 999999, "reason": "x"},
        {"member": member.id, "reason": "x" * 600},
    ]
    for data in bad:
        response = facilitator_client.post("/moderation/suspensions", data)
        assert response.status_code in (200, 422), data
    db.session.expire_all()
    assert member.suspended_until is None and admin.suspended_until is None
    assert facilitator_client.post(f"/moderation/suspensions/{member.id}/lift", follow_redirects=True).status_code == 200


def test_audit_page_filters_and_csv(facilitator_client, facilitator, admin, member):
    audit.record(facilitator, "hide_post", "post", 7, "Upassende")
    audit.record(admin, "approve_application", "application", 3, "=HYPERLINK(\"x\")")
    old = audit.record(facilitator, "pin", "thread", 1, "Gammel")
    db.session.flush()
    old.created_at = old.created_at - timedelta(days=40)
    db.session.commit()

    page = facilitator_client.get("/moderation/audit").get_data(as_text=True)
    # Known actions in words, an unknown code as it is; the filter still takes the code.
    assert "<td>Skjulte indlæg</td>" in page and "<td>Fastgjorde tråd</td>" in page and "Indlæg 7" in page
    assert "approve_application" in page and "Gammel" in page
    only_hide = facilitator_client.get("/moderation/audit?action=hide_post").get_data(as_text=True)
    assert "Upassende" in only_hide and "approve_application</td>" not in only_hide
    assert '<option value="hide_post" selected>Skjulte indlæg</option>' in only_hide
    by_admin = facilitator_client.get(f"/moderation/audit?actor={admin.id}").get_data(as_text=True)
    assert "approve_application</td>" in by_admin and "Upassende" not in by_admin
    since = (date.today() - timedelta(days=2)).isoformat()
    recent = facilitator_client.get(f"/moderation/audit?since={since}").get_data(as_text=True)
    assert "Gammel" not in recent and "Upassende" in recent
    for junk in ("?since=2026-99-99", "?actor=abc", "?page=-5", "?action=" + "x" * 500, "?until=%00"):
        assert facilitator_client.get("/moderation/audit" + junk).status_code == 200

    response = facilitator_client.get("/moderation/audit.csv?action=approve_application")
    assert response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:4] == ["time_utc", "actor_id", "actor", "action"]
    assert len(rows) == 2 and rows[1][3] == "approve_application"
    assert rows[1][6].startswith("'=")  # no formula injection into spreadsheets


def test_thread_tools_page_and_split_through_the_web(facilitator_client, member, other_member):
    thread = make_thread(member, title="Stor tråd", body="Start")
    reply = make_reply(thread, other_member, body="Et sidespor om parkering")
    page = facilitator_client.get(f"/moderation/threads/{thread.id}").get_data(as_text=True)
    assert "Et sidespor om parkering" in page
    response = facilitator_client.post(f"/threads/{thread.id}/split", {"posts": [reply.id], "title": "Parkering"})
    assert response.status_code == 302
    db.session.expire_all()
    moved = db.session.get(Post, reply.id)
    assert moved.thread_id != thread.id and moved.number == 1
    bad = facilitator_client.post(f"/threads/{thread.id}/merge", {"target": 99999999}, follow_redirects=True)
    assert "Der findes ingen tråd" in bad.get_data(as_text=True)


def test_dashboard_panel_counts_flagged_posts_for_facilitators_only(make_client, facilitator, member, other_member):
    thread = make_thread(member, title="T", body="Start")
    reply = make_reply(thread, other_member, body="Svar")
    reporter = make_client(member)
    reporter.post(f"/posts/{reply.id}/flag", {"reason": "Spam"})
    assert "anmeldt indlæg venter" not in reporter.get("/").get_data(as_text=True)
    assert "1 anmeldt indlæg venter" in make_client(facilitator).get("/").get_data(as_text=True)
