"""Members for the sparring unit tests, without passwords: these tests never log in, and
hashing a password (Argon2) is most of the cost of a test."""
import pytest

from forum.extensions import db
from forum.members.service import create_member


def person(email, name, organization, role="member", **fields):
    member = create_member(email=email, name=name, organization_name=organization, role=role)
    for key, value in fields.items():
        setattr(member, key, value)
    db.session.commit()
    return member


@pytest.fixture
def member(app):
    return person("alice@aarhus.dk", "Alice Andersen", "Aarhus Kommune")


@pytest.fixture
def other_member(app):
    return person("bob@vejle.dk", "Bo Bech", "Vejle Kommune")


@pytest.fixture
def carol(app):
    return person("carol@rm.dk", "Carol Christensen", "Region Midtjylland", phone="+45 20 30 40 50")


@pytest.fixture
def facilitator(app):
    return person("majken@coi.dk", "Majken Præstbro", "Center for Offentlig Innovation", role="facilitator")
