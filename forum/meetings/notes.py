"""The notes thread of a meeting: a normal, pinned thread that carries the meeting's date and link."""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from forum.extensions import db
from forum.i18n import format_date
from forum.meetings.models import Meeting
from forum.meetings.service import MeetingError
from forum.members.models import Member
from forum.moderation import audit, pin
from forum.threads.service import start_thread


def notes_title(meeting: Meeting) -> str:
    return _("Noter fra netværksmødet %(date)s: %(title)s", date=format_date(meeting.date, "long"),
             title=meeting.title)[:200]


def notes_body(meeting: Meeting, meeting_url: str) -> str:
    lines = [
        _("Netværksmødet **%(title)s** holdes %(date)s kl. %(starts)s–%(ends)s.", title=meeting.title,
          date=format_date(meeting.date, "full"), starts=meeting.starts.strftime("%H:%M"),
          ends=meeting.ends.strftime("%H:%M")),
    ]
    if meeting.host:
        lines.append(_("Vært: %(host)s.", host=meeting.host))
    lines += [
        "",
        f"[{_('Mødet med dagsorden og tilmeldinger')}]({meeting_url})",
        "",
        _("Del noter, billeder af tavlerne og jeres opfølgning som svar i denne tråd."),
    ]
    return "\n".join(lines)


def create_notes_thread(meeting: Meeting, actor: Member, meeting_url: str):
    """Start the meeting's notes thread, pin it and link it from the meeting."""
    if meeting.notes_thread_id is not None:
        raise MeetingError(_l("Mødet har allerede en notetråd."))
    thread = start_thread(actor, notes_title(meeting), notes_body(meeting, meeting_url))
    # start_thread commits the thread; linking and pinning it is the second transaction.
    meeting.notes_thread_id = thread.id
    audit.record(actor, "meeting_notes_thread", "meeting", meeting.id, thread.title)
    pin.pin(thread, actor, reason=f"notes of meeting {meeting.id}")
    db.session.commit()
    return thread
