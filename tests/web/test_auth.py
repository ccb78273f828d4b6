"""Logging in and out, remember-me, `next`, password reset, invitations and login throttling."""
import re
from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from flask import current_app
from sqlalchemy import select, update

from forum.auth import service as auth_service
from forum.auth.models import AuthToken
from forum.extensions import db, limiter
from forum.members.models import Member, Membership
from forum.members.service import add_membership, create_member
from forum.notify.models import OutboxMail
from tests import factories
from tests.fast_passwords import fast_passwords  # noqa: F401

pytestmark = pytest.mark.usefixtures("fast_passwords")

GENERIC = "Forkert e-mail eller adgangskode."


def _login(client, email, password=factories.PASSWORD, **extra):
    client.get("/login")
    return client.post("/login", {"email": email, "password": password, **extra})


def _logged_in(client) -> bool:
    return client.get("/").status_code == 200


def _page_without_tokens(response, *secrets):
    """The page with the CSRF token and the typed email taken out, to compare two answers."""
    text = re.sub(r'value="[^"]*"', 'value=""', response.get_data(as_text=True))
    for secret in secrets:
        text = text.replace(secret, "")
    return text


# -- login -----------------------------------------------------------------------------------------------------------


def test_the_login_page_has_the_contract_fields(client):
    page = client.get("/login").get_data(as_text=True)
    for name in ("email", "password", "remember", "csrf_token"):
        assert f'name="{name}"' in page
    assert '<label class="form-label" for="email">E-mail' in page


def test_login_through_the_form_lands_on_the_dashboard(client, member):
    response = _login(client, "alice@aarhus.dk")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    page = client.get("/").get_data(as_text=True)
    assert "Velkommen, Alice Andersen" in page
    assert db.session.get(Member, member.id).last_login_at is not None


def test_the_email_is_not_case_sensitive(client, member):
    assert _login(client, "  ALICE@Aarhus.dk ").status_code == 302


def test_a_logged_in_member_visiting_login_goes_to_the_dashboard(member_client):
    response = member_client.get("/login")
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_remember_me_sets_a_remember_cookie_only_when_checked(make_client, member):
    plain = make_client()
    response = _login(plain, member.email)
    assert response.status_code == 302
    assert not any("remember_token=" in c for c in response.headers.getlist("Set-Cookie"))

    remembered = make_client()
    response = _login(remembered, member.email, remember="y")
    assert response.status_code == 302
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Expires=" in cookie


def test_the_remember_cookie_logs_the_member_back_in_after_the_session_ends(make_client, member):
    client = make_client()
    _login(client, member.email, remember="y")
    client.raw.delete_cookie("session")
    assert _logged_in(client)


def test_unknown_email_and_wrong_password_get_the_same_answer(make_client, member):
    wrong_password = _login(make_client(), member.email, "not the password")
    unknown_email = _login(make_client(), "nobody@aarhus.dk", factories.PASSWORD)
    assert wrong_password.status_code == unknown_email.status_code == 200
    assert GENERIC in wrong_password.get_data(as_text=True)
    assert _page_without_tokens(wrong_password, member.email) == _page_without_tokens(unknown_email, "nobody@aarhus.dk")


def test_a_member_without_a_password_cannot_log_in(client, app):
    create_member(email="new@aarhus.dk", name="Ny", organization_name="Aarhus Kommune")
    db.session.commit()
    response = _login(client, "new@aarhus.dk", "")
    assert response.status_code == 200
    response = _login(client, "new@aarhus.dk", "anything at all")
    assert GENERIC in response.get_data(as_text=True)
    assert not _logged_in(client)


@pytest.mark.parametrize("data", [{}, {"email": "x" * 300 + "@a.dk", "password": "p"}, {"email": "a@a.dk"},
                                  {"email": "a@a.dk", "password": "p" * 5000}])
def test_malformed_login_forms_are_answered_calmly(client, data):
    response = client.post("/login", data)
    assert response.status_code == 200
    assert not _logged_in(client)


def test_login_without_csrf_token_is_refused(client, member):
    client.get("/login")
    response = client.post("/login", {"email": member.email, "password": factories.PASSWORD}, csrf=False)
    assert response.status_code == 400
    assert not _logged_in(client)


# -- who may not log in ---------------------------------------------------------------------------------------------


