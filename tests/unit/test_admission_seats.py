"""The three-seat rule through `flask create-member` and through approving an application."""
from datetime import date

import pytest
from sqlalchemy import func, select

from forum.extensions import db
from forum.members import applications
from forum.members.applications import Application
from forum.members.models import Member
from forum.members.service import MembershipError
from tests import factories


def create_member(app, email, organization="Aarhus Kommune"):
    return app.test_cli_runner().invoke(args=["create-member", email, "--name", "Test Person",
                                              "--organization", organization])


def test_create_member_refuses_a_fourth_seat(app):
    for n in range(3):
        result = create_member(app, f"m{n}@aarhus.dk")
        assert result.exit_code == 0, result.output
    result = create_member(app, "m3@aarhus.dk", organization="aarhus kommune")
    assert result.exit_code != 0
    assert "Aarhus Kommune har allerede 3 medlemmer" in result.output
    assert "højst 3 fra samme organisation" in result.output
    assert db.session.scalar(select(Member).where(Member.email == "m3@aarhus.dk")) is None
    # another organization still has room
    assert create_member(app, "m4@vejle.dk", organization="Vejle Kommune").exit_code == 0


def test_approval_refuses_a_fourth_seat(app):
    reviewer = factories.make_member(email="majken@coi.dk", organization="Center for Offentlig Innovation",
                                     role="facilitator")
    for n in range(3):
        factories.make_member(email=f"m{n}@aarhus.dk", organization="Aarhus Kommune")
    row = Application(name="Fjerde Person", email="fourth@aarhus.dk", organization_name="Aarhus Kommune",
                      motivation="Vil gerne med.", commitment=True, year=date.today().year)
    db.session.add(row)
    db.session.commit()
    with pytest.raises(MembershipError, match="har allerede 3 medlemmer"):
        applications.approve(row, reviewer)
    db.session.rollback()
    assert db.session.scalar(select(func.count(Member.id)).where(Member.email == "fourth@aarhus.dk")) == 0
    db.session.refresh(row)
    assert row.status == "pending"
