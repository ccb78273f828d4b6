"""seed_meetings: the 2017 programme in the coming year, one held meeting with pinned notes; idempotent."""
from datetime import date

from sqlalchemy import func, select

from forum.demo.meetings import programme_year, seed_meetings
from forum.demo.members import seed_members
from forum.extensions import db
from forum.meetings.models import Meeting, Rsvp
from forum.threads.models import Thread


def test_programme_year():
    assert programme_year(date(2026, 11, 29)) == 2027
    assert programme_year(date(2027, 1, 31)) == 2027
    assert programme_year(date(2027, 2, 1)) == 2028


def test_seed_meetings_is_idempotent(app):
    seed_members()
    db.session.commit()
    seed_meetings()
    seed_meetings()
    meetings = list(db.session.scalars(select(Meeting).order_by(Meeting.date)))
    assert len(meetings) == 6
    held, *programme = meetings
    year = programme_year(date.today())
    assert [(m.date.month, m.date.day) for m in programme] == [(2, 1), (4, 6), (6, 8), (9, 20), (11, 17)]
    assert {m.date.year for m in programme} == {year}
    assert [m.host for m in programme] == ["Republikken", "INSP!", "Aalborg Kommune", "Vejle Kommune", "IBOS"]
    assert programme[0].room == "Rummet" and "Vesterbrogade 26" in programme[0].address
    assert programme[2].host_organization is not None  # Aalborg Kommune is a member organization
    assert all((m.starts.hour, m.ends.hour, m.ends.minute) == (10, 15, 30) for m in meetings)
    assert held.status == "held" and held.date < date.today()
    notes = db.session.get(Thread, held.notes_thread_id)
    assert notes.pinned
    assert db.session.scalar(select(func.count(Thread.id))) == 1
    assert db.session.scalar(select(func.count(Rsvp.id))) == 9
