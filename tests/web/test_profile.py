"""The member's own profile, other members' profiles, and the data export."""
import json
from datetime import date

import pytest

from forum.extensions import db
from forum.members.models import Member
from forum.members.service import create_member
from tests.fast_passwords import fast_passwords  # noqa: F401

pytestmark = pytest.mark.usefixtures("fast_passwords")

PROFILE = {"name": "Alice Andersen", "title": "", "phone": "", "bio": "", "language": "da"}


def _save(client, **fields):
    return client.post("/profile", {**PROFILE, **fields})


def _reload(member) -> Member:
    db.session.expire_all()
    return db.session.get(Member, member.id)


def test_the_profile_form_shows_the_members_data(member_client):
    page = member_client.get("/profile").get_data(as_text=True)
    assert 'value="Alice Andersen"' in page
    assert "Aarhus Kommune" in page
    assert "alice@aarhus.dk" in page


def test_editing_name_title_phone_and_bio(member_client, member):
    response = _save(member_client, name="  Alice   B.  Andersen ", title="Innovationskonsulent",
                     phone="+45 12 34 56 78", bio="Velfærdsteknologi.\n\nSpørg mig om Digital post.")
    assert response.status_code == 302
    assert response.headers["Location"] == "/profile"
    assert "Din profil er gemt." in member_client.get("/profile").get_data(as_text=True)
    saved = _reload(member)
    assert saved.name == "Alice B. Andersen"
    assert saved.title == "Innovationskonsulent"
    assert saved.phone == "+45 12 34 56 78"
    assert saved.bio.startswith("Velfærdsteknologi.")


@pytest.mark.parametrize("phone", ["ring mig", "12345678<script>", "+45 " + "1" * 40])
def test_a_bad_phone_number_is_refused(member_client, member, phone):
    response = _save(member_client, phone=phone)
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert _reload(member).phone == ""


@pytest.mark.parametrize(
    "fields",
    [{"name": ""}, {"name": "   "}, {"name": "x" * 121}, {"title": "x" * 201}, {"bio": "x" * 4001}, {"language": "fr"}],
)
def test_invalid_profiles_are_refused_and_nothing_changes(member_client, member, fields):
    response = _save(member_client, **fields)
    assert response.status_code == 200
    saved = _reload(member)
    assert (saved.name, saved.title, saved.bio, saved.language) == ("Alice Andersen", "", "", "da")


def test_switching_language_changes_the_page_language(member_client, member):
    assert '<html lang="da">' in member_client.get("/").get_data(as_text=True)
    _save(member_client, language="en")
    assert _reload(member).language == "en"
    assert '<html lang="en">' in member_client.get("/").get_data(as_text=True)
    _save(member_client, language="da")
    assert '<html lang="da">' in member_client.get("/").get_data(as_text=True)


def test_the_language_of_one_member_is_not_anothers(make_client, member, other_member):
    alice = make_client(member)
    bob = make_client(other_member)
    _save(alice, language="en")
    assert '<html lang="en">' in alice.get("/").get_data(as_text=True)
    assert '<html lang="da">' in bob.get("/").get_data(as_text=True)


def test_a_member_cannot_change_their_email_or_role_through_the_form(member_client, member):
    _save(member_client, email="mallory@evil.dk", role="admin", active="", session_version="99")
    saved = _reload(member)
    assert (saved.email, saved.role, saved.active, saved.session_version) == ("alice@aarhus.dk", "member", True, 1)


# -- other members' profiles ------------------------------------------------------------------------------------------


def _bob(**fields):
    from tests import factories

    return factories.make_member(email="bo@vejle.dk", name="Bo Bech", organization="Vejle Kommune",
                                 phone="+45 87 65 43 21", title="Teamleder", **fields)


def test_a_profile_hides_email_and_phone_unless_the_member_shows_them(member_client):
    bob = _bob()
    page = member_client.get(f"/members/{bob.id}").get_data(as_text=True)
    assert "Bo Bech" in page
    assert "Teamleder, Vejle Kommune" in page
    assert "bo@vejle.dk" not in page
    assert "87 65 43 21" not in page
    assert "har ikke valgt at vise kontaktoplysninger" in page


