"""forum.members.service: creating members, organizations and memberships."""
from datetime import date

import pytest
from sqlalchemy import func, select

from forum.auth.passwords import verify_password
from forum.extensions import db
from forum.members.models import Member, Membership, Organization
from forum.members.service import (
    MembershipError,
    add_membership,
    create_member,
    current_membership,
    find_member_by_email,
    get_or_create_organization,
    seats_taken,
)


def _count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_create_member_creates_organization_member_and_membership(app):
    member = create_member(email="  Alice@Aarhus.DK ", name="  Alice   Andersen ", organization_name="Aarhus Kommune",
                           title=" Konsulent ", password="correct horse battery")
    db.session.commit()
    assert member.email == "alice@aarhus.dk"
    assert member.name == "Alice Andersen"
    assert member.title == "Konsulent"
    assert member.role == "member"
    assert member.language == "da"
    assert member.active
    assert member.password_hash != "correct horse battery"
    assert verify_password(member.password_hash, "correct horse battery")
    assert member.organization.name == "Aarhus Kommune"
    assert current_membership(member, date.today()).year == date.today().year


def test_without_a_password_the_member_cannot_log_in_until_they_set_one(app):
    member = create_member(email="a@aarhus.dk", name="A", organization_name="Aarhus Kommune")
    db.session.commit()
    assert member.password_hash is None
    assert not verify_password(member.password_hash, "")


def test_emails_are_found_case_insensitively(app):
    create_member(email="alice@aarhus.dk", name="A", organization_name="Aarhus Kommune")
    db.session.commit()
    assert find_member_by_email(" ALICE@aarhus.dk").email == "alice@aarhus.dk"
    assert find_member_by_email("nobody@aarhus.dk") is None


def test_a_duplicate_email_is_refused_whatever_its_case(app):
    create_member(email="alice@aarhus.dk", name="A", organization_name="Aarhus Kommune")
    db.session.commit()
    with pytest.raises(MembershipError, match="allerede et medlem med e-mailen alice@aarhus.dk"):
        create_member(email="ALICE@aarhus.dk", name="B", organization_name="Vejle Kommune")
    db.session.rollback()
    assert _count(Member) == 1
    assert _count(Organization) == 1


def test_an_unknown_role_is_refused(app):
    with pytest.raises(MembershipError, match="Ukendt rolle"):
        create_member(email="a@aarhus.dk", name="A", organization_name="Aarhus Kommune", role="superuser")


@pytest.mark.parametrize("name", ["", "   "])
def test_an_organization_needs_a_name(app, name):
    with pytest.raises(MembershipError, match="skal have et navn"):
        get_or_create_organization(name)


def test_organizations_are_reused_case_insensitively(app):
    first = get_or_create_organization("Region Midtjylland")
    assert get_or_create_organization("region  MIDTJYLLAND") is first
    assert _count(Organization) == 1


def test_add_membership_is_idempotent_for_a_year(app):
    member = create_member(email="a@aarhus.dk", name="A", organization_name="Aarhus Kommune", today=date(2026, 2, 1))
    first = member.memberships[0]
    assert add_membership(member, 2026) is first
    assert seats_taken(member.organization, 2026) == 1


def test_renewal_adds_next_years_membership(app):
    member = create_member(email="a@aarhus.dk", name="A", organization_name="Aarhus Kommune", today=date(2026, 2, 1))
    add_membership(member, 2027)
    db.session.commit()
    assert [m.year for m in member.memberships] == [2026, 2027]
    assert current_membership(member, date(2027, 1, 1)).year == 2027
    assert current_membership(member, date(2028, 1, 1)) is None


def test_renewal_obeys_the_three_seat_rule_of_the_new_year(app):
    members = [
        create_member(email=f"m{i}@aarhus.dk", name="M", organization_name="Aarhus Kommune", today=date(2027, 1, 2))
        for i in range(3)
    ]
    old = create_member(email="old@aarhus.dk", name="Old", organization_name="Aarhus Kommune", today=date(2026, 1, 2))
    db.session.commit()
    with pytest.raises(MembershipError, match="højst 3"):
        add_membership(old, 2027)
    db.session.rollback()
    assert seats_taken(members[0].organization, 2027) == 3
    assert db.session.scalar(select(func.count(Membership.id)).where(Membership.member_id == old.id)) == 1
