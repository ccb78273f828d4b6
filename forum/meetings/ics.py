"""Meetings as iCalendar (RFC 5545) with a VTIMEZONE for Europe/Copenhagen."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime

from icalendar import Calendar, Event

from forum.meetings.models import Meeting
from forum.meetings.service import ends_at, starts_at

PRODID = "-//Center for Offentlig Innovation//Spredningsnetvaerket//DA"
UID_DOMAIN = "spredningsnetvaerket.dk"
STATUS = {"planned": "CONFIRMED", "held": "CONFIRMED", "cancelled": "CANCELLED"}


def location_of(meeting: Meeting) -> str:
    return ", ".join(part for part in (meeting.host, meeting.room, meeting.address) if part)


def _event(meeting: Meeting, url: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", starts_at(meeting))
    event.add("dtend", ends_at(meeting))
    event.add("summary", meeting.title)
    location = location_of(meeting)
    if location:
        event.add("location", location)
    description = "\n\n".join(part for part in (meeting.agenda_source.strip(), url) if part)
    event.add("description", description)
    event.add("url", url)
    event.add("status", STATUS.get(meeting.status, "CONFIRMED"))
    event.add("last-modified", meeting.updated_at.astimezone(UTC))
    # Outlook and Google replace an event they know by UID only when the sequence grows.
    event.add("sequence", int(meeting.updated_at.timestamp()) // 60 % 2_000_000_000)
    return event


def calendar_bytes(meetings: Iterable[Meeting], url_for_meeting: Callable[[Meeting], str], name: str) -> bytes:
    """One VCALENDAR with a VEVENT per meeting and the VTIMEZONE its times refer to."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Copenhagen")
    stamp = datetime.now(UTC).replace(microsecond=0)
    meetings = list(meetings)
    for meeting in meetings:
        calendar.add_component(_event(meeting, url_for_meeting(meeting), stamp))
    if meetings:
        first = min(meeting.date for meeting in meetings)
        last = max(meeting.date for meeting in meetings)
        calendar.add_missing_timezones(first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1))
    return calendar.to_ical()
