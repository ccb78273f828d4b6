"""The network's membership rules (SPEC §2): seats, fees, VAT, who may log in."""
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from forum.extensions import db
from forum.members import rules
from forum.members.models import Member, Membership
from forum.members.service import MembershipError, create_member, login_refusal, may_log_in
from tests import factories

TODAY = date(2026, 3, 1)


def test_membership_year_is_the_calendar_year():
    assert rules.membership_year(date(2026, 1, 1)) == 2026
    assert rules.membership_year(date(2026, 12, 31)) == 2026
    assert rules.year_bounds(2026) == (date(2026, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize(("position", "fee"), [(1, Decimal(4000)), (2, Decimal(2500)), (3, Decimal(2500))])
def test_first_member_pays_4000_and_each_colleague_2500(position, fee):
    assert rules.fee_for_seat(position) == fee


def test_seat_positions_start_at_one():
    with pytest.raises(ValueError):
        rules.fee_for_seat(0)


@pytest.mark.parametrize(
    ("amount", "vat"),
    [
        ("4000", "1000.00"),
        ("2500", "625.00"),
        ("9000", "2250.00"),
        ("0", "0.00"),
        ("0.02", "0.01"),  # 0.005 rounds half up, as on an invoice
        ("10.02", "2.51"),  # 2.505 -> 2.51
        ("10.01", "2.50"),  # 2.5025 -> 2.50
    ],
)
def test_vat_is_25_percent_rounded_half_up_to_the_oere(amount, vat):
    assert rules.vat(Decimal(amount)) == Decimal(vat)
    assert rules.vat(Decimal(amount)).as_tuple().exponent == -2


def _aarhus(count, today=TODAY, organization="Aarhus Kommune"):
    members = [
        create_member(email=f"m{i}-{today.year}@aarhus.dk", name=f"Medlem {i}", organization_name=organization, today=today)
        for i in range(count)
    ]
    db.session.commit()
    return members


def test_fourth_member_of_an_organization_is_refused_with_a_clear_danish_message(app):
    _aarhus(3)
    with pytest.raises(MembershipError) as refused:
        create_member(email="fjerde@aarhus.dk", name="Fjerde", organization_name="Aarhus Kommune", today=TODAY)
    db.session.rollback()
    message = str(refused.value)
    assert "Aarhus Kommune har allerede 3 medlemmer i 2026" in message
    assert "højst 3 fra samme organisation" in message
    assert db.session.scalar(select(Member).where(Member.email == "fjerde@aarhus.dk")) is None


def test_organization_names_match_case_insensitively_and_ignore_extra_spaces(app):
    _aarhus(2)
    create_member(email="tredje@aarhus.dk", name="Tredje", organization_name="  AARHUS   kommune ", today=TODAY)
    db.session.commit()
    with pytest.raises(MembershipError):
        create_member(email="fjerde@aarhus.dk", name="Fjerde", organization_name="aarhus kommune", today=TODAY)
    db.session.rollback()
    assert db.session.scalar(select(Member).where(Member.email == "tredje@aarhus.dk")).organization.name == "Aarhus Kommune"


def test_a_fourth_member_is_fine_in_another_year(app):
    _aarhus(3)
    member = create_member(email="ny@aarhus.dk", name="Ny", organization_name="Aarhus Kommune", today=date(2027, 1, 5))
    db.session.commit()
    assert [m.year for m in member.memberships] == [2027]


def test_three_seats_per_organization_are_counted_per_organization(app):
    _aarhus(3)
    create_member(email="a@vejle.dk", name="Vejle", organization_name="Vejle Kommune", today=TODAY)
    db.session.commit()


def test_a_membership_runs_for_its_calendar_year(app):
    member = create_member(email="a@aarhus.dk", name="A", organization_name="Aarhus Kommune", today=date(2026, 6, 30))
    db.session.commit()
    (membership,) = member.memberships
    assert (membership.year, membership.starts, membership.ends) == (2026, date(2026, 1, 1), date(2026, 12, 31))


# -- who may log in ------------------------------------------------------------------------------------------------


def _member(**fields):
    return factories.make_member(email="alice@aarhus.dk", name="Alice", organization="Aarhus Kommune", **fields)


def test_a_member_with_a_current_membership_may_log_in(app):
    member = _member()
    assert may_log_in(member, date.today())
    assert login_refusal(member, date.today()) is None


def test_an_ended_membership_is_refused_and_the_message_names_the_end_date(app):
    member = _member()
    db.session.execute(update(Membership).where(Membership.member_id == member.id).values(year=2025))
    db.session.execute(
        update(Membership).where(Membership.member_id == member.id).values(starts=date(2025, 1, 1), ends=date(2025, 12, 31))
    )
    db.session.commit()
    db.session.refresh(member)
    assert not may_log_in(member, date(2026, 1, 2))
    message = login_refusal(member, date(2026, 1, 2))
    assert "31. december 2025" in message
    assert "ikke fornyet" in message


def test_a_member_without_any_membership_is_told_so(app):
    member = _member()
    db.session.execute(Membership.__table__.delete().where(Membership.member_id == member.id))
    db.session.commit()
    db.session.refresh(member)
    assert "ikke et aktivt medlemskab" in login_refusal(member, date.today())


def test_a_suspended_member_is_refused_with_the_reason(app):
    until = datetime.now(UTC) + timedelta(days=3)
    member = _member(suspended_until=until, suspension_reason="Gentagne personangreb i tråde")
    assert not may_log_in(member, date.today())
    message = login_refusal(member, date.today())
    assert "suspenderet" in message
    assert "Gentagne personangreb i tråde" in message


def test_a_suspension_that_has_passed_no_longer_counts(app):
    member = _member(suspended_until=datetime.now(UTC) - timedelta(minutes=1), suspension_reason="Gammel sag")
    assert may_log_in(member, date.today())


def test_an_inactive_member_is_refused(app):
    member = _member(active=False)
    assert not may_log_in(member, date.today())
    assert "lukket" in login_refusal(member, date.today())


@pytest.mark.parametrize("role", ["facilitator", "admin"])
def test_facilitators_and_admins_need_no_membership(app, role):
    member = factories.make_member(email="tovholder@coi.dk", organization="Center for Offentlig Innovation", role=role)
    db.session.execute(Membership.__table__.delete().where(Membership.member_id == member.id))
    db.session.commit()
    db.session.refresh(member)
    assert member.memberships == []
    assert may_log_in(member, date.today())
    assert login_refusal(member, date.today()) is None


def test_a_suspended_facilitator_is_still_refused(app):
    member = factories.make_member(email="t@coi.dk", organization="COI", role="facilitator",
                                   suspended_until=datetime.now(UTC) + timedelta(days=1), suspension_reason="Test")
    assert not may_log_in(member, date.today())


@pytest.mark.parametrize(
    ("utc", "copenhagen_date"),
    [
        (datetime(2026, 12, 31, 22, 59, tzinfo=UTC), date(2026, 12, 31)),
        (datetime(2026, 12, 31, 23, 0, tzinfo=UTC), date(2027, 1, 1)),  # midnight in Copenhagen (CET)
        (datetime(2026, 6, 30, 22, 0, tzinfo=UTC), date(2026, 7, 1)),  # summer time (CEST)
    ],
)
def test_the_network_day_is_the_day_in_copenhagen(utc, copenhagen_date):
    assert rules.today(utc) == copenhagen_date
    assert rules.membership_year(rules.today(utc)) == copenhagen_date.year
