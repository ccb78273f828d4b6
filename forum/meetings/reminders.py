"""Meeting reminders a week before: queued by `flask --app wsgi mail schedule`.

Run the command daily (cron or a systemd timer). A member who said yes, or has not
answered, gets one reminder per meeting, queued when the meeting is at most
REMIND_DAYS_BEFORE days ahead; the MeetingReminder row makes a second run a no-op.
"""
from __future__ import annotations

from contextlib import nullcontext
from datetime import date, timedelta

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from forum.extensions import db
from forum.i18n import format_date
from forum.meetings.models import Meeting, MeetingReminder, Rsvp
from forum.meetings.service import today_in_copenhagen
from forum.members.models import Member
from forum.members.service import may_log_in
from forum.notify.links import base_url
from forum.notify.outbox import notify, queue_mail

REMIND_DAYS_BEFORE = 7


def meetings_due(today: date) -> list[Meeting]:
    return list(db.session.scalars(
        select(Meeting)
        .where(Meeting.status == "planned", Meeting.date > today,
               Meeting.date <= today + timedelta(days=REMIND_DAYS_BEFORE))
        .order_by(Meeting.date, Meeting.id)
    ))


def recipients(meeting: Meeting, today: date) -> list[tuple[Member, bool | None]]:
    """(member, their answer or None) for members to remind who have not been reminded yet."""
    answered = dict(db.session.execute(
        select(Rsvp.member_id, Rsvp.attending).where(Rsvp.meeting_id == meeting.id)
    ).all())
    reminded = set(db.session.scalars(
        select(MeetingReminder.member_id).where(MeetingReminder.meeting_id == meeting.id)
    ))
    members = db.session.scalars(select(Member).where(Member.active.is_(True)).order_by(Member.id))
    result = []
    for member in members:
        answer = answered.get(member.id)
        if member.id in reminded or answer is False or not may_log_in(member, today):
            continue
        result.append((member, answer))
    return result


def queue_meeting_reminders(today: date | None = None) -> int:
    """Queue the reminders that are due and commit; returns how many were queued."""
    today = today or today_in_copenhagen()
    # The command runs outside a request: links in the mail are built against FORUM_BASE_URL.
    context = nullcontext() if has_request_context() else current_app.test_request_context("/", base_url=base_url())
    with context:
        queued = _queue(today)
    db.session.commit()
    return queued


def _queue(today: date) -> int:
    queued = 0
    for meeting in meetings_due(today):
        link = url_for("meetings.show", meeting_id=meeting.id, _external=True)
        for member, answer in recipients(meeting, today):
            queue_mail(member, "meeting_reminder", meeting=meeting, answer=answer, link=link,
                       ics_link=url_for("meetings.ics", meeting_id=meeting.id, _external=True))
            with force_locale(member.language):
                text = _("Påmindelse: %(title)s %(date)s", title=meeting.title,
                         date=format_date(meeting.date, "long"))
            notify(member, "meeting_reminder", text, url_for("meetings.show", meeting_id=meeting.id))
            db.session.add(MeetingReminder(meeting_id=meeting.id, member_id=member.id))
            queued += 1
    return queued
