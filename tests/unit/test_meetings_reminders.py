"""Reminders a week before: to members who said yes and to those who have not answered, once."""
from datetime import date, time, timedelta

from sqlalchemy import func, select

from forum.extensions import db
from forum.meetings.models import Meeting, Rsvp
from forum.meetings.reminders import queue_meeting_reminders
from forum.notify.models import OutboxMail
from tests import factories

TODAY = date.today()


def meeting(days_ahead: int, status: str = "planned") -> Meeting:
    row = Meeting(title=f"Møde om {days_ahead} dage", date=TODAY + timedelta(days=days_ahead), starts=time(10),
                  ends=time(15, 30), host_name="INSP!", address="Roskilde", room="", agenda_source="",
                  agenda_html="", status=status)
    db.session.add(row)
    db.session.commit()
    return row


def mails_to(email: str) -> list[OutboxMail]:
    return list(db.session.scalars(select(OutboxMail).where(OutboxMail.recipient == email)))


def test_reminds_yes_and_unanswered_once(app):
    yes = factories.make_member(email="yes@aarhus.dk", name="Ja Jensen", organization="Aarhus Kommune")
    no = factories.make_member(email="no@vejle.dk", name="Nej Nielsen", organization="Vejle Kommune")
    silent = factories.make_member(email="silent@rm.dk", name="Tavs Thomsen", organization="Region Midtjylland")
    gone = factories.make_member(email="gone@rm.dk", name="Væk Vang", organization="Region Midtjylland")
    gone.active = False
    soon = meeting(7)
    db.session.add_all([Rsvp(meeting_id=soon.id, member_id=yes.id, attending=True),
                        Rsvp(meeting_id=soon.id, member_id=no.id, attending=False)])
    db.session.commit()
    assert queue_meeting_reminders(TODAY) == 2
    assert len(mails_to(yes.email)) == 1 and len(mails_to(silent.email)) == 1
    assert mails_to(no.email) == [] and mails_to(gone.email) == []
    assert "Møde om 7 dage" in mails_to(yes.email)[0].subject
    assert f"/meetings/{soon.id}" in mails_to(silent.email)[0].body_text
    assert "ikke fået dit svar" in mails_to(silent.email)[0].body_text
    # the schedule runs daily: nobody is reminded twice
    assert queue_meeting_reminders(TODAY) == 0
    assert queue_meeting_reminders(TODAY + timedelta(days=1)) == 0


def test_only_meetings_within_a_week_and_planned(app):
    factories.make_member(email="a@aarhus.dk", organization="Aarhus Kommune")
    meeting(8)
    meeting(3, status="cancelled")
    meeting(0)
    meeting(-2)
    assert queue_meeting_reminders(TODAY) == 0
    assert db.session.scalar(select(func.count(OutboxMail.id))) == 0


def test_schedule_command(app):
    factories.make_member(email="a@aarhus.dk", organization="Aarhus Kommune")
    meeting(5)
    result = app.test_cli_runner().invoke(args=["mail", "schedule"])
    assert result.exit_code == 0, result.output
    assert "1 meeting reminders queued" in result.output
    assert "http://" in mails_to("a@aarhus.dk")[0].body_text