def _end_membership(member, year):
    db.session.execute(
        update(Membership)
        .where(Membership.member_id == member.id)
        .values(year=year, starts=date(year, 1, 1), ends=date(year, 12, 31))
    )
    db.session.commit()


def test_an_ended_membership_is_refused_and_told_why_with_the_end_date(client, member):
    last_year = date.today().year - 1
    _end_membership(member, last_year)
    response = _login(client, member.email)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"31. december {last_year}" in page
    assert "ikke fornyet" in page
    assert not _logged_in(client)


def test_an_ended_member_with_the_wrong_password_learns_nothing(client, member):
    _end_membership(member, date.today().year - 1)
    page = _login(client, member.email, "wrong password").get_data(as_text=True)
    assert GENERIC in page
    assert "december" not in page


def test_a_session_ends_when_the_membership_has_ended(member_client, member):
    _end_membership(member, date.today().year - 1)
    response = member_client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_a_member_with_earlier_years_stays_signed_in(member_client, member):
    # The session loads the member with all memberships in one statement; the earliest year
    # comes first, and the current one must still be found on every request.
    for year in (date.today().year - 2, date.today().year - 1):
        add_membership(member, year)
    db.session.commit()
    for _ in range(2):
        assert member_client.get("/").status_code == 200


def test_a_suspended_member_is_refused_with_the_reason(client, member):
    member.suspended_until = datetime.now(UTC) + timedelta(days=7)
    member.suspension_reason = "Gentagne personangreb"
    db.session.commit()
    page = _login(client, member.email).get_data(as_text=True)
    assert "suspenderet" in page
    assert "Gentagne personangreb" in page
    assert not _logged_in(client)


def test_an_inactive_member_is_refused(client, member):
    member.active = False
    db.session.commit()
    page = _login(client, member.email).get_data(as_text=True)
    assert "Din konto er lukket" in page
    assert not _logged_in(client)


def test_a_facilitator_needs_no_membership(client, facilitator):
    db.session.execute(Membership.__table__.delete().where(Membership.member_id == facilitator.id))
    db.session.commit()
    assert _login(client, facilitator.email).status_code == 302
    assert _logged_in(client)


# -- next ------------------------------------------------------------------------------------------------------------


def test_the_gate_remembers_where_the_member_was_going(client, member):
    response = client.get("/members?page=2")
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/login"
    assert parse_qs(location.query) == {"next": ["/members?page=2"]}
    client.get(response.headers["Location"])
    response = client.post("/login?next=" + quote("/members?page=2", safe=""),
                           {"email": member.email, "password": factories.PASSWORD})
    assert response.headers["Location"] == "/members?page=2"


