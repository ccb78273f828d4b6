"""forum.members.fees: fee lines per organization and year, computed from the seats."""
from datetime import date
from decimal import Decimal

from forum.extensions import db
from forum.members.fees import fees_for_year, fees_of_member
from forum.members.service import create_member

DAY = date(2026, 1, 10)


def _member(email, organization, role="member", today=DAY):
    member = create_member(email=email, name=email.split("@")[0].title(), organization_name=organization,
                           role=role, today=today)
    db.session.commit()
    return member


def test_aarhus_kommune_with_three_members_pays_9000_plus_2250_vat(app):
    for name in ("alice", "bo", "cecilie"):
        _member(f"{name}@aarhus.dk", "Aarhus Kommune")
    (aarhus,) = fees_for_year(2026)
    assert aarhus.organization == "Aarhus Kommune"
    assert [line.fee_ex_vat for line in aarhus.lines] == [Decimal(4000), Decimal(2500), Decimal(2500)]
    assert [line.member_name for line in aarhus.lines] == ["Alice", "Bo", "Cecilie"]
    assert aarhus.fee_ex_vat == Decimal(9000)
    assert aarhus.vat == Decimal("2250.00")
    assert aarhus.total == Decimal("11250.00")


def test_each_line_carries_its_own_vat_and_total(app):
    _member("alice@aarhus.dk", "Aarhus Kommune")
    _member("bo@aarhus.dk", "Aarhus Kommune")
    first, second = fees_for_year(2026)[0].lines
    assert (first.vat, first.total) == (Decimal("1000.00"), Decimal("5000.00"))
    assert (second.vat, second.total) == (Decimal("625.00"), Decimal("3125.00"))


def test_facilitators_and_admins_hold_seats_but_pay_nothing(app):
    _member("admin@coi.dk", "Center for Offentlig Innovation", role="admin")
    _member("majken@coi.dk", "Center for Offentlig Innovation", role="facilitator")
    (coi,) = fees_for_year(2026)
    assert [line.fee_ex_vat for line in coi.lines] == [Decimal(0), Decimal(0)]
    assert coi.total == Decimal(0)


def test_the_first_paying_member_pays_the_first_fee_even_after_a_facilitator(app):
    _member("tovholder@vejle.dk", "Vejle Kommune", role="facilitator")
    _member("dorte@vejle.dk", "Vejle Kommune")
    (vejle,) = fees_for_year(2026)
    assert [line.fee_ex_vat for line in vejle.lines] == [Decimal(0), Decimal(4000)]


def test_fees_are_per_organization_and_per_year(app):
    _member("alice@aarhus.dk", "Aarhus Kommune")
    _member("carol@rm.dk", "Region Midtjylland")
    _member("bo@aarhus.dk", "Aarhus Kommune", today=date(2027, 1, 3))
    this_year = {org.organization: org.fee_ex_vat for org in fees_for_year(2026)}
    assert this_year == {"Aarhus Kommune": Decimal(4000), "Region Midtjylland": Decimal(4000)}
    # In 2027 Bo is Aarhus' only member, so he is its first member.
    assert [(org.organization, org.fee_ex_vat) for org in fees_for_year(2027)] == [("Aarhus Kommune", Decimal(4000))]
    assert fees_for_year(2030) == []


def test_fees_for_one_organization(app):
    alice = _member("alice@aarhus.dk", "Aarhus Kommune")
    _member("carol@rm.dk", "Region Midtjylland")
    (only,) = fees_for_year(2026, alice.organization_id)
    assert only.organization == "Aarhus Kommune"


def test_a_member_sees_their_own_fee_for_each_year(app):
    _member("alice@aarhus.dk", "Aarhus Kommune")
    bo = _member("bo@aarhus.dk", "Aarhus Kommune")
    from forum.members.service import add_membership

    add_membership(bo, 2027)
    db.session.commit()
    assert [(line.year, line.fee_ex_vat) for line in fees_of_member(bo)] == [(2026, Decimal(2500)), (2027, Decimal(4000))]

