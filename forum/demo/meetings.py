"""Demo meetings: the network's 2017 programme (SPEC §2) moved to the coming programme year,
and one held meeting with its pinned notes thread. Safe to run again."""
from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select

from forum.extensions import db
from forum.meetings.models import Meeting, Rsvp
from forum.meetings.notes import create_notes_thread
from forum.meetings.service import MeetingData, build_meeting, today_in_copenhagen
from forum.members.service import find_member_by_email

FACILITATOR = "majken@coi.dk"

FIRST_AGENDA = """## Dagsorden

- 10.00 Velkommen og kaffe
- 10.30 Hvad er et netværk? Med Nadja Pass fra Borgerlyst
- 12.00 Frokost
- 12.45 Rollen som brobygger mellem netværket og arbejdspladsen
- 14.00 Spredningsguiden som fælles sprog
- 15.00 Aftaler til næste gang
- 15.30 Tak for i dag
"""

AGENDA = """## Dagsorden

- 10.00 Velkommen hos {host}
- 10.15 Værten fortæller: en innovation, der har spredt sig
- 11.00 Arbejde i grupper efter Spredningsguidens faser
- 12.00 Frokost
- 12.45 Sparring på medlemmernes egne spredningsprojekter
- 14.30 Høst: hvad tager vi med hjem?
- 15.30 Tak for i dag
"""

# (month, day, title, host, address, room, agenda)
PROGRAMME = [
    (2, 1, "Rammesættende netværksmøde", "Republikken", "Vesterbrogade 26, København V", "Rummet", FIRST_AGENDA),
    (4, 6, "Netværksmøde hos INSP!", "INSP!", "Roskilde", "", AGENDA.format(host="INSP!")),
    (6, 8, "Netværksmøde i Aalborg", "Aalborg Kommune", "Aalborg", "", AGENDA.format(host="Aalborg Kommune")),
    (9, 20, "Netværksmøde i Vejle", "Vejle Kommune", "Vejle", "", AGENDA.format(host="Vejle Kommune")),
    (11, 17, "Netværksmøde hos IBOS", "IBOS", "Hellerup", "", AGENDA.format(host="IBOS")),
]

HELD_TITLE = "Høst fra året"
HELD_DAYS_AGO = 45


def programme_year(today: date) -> int:
    """The year of the next programme whose first meeting (1 February) is still ahead."""
    return today.year if today < date(today.year, 2, 1) else today.year + 1


def _meeting(title: str, day: date, host: str, address: str, room: str, agenda: str, status: str) -> Meeting:
    existing = db.session.scalar(select(Meeting).where(Meeting.title == title, Meeting.date == day))
    if existing is not None:
        return existing
    return build_meeting(MeetingData(title=title, date=day, starts=time(10), ends=time(15, 30),
                                     host_organization=host, address=address, room=room, agenda=agenda,
                                     status=status))


def _answer(meeting: Meeting, email: str, attending: bool) -> None:
    member = find_member_by_email(email)
    if member is None:
        return
    if db.session.scalar(select(Rsvp.id).where(Rsvp.meeting_id == meeting.id, Rsvp.member_id == member.id)) is None:
        db.session.add(Rsvp(meeting_id=meeting.id, member_id=member.id, attending=attending))


def seed_meetings() -> None:
    today = today_in_copenhagen()
    year = programme_year(today)
    upcoming = [_meeting(title, date(year, month, day), host, address, room, agenda, "planned")
                for month, day, title, host, address, room, agenda in PROGRAMME]
    for email, attending in (("alice@aarhus.dk", True), ("bo@aarhus.dk", True), ("carol@rm.dk", False),
                             ("majken@coi.dk", True), ("lene@coi.dk", True)):
        _answer(upcoming[0], email, attending)

    held = _meeting(HELD_TITLE, today - timedelta(days=HELD_DAYS_AGO), "Aarhus Kommune", "Aarhus", "",
                    AGENDA.format(host="Aarhus Kommune"), "held")
    for email in ("alice@aarhus.dk", "dorte@vejle.dk", "emil@aalborg.dk", "majken@coi.dk"):
        _answer(held, email, True)
    db.session.commit()

    facilitator = find_member_by_email(FACILITATOR)
    if held.notes_thread_id is None and facilitator is not None:
        create_notes_thread(held, facilitator, f"/meetings/{held.id}")
