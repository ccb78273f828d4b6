"""The login page tells a suspended member why, and until when."""
from datetime import UTC, date, datetime, timedelta

from forum.members.service import login_refusal
from forum.moderation.suspend import INDEFINITE


def test_a_suspension_until_lifted_names_no_date(app, member):
    member.suspended_until = INDEFINITE
    member.suspension_reason = "Delte fortrolige oplysninger"
    message = login_refusal(member, date.today())
    assert "indtil netværkets tovholdere ophæver suspensionen" in message
    assert "9999" not in message
    assert "Delte fortrolige oplysninger" in message


def test_a_suspension_with_an_end_names_the_day(app, member):
    member.suspended_until = datetime.now(UTC) + timedelta(days=10)
    message = login_refusal(member, date.today())
    assert "suspenderet indtil" in message
    assert str(member.suspended_until.year) in message