def test_a_profile_shows_what_the_member_chose_to_show(member_client):
    bob = _bob(show_email=True)
    page = member_client.get(f"/members/{bob.id}").get_data(as_text=True)
    assert "bo@vejle.dk" in page
    assert "87 65 43 21" not in page

    bob.show_email, bob.show_phone = False, True
    db.session.commit()
    page = member_client.get(f"/members/{bob.id}").get_data(as_text=True)
    assert "bo@vejle.dk" not in page
    assert "+45 87 65 43 21" in page


def test_show_email_and_phone_are_saved_from_the_form(member_client, member, other_client):
    _save(member_client, phone="12 34 56 78", show_email="y", show_phone="y")
    page = other_client.get(f"/members/{member.id}").get_data(as_text=True)
    assert "alice@aarhus.dk" in page
    assert "12 34 56 78" in page
    _save(member_client, phone="12 34 56 78")  # unticked boxes are not sent
    page = other_client.get(f"/members/{member.id}").get_data(as_text=True)
    assert "alice@aarhus.dk" not in page
    assert "12 34 56 78" not in page


def test_the_member_sees_their_own_contact_details(member_client, member):
    assert "alice@aarhus.dk" in member_client.get(f"/members/{member.id}").get_data(as_text=True)


def test_an_unknown_member_is_404(member_client):
    response = member_client.get("/members/999999")
    assert response.status_code == 404
    assert "Siden findes ikke" in response.get_data(as_text=True)


def test_a_closed_account_is_404_and_not_in_the_directory(member_client):
    bob = _bob(active=False)
    assert member_client.get(f"/members/{bob.id}").status_code == 404
    assert "Bo Bech" not in member_client.get("/members").get_data(as_text=True)


def test_the_directory_lists_active_members(member_client, other_member):
    page = member_client.get("/members").get_data(as_text=True)
    assert "Alice Andersen" in page
    assert "Bo Bech" in page


def test_profile_text_is_escaped(member_client, member, other_client):
    _save(member_client, name="<script>alert(1)</script>", bio="<img src=x onerror=alert(1)>")
    page = other_client.get(f"/members/{member.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;" in page


# -- fees on the profile ----------------------------------------------------------------------------------------------


def test_the_profile_shows_the_members_own_fee_with_vat(member_client):
    create_member(email="bo@aarhus.dk", name="Bo", organization_name="Aarhus Kommune", today=date.today())
    db.session.commit()
    page = member_client.get("/profile").get_data(as_text=True)
    assert "4.000,00 kr." in page
    assert "1.000,00 kr." in page
    assert "5.000,00 kr." in page
    assert "2.500,00 kr." not in page  # Bo's fee is his own business


def test_a_facilitator_is_told_they_pay_nothing(facilitator_client):
    page = facilitator_client.get("/profile").get_data(as_text=True)
    assert "tovholdere og administratorer betaler ikke" in page
    assert "0,00 kr." not in page


# -- export -----------------------------------------------------------------------------------------------------------


def test_the_export_holds_the_members_own_data_and_nobody_elses_email(member_client, member, other_member):
    _save(member_client, title="Innovationskonsulent", phone="12345678")
    response = member_client.get("/profile/export")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["profile"]["email"] == "alice@aarhus.dk"
    assert data["profile"]["title"] == "Innovationskonsulent"
    assert data["profile"]["organization"] == "Aarhus Kommune"
    assert data["memberships"][0]["year"] == date.today().year
    raw = response.get_data(as_text=True)
    assert "bob@vejle.dk" not in raw
    assert "password" not in raw
    assert "session_version" not in raw


def test_the_export_needs_a_login(client):
    response = client.get("/profile/export")
    assert response.status_code == 302


def test_bio_paragraphs_from_a_browser_textarea_become_paragraphs(member_client, member, other_client):
    _save(member_client, bio="Første afsnit.\r\n\r\nAndet afsnit.\r\n")
    assert _reload(member).bio == "Første afsnit.\n\nAndet afsnit."
    page = other_client.get(f"/members/{member.id}").get_data(as_text=True)
    assert "<p>Første afsnit.</p><p>Andet afsnit.</p>" in page


def test_the_directory_marks_facilitators_and_admins_apart(member_client, facilitator, admin):
    page = member_client.get("/members").get_data(as_text=True)
    assert page.count(">Tovholder</span>") == 1
    assert page.count(">Administrator</span>") == 1
