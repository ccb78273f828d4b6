"""Use cases for meetings and RSVPs. Each function is one transaction; the caller commits
only where a function says so."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from forum.extensions import db
from forum.markup import render_markdown
from forum.meetings.models import STATUSES, Meeting, Rsvp
from forum.members.models import Member, Organization
from forum.moderation import audit
from forum.permissions.meetings import can_rsvp, visible_meetings

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
AGENDA_MAX = 20_000


class MeetingError(Exception):
    """A rule refuses the change; str(error) is the message to show."""


@dataclass
class MeetingData:
    """What a facilitator types into the meeting form, already shaped by the form."""

    title: str
    date: date
    starts: time
    ends: time
    host_organization: str = ""
    address: str = ""
    room: str = ""
    agenda: str = ""
    status: str = "planned"


def today_in_copenhagen(now: datetime | None = None) -> date:
    return (now or datetime.now(UTC)).astimezone(COPENHAGEN).date()


def starts_at(meeting: Meeting) -> datetime:
    """The meeting's start as an aware datetime in Copenhagen."""
    return datetime.combine(meeting.date, meeting.starts, tzinfo=COPENHAGEN)


def ends_at(meeting: Meeting) -> datetime:
    return datetime.combine(meeting.date, meeting.ends, tzinfo=COPENHAGEN)


# --- reading ----------------------------------------------------------------------------

def _with_host(query):
    # Pages show each meeting's host organization's name: loaded with the meetings, not one by one.
    return query.options(joinedload(Meeting.host_organization))


def visible_meeting(member, meeting_id: int) -> Meeting | None:
    return db.session.scalar(_with_host(visible_meetings(member)).where(Meeting.id == meeting_id))


def upcoming_meetings(member, today: date | None = None, limit: int | None = None) -> list[Meeting]:
    today = today or today_in_copenhagen()
    query = _with_host(visible_meetings(member)).where(Meeting.date >= today).order_by(
        Meeting.date, Meeting.starts, Meeting.id)
    if limit:
        query = query.limit(limit)
    return list(db.session.scalars(query))


def past_meetings(member, today: date | None = None) -> list[Meeting]:
    today = today or today_in_copenhagen()
    query = _with_host(visible_meetings(member)).where(Meeting.date < today).order_by(
        Meeting.date.desc(), Meeting.id.desc())
    return list(db.session.scalars(query))


def next_meeting(member, today: date | None = None) -> Meeting | None:
    today = today or today_in_copenhagen()
    return db.session.scalar(
        _with_host(visible_meetings(member))
        .where(Meeting.date >= today, Meeting.status == "planned")
        .order_by(Meeting.date, Meeting.starts, Meeting.id)
        .limit(1)
    )


def own_rsvp(meeting: Meeting, member: Member) -> Rsvp | None:
    return db.session.scalar(select(Rsvp).where(Rsvp.meeting_id == meeting.id, Rsvp.member_id == member.id))


def own_rsvps(member: Member, meetings: list[Meeting]) -> dict[int, bool]:
    """{meeting id: attending} for the member's answers to `meetings`, in one query."""
    ids = [meeting.id for meeting in meetings]
    if not ids:
        return {}
    rows = db.session.execute(
        select(Rsvp.meeting_id, Rsvp.attending).where(Rsvp.member_id == member.id, Rsvp.meeting_id.in_(ids))
    )
    return dict(rows.all())


def rsvp_counts(meetings: list[Meeting]) -> dict[int, tuple[int, int]]:
    """{meeting id: (yes, no)} in one query."""
    ids = [meeting.id for meeting in meetings]
    counts = {meeting_id: (0, 0) for meeting_id in ids}
    if not ids:
        return counts
    rows = db.session.execute(
        select(Rsvp.meeting_id, Rsvp.attending, func.count(Rsvp.id))
        .where(Rsvp.meeting_id.in_(ids))
        .group_by(Rsvp.meeting_id, Rsvp.attending)
    )
    for meeting_id, attending, count in rows:
        yes, no = counts[meeting_id]
        counts[meeting_id] = (yes + count, no) if attending else (yes, no + count)
    return counts


