"""flask create-member (SPEC §4): the rules of §2 hold on the command line too."""
from datetime import date

import pytest
from sqlalchemy import func, select

from forum.auth.passwords import verify_password
from forum.extensions import db
from forum.members.models import Member, Membership, Organization
from tests.fast_passwords import fast_passwords  # noqa: F401

pytestmark = pytest.mark.usefixtures("fast_passwords")


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()

    def invoke(*args, stdin=None):
        return runner.invoke(args=["create-member", *args], input=stdin)

    return invoke


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _member(email) -> Member | None:
    db.session.expire_all()
    return db.session.scalar(select(Member).where(Member.email == email))


def test_creates_organization_member_and_membership(run):
    result = run("alice@aarhus.dk", "--name", "Alice Andersen", "--organization", "Aarhus Kommune",
                 "--title", "Innovationskonsulent")
    assert result.exit_code == 0, result.output
    assert "alice@aarhus.dk" in result.output
    member = _member("alice@aarhus.dk")
    assert (member.name, member.title, member.role) == ("Alice Andersen", "Innovationskonsulent", "member")
    assert member.organization.name == "Aarhus Kommune"
    assert [(m.year, m.starts, m.ends) for m in member.memberships] == [
        (date.today().year, date(date.today().year, 1, 1), date(date.today().year, 12, 31))
    ]
    assert member.password_hash is None
    assert "No password set" in result.output


def test_password_stdin_sets_a_password_that_logs_in(run, client):
    result = run("alice@aarhus.dk", "--name", "Alice", "--organization", "Aarhus Kommune", "--password-stdin",
                 stdin="en lang adgangskode\n")
    assert result.exit_code == 0, result.output
    assert "en lang adgangskode" not in result.output
    assert verify_password(_member("alice@aarhus.dk").password_hash, "en lang adgangskode")
    client.get("/login")
    assert client.post("/login", {"email": "alice@aarhus.dk", "password": "en lang adgangskode"}).status_code == 302


def test_a_short_password_is_refused_and_nothing_is_created(run):
    result = run("alice@aarhus.dk", "--name", "Alice", "--organization", "Aarhus Kommune", "--password-stdin",
                 stdin="kort\n")
    assert result.exit_code != 0
    assert "at least 10" in result.output
    assert _member("alice@aarhus.dk") is None


@pytest.mark.parametrize("role", ["facilitator", "admin"])
def test_roles(run, role):
    result = run("majken@coi.dk", "--name", "Majken", "--organization", "Center for Offentlig Innovation",
                 "--role", role)
    assert result.exit_code == 0, result.output
    assert _member("majken@coi.dk").role == role


def test_an_unknown_role_is_refused(run):
    result = run("x@coi.dk", "--name", "X", "--organization", "COI", "--role", "superuser")
    assert result.exit_code != 0
    assert _member("x@coi.dk") is None


def test_a_fourth_member_of_an_organization_is_refused_and_nothing_is_created(run):
    for name in ("alice", "bo", "cecilie"):
        assert run(f"{name}@aarhus.dk", "--name", name, "--organization", "Aarhus Kommune").exit_code == 0
    members, memberships, organizations = _count(Member), _count(Membership), _count(Organization)

    result = run("dorte@aarhus.dk", "--name", "Dorte", "--organization", "aarhus kommune", "--password-stdin",
                 stdin="en lang adgangskode\n")
    assert result.exit_code != 0
    assert "Aarhus Kommune har allerede 3 medlemmer" in result.output
    assert "højst 3" in result.output
    assert _member("dorte@aarhus.dk") is None
    assert (_count(Member), _count(Membership), _count(Organization)) == (members, memberships, organizations)


def test_a_refused_member_leaves_no_new_organization_behind(run):
    run("alice@aarhus.dk", "--name", "Alice", "--organization", "Aarhus Kommune")
    result = run("ALICE@aarhus.dk", "--name", "Alice igen", "--organization", "Ny Organisation")
    assert result.exit_code != 0
    assert "allerede et medlem med e-mailen alice@aarhus.dk" in result.output
    db.session.expire_all()
    assert db.session.scalar(select(Organization).where(Organization.name == "Ny Organisation")) is None


@pytest.mark.parametrize(
    "args",
    [
        ("alice@aarhus.dk", "--organization", "Aarhus Kommune"),  # no --name
        ("alice@aarhus.dk", "--name", "Alice"),  # no --organization
        ("alice@aarhus.dk", "--name", "Alice", "--organization", "   "),
    ],
)
def test_missing_details_are_refused(run, args):
    result = run(*args)
    assert result.exit_code != 0
    assert _member("alice@aarhus.dk") is None


def test_the_help_names_the_options(run):
    result = run("--help")
    for option in ("--name", "--organization", "--role", "--password-stdin"):
        assert option in result.output
