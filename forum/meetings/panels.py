"""What the meetings domain adds to the dashboard and the member's data export."""
from __future__ import annotations

from forum.meetings import service
from forum.members.models import Member

DASHBOARD_TEMPLATE = "meetings/_dashboard_panel.html"


def next_meeting_panel(member: Member) -> dict:
    meeting = service.next_meeting(member)
    rsvp = service.own_rsvp(meeting, member) if meeting else None
    return {"meeting": meeting, "attending": None if rsvp is None else rsvp.attending}


def rsvp_export(member: Member) -> tuple[str, list[dict]]:
    return "meeting_rsvps", service.rsvps_of(member)
