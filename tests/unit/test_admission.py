"""The admission window in Copenhagen time, and applications through the service."""
from datetime import UTC, date, datetime

import pytest

from forum.members import applications
from forum.members.applications import ApplicationError, admission_open, next_opening


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(("now", "expected"), [
    (utc(2027, 1, 15, 12, 0), True),
    (utc(2027, 2, 15, 12, 0), False),
    (utc(2027, 7, 1, 12, 0), False),
    # 31 Dec 23:30 UTC is 00:30 on 1 January in Copenhagen (UTC+1): open already
    (utc(2026, 12, 31, 23, 30), True),
    (utc(2026, 12, 31, 22, 59), False),
    # 31 Jan 23:30 UTC is 00:30 on 1 February in Copenhagen: closed already
    (utc(2027, 1, 31, 23, 30), False),
    (utc(2027, 1, 31, 22, 59), True),
])
def test_january_window_at_the_edges(now, expected):
    assert admission_open([1], now) is expected


def test_summer_time_edge():
    # 31 August 22:30 UTC is 00:30 on 1 September in Copenhagen (UTC+2)
    assert admission_open([9], utc(2027, 8, 31, 22, 30))
    assert not admission_open([9], utc(2027, 8, 31, 21, 59))


def test_next_opening():
    assert next_opening([1], utc(2027, 3, 1, 12)) == date(2028, 1, 1)
    assert next_opening([1], utc(2027, 1, 10, 12)) == date(2028, 1, 1)
    assert next_opening([1, 8], utc(2027, 3, 1, 12)) == date(2027, 8, 1)
    assert next_opening([1], utc(2026, 12, 31, 22, 30)) == date(2027, 1, 1)
    assert next_opening([], utc(2027, 3, 1)) is None


def submit(app, now, **overrides):
    data = {"name": "Nina Nielsen", "email": "Nina@Odense.dk", "organization": "Odense Kommune",
            "title": "Innovationskonsulent", "motivation": "Jeg vil dele vores erfaringer med velfærdsteknologi.",
            "commitment": True, "months": [1], "now": now}
    data.update(overrides)
    return applications.submit(**data)


def test_submit_in_window_records_year_and_normalised_email(app):
    application = submit(app, utc(2026, 12, 31, 23, 30))
    assert application.year == 2027 and application.email == "nina@odense.dk" and application.status == "pending"


def test_submit_outside_window_is_refused(app):
    with pytest.raises(ApplicationError):
        submit(app, utc(2027, 3, 1, 12))
    assert applications.pending_applications() == []


def test_duplicate_pending_application_is_refused(app):
    submit(app, utc(2027, 1, 5, 12))
    with pytest.raises(ApplicationError, match="venter på behandling"):
        submit(app, utc(2027, 1, 6, 12), email="nina@odense.dk ")
    assert len(applications.pending_applications()) == 1


def test_commitment_is_required(app):
    with pytest.raises(ApplicationError):
        submit(app, utc(2027, 1, 5, 12), commitment=False)