def answers(meeting: Meeting) -> tuple[list[Member], list[Member]]:
    """(attending, not attending) members with their organizations, by name."""
    rows = db.session.execute(
        select(Rsvp.attending, Member)
        .join(Member, Rsvp.member_id == Member.id)
        .where(Rsvp.meeting_id == meeting.id, Member.active.is_(True))
        .order_by(Member.name, Member.id)
    ).all()
    return [m for attending, m in rows if attending], [m for attending, m in rows if not attending]


# --- writing ----------------------------------------------------------------------------

def _host(name: str) -> tuple[int | None, str]:
    """A member organization when one has this name, else free text."""
    name = " ".join(name.split())
    if not name:
        return None, ""
    organization = db.session.scalar(select(Organization).where(func.lower(Organization.name) == name.lower()))
    return (organization.id, organization.name) if organization else (None, name)


def _apply(meeting: Meeting, data: MeetingData) -> None:
    title = " ".join(data.title.split())
    if not title:
        raise MeetingError(_l("Mødet skal have en titel."))
    if data.ends <= data.starts:
        raise MeetingError(_l("Mødet skal slutte efter, det er begyndt."))
    if data.status not in STATUSES:
        raise MeetingError(_l("Ukendt status."))
    agenda = (data.agenda or "").replace("\r\n", "\n").replace("\x00", "")
    if len(agenda) > AGENDA_MAX:
        raise MeetingError(_l("Dagsordenen må højst være %(max)d tegn.", max=AGENDA_MAX))
    meeting.title = title[:200]
    meeting.date = data.date
    meeting.starts, meeting.ends = data.starts, data.ends
    meeting.host_organization_id, meeting.host_name = _host(data.host_organization)
    meeting.address = " ".join(data.address.split())[:300]
    meeting.room = " ".join(data.room.split())[:200]
    meeting.agenda_source = agenda
    meeting.agenda_html = render_markdown(agenda) if agenda.strip() else ""
    meeting.status = data.status
    meeting.updated_at = datetime.now(UTC)


def build_meeting(data: MeetingData, created_by: Member | None = None) -> Meeting:
    """A new meeting added to the session and flushed; the caller commits (demo data, tests)."""
    meeting = Meeting(created_by_id=created_by.id if created_by else None)
    _apply(meeting, data)
    db.session.add(meeting)
    db.session.flush()
    return meeting


def plan_meeting(actor: Member, data: MeetingData) -> Meeting:
    """Create a meeting and commit."""
    meeting = build_meeting(data, actor)
    audit.record(actor, "meeting_plan", "meeting", meeting.id, meeting.title)
    db.session.commit()
    return meeting


def update_meeting(meeting: Meeting, actor: Member, data: MeetingData) -> Meeting:
    """Change a meeting and commit."""
    _apply(meeting, data)
    audit.record(actor, "meeting_edit", "meeting", meeting.id, f"{meeting.title} ({meeting.status})")
    db.session.commit()
    return meeting


def answer(meeting: Meeting, member: Member, attending: bool) -> Rsvp:
    """Record or change the member's RSVP and commit."""
    if not can_rsvp(member, meeting) or meeting.date < today_in_copenhagen():
        raise MeetingError(_l("Du kan kun svare på et møde, der er planlagt og ikke holdt endnu."))
    rsvp = own_rsvp(meeting, member)
    if rsvp is None:
        rsvp = Rsvp(meeting_id=meeting.id, member_id=member.id, attending=attending)
        db.session.add(rsvp)
    else:
        rsvp.attending = attending
        rsvp.answered_at = datetime.now(UTC)
    db.session.commit()
    return rsvp


def rsvps_of(member: Member) -> list[dict]:
    """The member's RSVPs for the data export."""
    rows = db.session.execute(
        select(Rsvp, Meeting).join(Meeting, Rsvp.meeting_id == Meeting.id)
        .where(Rsvp.member_id == member.id).order_by(Meeting.date, Meeting.id)
    ).all()
    return [
        {"meeting_id": meeting.id, "meeting": meeting.title, "date": meeting.date.isoformat(),
         "attending": rsvp.attending, "answered_at": rsvp.answered_at.isoformat()}
        for rsvp, meeting in rows
    ]
