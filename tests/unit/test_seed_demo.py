"""flask seed-demo: demo content that can be added again and again without duplicates."""
import pytest
from sqlalchemy import func, select

from forum.auth.passwords import verify_password
from forum.demo.members import DEMO_MEMBERS, DEMO_PASSWORD
from forum.extensions import db
from forum.members.models import Member
from tests.fast_passwords import fast_passwords  # noqa: F401

pytestmark = pytest.mark.usefixtures("fast_passwords")


@pytest.fixture
def seed(app):
    runner = app.test_cli_runner()

    def invoke(*args):
        result = runner.invoke(args=["seed-demo", *args])
        assert result.exit_code == 0, (result.output, result.exception)
        db.session.expire_all()
        return result

    return invoke


def _row_counts() -> dict[str, int]:
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


def test_seed_demo_adds_the_demo_members(seed):
    seed()
    members = {m.email: m for m in db.session.scalars(select(Member))}
    assert set(members) >= {email for email, *_ in DEMO_MEMBERS}
    roles = [m.role for m in members.values()]
    assert roles.count("facilitator") >= 2
    organizations = {m.organization.name for m in members.values()}
    assert {"Center for Offentlig Innovation", "Aarhus Kommune", "Region Midtjylland", "Skattestyrelsen"} <= organizations
    assert verify_password(members["alice@aarhus.dk"].password_hash, DEMO_PASSWORD)


def test_seed_demo_respects_the_three_seat_rule(seed):
    seed()
    from forum.members.fees import fees_for_year
    from forum.members.rules import SEATS_PER_ORGANIZATION

    for year in {m.year for member in db.session.scalars(select(Member)) for m in member.memberships}:
        for organization in fees_for_year(year):
            assert len(organization.lines) <= SEATS_PER_ORGANIZATION, organization.organization


def test_seed_demo_twice_is_idempotent(seed):
    seed()
    first = _row_counts()
    assert first["member"] >= len(DEMO_MEMBERS)
    seed()
    second = _row_counts()
    grown = {table: (first[table], second[table]) for table in first if first[table] != second[table]}
    assert not grown, f"a second seed-demo added rows: {grown}"


def test_if_empty_does_nothing_on_a_database_with_members(seed, member):
    before = _row_counts()
    result = seed("--if-empty")
    assert "not added" in result.output
    assert _row_counts() == before


def test_if_empty_seeds_an_empty_database(seed):
    seed("--if-empty")
    assert _row_counts()["member"] >= len(DEMO_MEMBERS)


def test_the_demo_login_works(seed, client):
    seed()
    client.get("/login")
    response = client.post("/login", {"email": "alice@aarhus.dk", "password": DEMO_PASSWORD})
    assert response.status_code == 302
