"""Who may see, plan and edit meetings."""
from __future__ import annotations

from sqlalchemy import Select, select

from forum.meetings.models import Meeting


def _signed_in(member) -> bool:
    return bool(member is not None and getattr(member, "is_authenticated", False))


def can_manage_meetings(member) -> bool:
    """Facilitators (and admins) plan and edit meetings and create their notes threads."""
    return _signed_in(member) and bool(member.is_facilitator)


def can_rsvp(member, meeting: Meeting) -> bool:
    """Every member answers for a meeting that is still planned."""
    return _signed_in(member) and meeting.status == "planned"


def visible_meetings(member) -> Select:
    """The whole programme is open to every member; cancelled meetings stay listed as such."""
    if not _signed_in(member):
        return select(Meeting).where(Meeting.id.is_(None))
    return select(Meeting)
