"""The facilitators' yearly report counts what the database holds, and the CSV says the same."""
import csv
import io
from datetime import UTC, date, datetime

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from forum.auth import passwords
from forum.extensions import db
from forum.meetings.models import Meeting, Rsvp
from forum.sparring.models import SparringRequest
from forum.spreading import report, service
from forum.spreading.models import ReuseRecord, ReuseStep
from forum.threads.models import Post
from tests import factories


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    """Argon2 at full strength costs most of these tests' time; they test reuse, not hashing."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


YEAR = 2025


def at(month, day=15, year=YEAR):
    return datetime(year, month, day, 12, 0, tzinfo=UTC)


def backdate(thread, moment):
    thread.created_at = moment
    for post in db.session.scalars(select(Post).where(Post.thread_id == thread.id)):
        post.created_at = moment
    db.session.commit()


@pytest.fixture
def activity(member, other_member, facilitator):
    """Threads, posts, sparring, reuse and meetings in YEAR, with some noise in other years."""
    tagged = factories.make_thread(member, title="Tjek og test", phases=("tjek", "test"), route="share")
    factories.make_reply(tagged, other_member)
    factories.make_reply(tagged, facilitator)
    backdate(tagged, at(2))
    untagged = factories.make_thread(other_member, title="Uden fase", phases=())
    backdate(untagged, at(3))
    old = factories.make_thread(member, title="Sidste år", phases=("tjek",))
    backdate(old, at(6, year=YEAR - 1))
    deleted = factories.make_thread(member, title="Slettet", phases=("tjek",))
    backdate(deleted, at(4))
    deleted.deleted_at = at(5)

    for created, matched, closed in [(at(1), at(2), at(3)), (at(5), None, None), (at(11, year=YEAR - 1), at(1), None)]:
        db.session.add(SparringRequest(requester_id=member.id, title="Hjælp", body_source="x", body_html="<p>x</p>",
                                       channels="phone", created_at=created, matched_at=matched, closed_at=closed))

    first = service.record_reuse(tagged, other_member, service.phase_by_slug("tjek")).record
    first.created_at = first.steps[0].created_at = at(3)
    service.record_reuse(tagged, other_member, service.phase_by_slug("hoest"), "Høstet")
    first.steps[1].created_at = at(9)
    service.record_reuse(tagged, other_member, service.phase_by_slug("hoest"), "Stadig høst")
    first.steps[2].created_at = at(10)
    second = service.record_reuse(tagged, facilitator, service.phase_by_slug("test")).record
    second.created_at = second.steps[0].created_at = at(9)

    spring = Meeting(title="Forårsmøde", date=date(YEAR, 4, 6), host_name="INSP!")
    cancelled = Meeting(title="Aflyst", date=date(YEAR, 6, 8), host_name="X", status="cancelled")
    db.session.add_all([spring, cancelled])
    db.session.flush()
    db.session.add_all([Rsvp(meeting_id=spring.id, member_id=member.id, attending=True),
                        Rsvp(meeting_id=spring.id, member_id=other_member.id, attending=True),
                        Rsvp(meeting_id=spring.id, member_id=facilitator.id, attending=False),
                        Rsvp(meeting_id=cancelled.id, member_id=member.id, attending=True)])
    db.session.commit()


def sections(year=YEAR):
    return {section.key: section for section in report.yearly_report(year)}


def row(section, category):
    return dict(section.rows)[category]


def test_threads_and_posts_per_phase(activity):
    threads = sections()["threads"]
    assert threads.series == ["Tråde", "Indlæg"]
    assert row(threads, "Tjek") == [1, 3]
    assert row(threads, "Test") == [1, 3]
    assert row(threads, "Tilpas") == [0, 0]
    assert row(threads, "Uden fase") == [1, 1]
    assert row(threads, "Alle tråde") == [2, 4]


def test_sparring_opened_matched_closed(activity):
    assert sections()["sparring"].rows == [("Oprettet", [2]), ("Matchet", [2]), ("Lukket", [1])]


def test_reuse_started_and_moved_to_harvest(activity):
    reuse = sections()["reuse"]
    assert reuse.categories[0] == "Januar"
    by_month = dict(zip(range(1, 13), reuse.values, strict=True))
    assert by_month[3] == [1, 0]
    assert by_month[9] == [1, 1]  # second record started; first reached Høst
    assert by_month[10] == [0, 0]  # a note while in Høst is no move
    assert sum(v[0] for v in reuse.values) == db.session.query(ReuseRecord).count()
    assert sum(v[1] for v in reuse.values) == 1
    assert db.session.query(ReuseStep).count() == 4


def test_meeting_attendance_leaves_out_cancelled_meetings(activity):
    meetings = sections()["meetings"]
    assert meetings.categories == ["6. apr. Forårsmøde"]
    assert meetings.values == [[2, 1]]


def test_an_empty_year_has_zeros_and_no_meetings(activity):
    empty = sections(2030)
    assert all(v == 0 for value in empty["threads"].values for v in value)
    assert empty["meetings"].categories == [] and empty["meetings"].chart is None


def test_every_section_has_a_chart_naming_its_numbers(activity):
    for section in report.yearly_report(YEAR):
        assert section.chart is not None
        assert f'id="report-{section.key}"' in section.chart


def test_csv_matches_the_database(activity):
    data = report.as_csv(report.yearly_report(YEAR), YEAR)
    assert data.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(data.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["år", "afsnit", "kategori", "serie", "antal"]
    table = {(r[1], r[2], r[3]): int(r[4]) for r in rows[1:]}
    assert all(r[0] == str(YEAR) for r in rows[1:])
    assert table[("Tråde og indlæg pr. fase", "Tjek", "Indlæg")] == 3
    assert table[("Sparringsanmodninger", "Oprettet", "Anmodninger")] == 2
    assert table[("Genbrug af delte innovationer", "September", "Nået til Høst")] == 1
    assert table[("Deltagelse i netværksmøder", "6. apr. Forårsmøde", "Tilmeldt")] == 2
    rsvps_yes = db.session.query(Rsvp).filter(Rsvp.attending.is_(True), Rsvp.meeting.has(status="planned")).count()
    assert sum(v for (section, _c, series), v in table.items()
               if section == "Deltagelse i netværksmøder" and series == "Tilmeldt") == rsvps_yes


def test_csv_cells_cannot_become_formulas(member):
    db.session.add(Meeting(title="=HYPERLINK(\"x\")", date=date(YEAR, 2, 1), host_name="X"))
    db.session.commit()
    data = report.as_csv(report.yearly_report(YEAR), YEAR)
    assert ";=HYPERLINK" not in data and "'1. feb." not in data
    meeting_row = next(line for line in data.splitlines() if "HYPERLINK" in line)
    assert ';"1. feb. =HYPERLINK' in meeting_row  # the date comes first: no formula
    assert report._cell("=SUM(A1)") == "'=SUM(A1)" and report._cell("-2") == "'-2"
