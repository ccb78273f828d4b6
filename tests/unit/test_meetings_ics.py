"""iCalendar output parses back with the icalendar package, in Copenhagen time."""
from datetime import UTC, date, datetime, time

from icalendar import Calendar

from forum.meetings.ics import calendar_bytes
from forum.meetings.models import Meeting


def meeting(**fields) -> Meeting:
    values = {"id": 7, "title": "Netværksmøde", "date": date(2027, 6, 8), "starts": time(10), "ends": time(15, 30),
              "host_name": "Aalborg Kommune", "address": "Boulevarden 13, 9000 Aalborg", "room": "Salen",
              "agenda_source": "- Velkommen\n- Spredning i praksis", "status": "planned",
              "updated_at": datetime(2026, 11, 1, tzinfo=UTC)}
    values.update(fields)
    return Meeting(**values)


def parse(*meetings):
    return Calendar.from_ical(calendar_bytes(meetings, lambda m: f"https://forum.example/meetings/{m.id}", "Møder"))


def test_event_in_copenhagen_summer_time():
    calendar = parse(meeting())
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Copenhagen"
    (event,) = calendar.walk("VEVENT")
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert str(start.tzinfo) == "Europe/Copenhagen" and start.hour == 10
    assert start.astimezone(UTC).hour == 8  # CEST is UTC+2 in June
    assert (end - start).seconds == 5.5 * 3600
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert str(event["UID"]) == "meeting-7@spredningsnetvaerket.dk"
    assert "Salen" in str(event["LOCATION"]) and "Boulevarden 13" in str(event["LOCATION"])
    assert "https://forum.example/meetings/7" in str(event["DESCRIPTION"])
    assert str(event["STATUS"]) == "CONFIRMED"


def test_winter_meeting_and_cancelled_status():
    calendar = parse(meeting(id=1, date=date(2027, 2, 1), status="cancelled"), meeting(id=2))
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    first = events["meeting-1@spredningsnetvaerket.dk"]
    assert first.decoded("DTSTART").astimezone(UTC).hour == 9  # CET is UTC+1 in February
    assert str(first["STATUS"]) == "CANCELLED"
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_empty_feed_is_still_a_calendar():
    calendar = parse()
    assert calendar.walk("VEVENT") == []
    assert str(calendar["VERSION"]) == "2.0"