@pytest.mark.parametrize(
    "target",
    ["//evil.com", "https://evil.com", "/\\evil.com", "javascript:alert(1)", "http:/evil.com", "/\t/evil.com",
     "\\\\evil.com", "evil.com", "///evil.com", "/%0a/evil.com".replace("%0a", "\n")],
)
def test_next_goes_only_to_paths_on_this_site(client, member, target):
    client.get("/login")
    response = client.post("/login?next=" + quote(target, safe=""), {"email": member.email, "password": factories.PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_next_is_ignored_on_the_login_page_of_a_logged_in_member(member_client):
    response = member_client.get("/login?next=" + quote("//evil.com", safe=""))
    assert response.headers["Location"] == "/"


# -- logout ----------------------------------------------------------------------------------------------------------


def test_logout_by_post_ends_the_session(member_client):
    response = member_client.post("/logout")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert "Du er logget ud." in member_client.get("/login").get_data(as_text=True)
    assert not _logged_in(member_client)


def test_logout_by_get_is_not_allowed(member_client, client):
    assert member_client.get("/logout").status_code == 405
    assert _logged_in(member_client)
    assert client.get("/logout").status_code == 405


def test_logout_without_csrf_token_is_refused(member_client):
    assert member_client.post("/logout", csrf=False).status_code == 400
    assert member_client.post("/logout", {"csrf_token": "forged"}).status_code == 400
    assert _logged_in(member_client)


def test_logout_also_forgets_the_remember_cookie(make_client, member):
    client = make_client()
    _login(client, member.email, remember="y")
    client.post("/logout")
    client.raw.delete_cookie("session")
    assert not _logged_in(client)


# -- password reset --------------------------------------------------------------------------------------------------


def _mails_to(address):
    return db.session.scalars(select(OutboxMail).where(OutboxMail.recipient == address)).all()


def _link_in(mail, path):
    match = re.search(r"https?://[^\s]+" + re.escape(path) + r"[^\s]+", mail.body_text)
    assert match, mail.body_text
    return match.group(0).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def _ask_for_reset(client, email):
    client.get("/password/forgot")
    return client.post("/password/forgot", {"email": email})


def test_a_reset_link_lands_in_the_outbox(client, member):
    response = _ask_for_reset(client, "Alice@Aarhus.dk")
    assert response.status_code == 302
    (mail,) = _mails_to(member.email)
    assert mail.subject == "Ny adgangskode til Spredningsnetværket"
    assert "/password/reset/" in mail.body_text
    assert "Hej Alice Andersen" in mail.body_text


def test_an_unknown_email_gets_the_same_answer_and_no_mail(make_client, member):
    known, unknown = make_client(), make_client()
    known_response = _ask_for_reset(known, member.email)
    unknown_response = _ask_for_reset(unknown, "nobody@aarhus.dk")
    assert known_response.status_code == unknown_response.status_code == 302
    assert known_response.headers["Location"] == unknown_response.headers["Location"]
    assert _page_without_tokens(known.get("/login")) == _page_without_tokens(unknown.get("/login"))
    assert _mails_to("nobody@aarhus.dk") == []


def test_reset_sets_a_new_password_once(make_client, client, member):
    _ask_for_reset(client, member.email)
    link = _link_in(_mails_to(member.email)[0], "/password/reset/")
    assert client.get(link).status_code == 200
    response = client.post(link, {"password": "ny adgangskode 2026", "password_confirm": "ny adgangskode 2026"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"

    assert GENERIC in _login(make_client(), member.email).get_data(as_text=True)
    assert _login(make_client(), member.email, "ny adgangskode 2026").status_code == 302

    again = client.get(link)
    assert again.status_code == 404
    assert "Linket virker ikke længere" in again.get_data(as_text=True)
    assert client.post(link, {"password": "tredje kode 123", "password_confirm": "tredje kode 123"}).status_code == 404


def test_reset_validates_the_new_password(client, member):
    _ask_for_reset(client, member.email)
    link = _link_in(_mails_to(member.email)[0], "/password/reset/")
    short = client.post(link, {"password": "kort", "password_confirm": "kort"})
    assert short.status_code == 200
    assert "aria-invalid" in short.get_data(as_text=True)
    different = client.post(link, {"password": "ny adgangskode 1", "password_confirm": "ny adgangskode 2"})
    assert "De to adgangskoder er ikke ens." in different.get_data(as_text=True)
    assert client.get(link).status_code == 200  # still unused


def test_an_expired_reset_link_is_refused(client, member):
    _ask_for_reset(client, member.email)
    link = _link_in(_mails_to(member.email)[0], "/password/reset/")
    db.session.execute(update(AuthToken).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    db.session.commit()
    assert client.get(link).status_code == 404
    assert client.post(link, {"password": "ny adgangskode 2026", "password_confirm": "ny adgangskode 2026"}).status_code == 404


def test_the_reset_link_expires_after_the_configured_hours(client, member, app):
    _ask_for_reset(client, member.email)
    row = db.session.scalar(select(AuthToken))
    expected = datetime.now(UTC) + timedelta(hours=app.config["PASSWORD_RESET_TTL_HOURS"])
    assert abs(row.expires_at - expected) < timedelta(minutes=1)


def test_reset_ends_the_members_other_sessions(make_client, member):
    elsewhere = make_client(member)
    assert _logged_in(elsewhere)
    client = make_client()
    _ask_for_reset(client, member.email)
    link = _link_in(_mails_to(member.email)[0], "/password/reset/")
    client.post(link, {"password": "ny adgangskode 2026", "password_confirm": "ny adgangskode 2026"})
    assert db.session.get(Member, member.id).session_version == 2
    assert not _logged_in(elsewhere)


@pytest.mark.parametrize("token", ["x", "a" * 500, "%FF%FE", "..%2F..%2Fetc"])
def test_garbage_reset_tokens_get_404(client, token):
    assert client.get(f"/password/reset/{token}").status_code == 404


# -- invitations ------------------------------------------------------------------------------------------------------


def _invite(email="new@aarhus.dk"):
    member = create_member(email=email, name="Nyt Medlem", organization_name="Aarhus Kommune")
    with current_app.test_request_context():  # the link is an absolute URL, as when a facilitator approves
        auth_service.send_invitation(member)
    db.session.commit()
    (mail,) = _mails_to(email)
    return member, _link_in(mail, "/invite/")


def test_an_invitation_sets_name_and_password_and_logs_in(client, app):
    member, link = _invite()
    page = client.get(link).get_data(as_text=True)
    assert 'value="Nyt Medlem"' in page
    response = client.post(link, {"name": "  Nanna   Nielsen ", "password": "min egen kode 1",
                                  "password_confirm": "min egen kode 1"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert "Velkommen, Nanna Nielsen" in client.get("/").get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Member, member.id).name == "Nanna Nielsen"
    assert _login(FormClientFactory.new(app), "new@aarhus.dk", "min egen kode 1").status_code == 302


def test_an_invitation_works_once(client, make_client, app):
    _, link = _invite()
    client.post(link, {"name": "Nanna", "password": "min egen kode 1", "password_confirm": "min egen kode 1"})
    other = make_client()
    assert other.get(link).status_code == 404
    assert other.post(link, {"name": "Mallory", "password": "overtaget 12345",
                             "password_confirm": "overtaget 12345"}).status_code == 404


def test_an_expired_invitation_gives_the_404_page(client, app):
    _, link = _invite()
    db.session.execute(update(AuthToken).values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
    db.session.commit()
    response = client.get(link)
    assert response.status_code == 404
    assert "Linket virker ikke længere" in response.get_data(as_text=True)


def test_an_invitation_link_is_no_reset_link(client, app):
    _, link = _invite()
    token = link.rsplit("/", 1)[1]
    assert client.get(f"/password/reset/{token}").status_code == 404


def test_an_invitation_needs_matching_passwords_and_a_name(client, app):
    _, link = _invite()
    response = client.post(link, {"name": "", "password": "min egen kode 1", "password_confirm": "noget andet 1"})
    assert response.status_code == 200
    assert not _logged_in(client)
    assert client.get(link).status_code == 200


class FormClientFactory:
    @staticmethod
    def new(app):
        from tests.conftest import FormClient

        return FormClient(app.test_client())


# -- throttling -------------------------------------------------------------------------------------------------------


def test_ten_failed_attempts_for_one_email_block_the_eleventh_even_with_the_right_password(client, member):
    for _ in range(10):
        assert _login(client, member.email, "wrong password").status_code == 200
    blocked = _login(client, member.email)
    assert blocked.status_code == 429
    page = blocked.get_data(as_text=True)
    assert "For mange forsøg" in page
    assert '<html lang="da">' in page
    assert not _logged_in(client)
    # Another member from the same address is not locked out by it.
    factories.make_member(email="bo@aarhus.dk", name="Bo", organization="Aarhus Kommune")
    assert _login(client, "bo@aarhus.dk").status_code == 302


def test_the_email_count_ignores_case_and_spaces(client, member):
    for variant in ["alice@aarhus.dk", "ALICE@aarhus.dk", " Alice@Aarhus.dk "] * 3 + ["alice@aarhus.dk"]:
        _login(client, variant, "wrong password")
    assert _login(client, member.email).status_code == 429


def test_successful_logins_do_not_count(make_client, member):
    for _ in range(12):
        client = make_client()
        assert _login(client, member.email).status_code == 302
    client = make_client()
    for _ in range(9):
        _login(client, member.email, "wrong password")
    assert _login(client, member.email).status_code == 302


def test_fifty_failed_attempts_from_one_address_block_it(client, member):
    for number in range(50):
        assert _login(client, f"guess{number}@aarhus.dk", "wrong password").status_code == 200
    response = _login(client, member.email)
    assert response.status_code == 429
    assert "For mange forsøg" in response.get_data(as_text=True)


def test_the_block_lifts_when_the_limiter_forgets(client, member):
    for _ in range(10):
        _login(client, member.email, "wrong password")
    assert _login(client, member.email).status_code == 429
    limiter.reset()
    assert _login(client, member.email).status_code == 302
