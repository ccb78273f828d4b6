"""Membership administration through the test client: access, applications, seats, fees, roles, phases."""
from datetime import date

import pytest
from flask import g, request_started
from sqlalchemy import func, select

from forum.extensions import db
from forum.members.applications import Application
from forum.members.models import Member, Membership
from forum.moderation.models import AuditEntry
from forum.notify.models import OutboxMail
from forum.threads.models import Phase
from tests import factories

YEAR = date.today().year


@pytest.fixture(autouse=True)
def one_login_per_client(app):
    """The `app` fixture keeps one app context per test; give each request an empty `g`
    (flask-login and flask-wtf cache the user and the CSRF token there)."""
    def forget(sender, **extra):
        g.__dict__.clear()

    request_started.connect(forget, app)
    yield
    request_started.disconnect(forget, app)


def application(email="nina@aarhus.dk", organization="Aarhus Kommune", name="Nina Nielsen") -> Application:
    row = Application(name=name, email=email, organization_name=organization, title="Konsulent",
                      motivation="Jeg vil dele og genbruge.", commitment=True, year=YEAR)
    db.session.add(row)
    db.session.commit()
    return row


def audit_count(action: str) -> int:
    return db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == action))


GET_PAGES = ["/admin", "/admin/applications", "/admin/organizations", "/admin/memberships", "/admin/fees",
             "/admin/fees.csv", "/admin/roles", "/admin/phases", "/admin/audit"]


def test_member_gets_403_on_every_admin_endpoint(app, member_client, member, other_member):
    pending = application()
    phase = db.session.scalar(select(Phase).limit(1))
    for url in GET_PAGES:
        assert member_client.get(url).status_code == 403, url
    posts = {
        f"/admin/applications/{pending.id}/approve": {},
        f"/admin/applications/{pending.id}/reject": {},
        f"/admin/memberships/{other_member.id}/renew": {"year": str(YEAR + 1)},
        "/admin/roles": {"member_id": str(member.id), "role": "admin"},
        "/admin/phases": {"phase_id": str(phase.id), "label_da": "X", "label_en": "X"},
    }
    for url, data in posts.items():
        assert member_client.post(url, data).status_code == 403, url
    # every admin URL on the blueprint is covered above
    admin_rules = {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith("admin.")}
    covered = set(GET_PAGES) | {"/admin/applications/<int:application_id>/approve",
                                "/admin/applications/<int:application_id>/reject",
                                "/admin/memberships/<int:member_id>/renew"}
    assert admin_rules <= covered
    db.session.refresh(pending)
    db.session.refresh(member)
    assert pending.status == "pending" and member.role == "member"
    assert db.session.scalar(select(func.count(Membership.id)).where(Membership.year == YEAR + 1)) == 0


def test_anonymous_is_sent_to_login(client):
    for url in GET_PAGES:
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"], url


def test_facilitator_sees_every_admin_page(facilitator_client):
    index = facilitator_client.get("/admin").get_data(as_text=True)
    for url in GET_PAGES[1:]:
        assert facilitator_client.get(url).status_code == 200, url
        if url not in ("/admin/fees.csv", "/admin/audit"):
            assert f'href="{url}"' in index, url
    assert 'href="/admin/audit"' in index or 'href="/moderation/audit"' in index


def test_approve_creates_member_membership_and_invitation(facilitator_client, facilitator):
    pending = application()
    page = facilitator_client.get("/admin/applications").get_data(as_text=True)
    assert "Nina Nielsen" in page and "Jeg vil dele og genbruge." in page
    response = facilitator_client.post(f"/admin/applications/{pending.id}/approve")
    assert response.status_code == 302
    member = db.session.scalar(select(Member).where(Member.email == "nina@aarhus.dk"))
    assert member is not None and member.organization.name == "Aarhus Kommune" and member.password_hash is None
    assert [m.year for m in member.memberships] == [YEAR]
    db.session.refresh(pending)
    assert pending.status == "approved" and pending.member_id == member.id and pending.reviewed_by_id == facilitator.id
    mail = db.session.scalar(select(OutboxMail).where(OutboxMail.recipient == "nina@aarhus.dk"))
    assert "/invite/" in mail.body_text
    assert audit_count("application_approve") == 1
    # a second approval is refused and creates nothing
    facilitator_client.post(f"/admin/applications/{pending.id}/approve")
    assert db.session.scalar(select(func.count(Member.id)).where(Member.email == "nina@aarhus.dk")) == 1


def test_fourth_member_of_organization_is_refused_on_approval(facilitator_client):
    for n in range(3):
        factories.make_member(email=f"m{n}@aarhus.dk", name=f"Medlem {n}", organization="Aarhus Kommune")
    pending = application()
    response = facilitator_client.post(f"/admin/applications/{pending.id}/approve", follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "Aarhus Kommune har allerede 3 medlemmer" in text
    assert db.session.scalar(select(Member).where(Member.email == "nina@aarhus.dk")) is None
    db.session.refresh(pending)
    assert pending.status == "pending"
    assert db.session.scalar(select(func.count(OutboxMail.id)).where(OutboxMail.recipient == "nina@aarhus.dk")) == 0


def test_reject_sends_polite_mail(facilitator_client):
    pending = application()
    assert facilitator_client.post(f"/admin/applications/{pending.id}/reject").status_code == 302
    db.session.refresh(pending)
    assert pending.status == "rejected"
    mail = db.session.scalar(select(OutboxMail).where(OutboxMail.recipient == "nina@aarhus.dk"))
    assert "Tak for din interesse" in mail.body_text
    assert audit_count("application_reject") == 1


def test_unknown_application_is_404(facilitator_client):
    assert facilitator_client.post("/admin/applications/999/approve").status_code == 404


def test_approve_without_csrf_is_400_and_changes_nothing(facilitator_client):
    pending = application()
    assert facilitator_client.post(f"/admin/applications/{pending.id}/approve", csrf=False).status_code == 400
    assert facilitator_client.post("/admin/roles", {"member_id": "1", "role": "facilitator"}, csrf=False).status_code == 400
    db.session.refresh(pending)
    assert pending.status == "pending"
    assert db.session.scalar(select(func.count(Member.id)).where(Member.email == "nina@aarhus.dk")) == 0


def test_fees_page_and_csv(facilitator_client):
    for email, name in (("a@aarhus.dk", "Alice"), ("b@aarhus.dk", "Bo"), ("c@aarhus.dk", "Cai")):
        factories.make_member(email=email, name=name, organization="Aarhus Kommune")
    page = facilitator_client.get(f"/admin/fees?year={YEAR}").get_data(as_text=True)
    assert "9.000,00 kr." in page and "2.250,00 kr." in page and "11.250,00 kr." in page
    # The rules the page states come from the constants the fees are computed from.
    assert "betaler 4.000,00 kr., hver følgende kollega 2.500,00 kr. (højst 3 i alt). Hertil 25 % moms." in page
    response = facilitator_client.get(f"/admin/fees.csv?year={YEAR}")
    assert response.mimetype == "text/csv"
    body = response.data.decode("utf-8-sig")
    assert f"{YEAR};Aarhus Kommune;3;" in body and body.rstrip().endswith("9000,00;2250,00;11250,00")
    for bad in ("abc", "-1", "99999", "2026.5"):
        assert facilitator_client.get(f"/admin/fees?year={bad}").status_code == 400


def test_organizations_and_memberships_per_year(facilitator_client, member):
    page = facilitator_client.get("/admin/organizations").get_data(as_text=True)
    assert "Aarhus Kommune" in page and "Alice Andersen" in page and "1 / 3" in page


def test_renew_for_next_year(facilitator_client, member):
    page = facilitator_client.get("/admin/memberships").get_data(as_text=True)
    assert f"Forny for {YEAR + 1}" in page
    response = facilitator_client.post(f"/admin/memberships/{member.id}/renew", {"year": str(YEAR + 1)})
    assert response.status_code == 302
    db.session.refresh(member)
    assert [m.year for m in member.memberships] == [YEAR, YEAR + 1]
    assert member.memberships[-1].starts == date(YEAR + 1, 1, 1) and member.memberships[-1].ends == date(YEAR + 1, 12, 31)
    assert audit_count("membership_renew") == 1
    assert facilitator_client.post(f"/admin/memberships/{member.id}/renew", {"year": "1999"}).status_code == 400


def test_renewal_obeys_three_seats(facilitator_client):
    members = [factories.make_member(email=f"m{n}@aarhus.dk", name=f"M {n}", organization="Aarhus Kommune")
               for n in range(3)]
    fourth = factories.make_member(email="m3@aarhus.dk", name="M 3", organization="Aarhus Kommune 2")
    for m in members:
        facilitator_client.post(f"/admin/memberships/{m.id}/renew", {"year": str(YEAR + 1)})
    fourth.organization = members[0].organization
    db.session.commit()
    response = facilitator_client.post(f"/admin/memberships/{fourth.id}/renew", {"year": str(YEAR + 1)},
                                       follow_redirects=True)
    assert "har allerede 3 medlemmer" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Membership.id)).where(Membership.year == YEAR + 1)) == 3


def test_roles(admin_client, facilitator_client, member, facilitator, admin):
    # facilitators make members facilitators, but never admins
    assert facilitator_client.post("/admin/roles", {"member_id": member.id, "role": "admin"}).status_code == 403
    assert facilitator_client.post("/admin/roles", {"member_id": admin.id, "role": "member"}).status_code == 403
    assert facilitator_client.post("/admin/roles", {"member_id": facilitator.id, "role": "member"}).status_code == 403
    db.session.refresh(member)
    assert member.role == "member"
    assert facilitator_client.post("/admin/roles", {"member_id": member.id, "role": "facilitator"}).status_code == 302
    db.session.refresh(member)
    assert member.role == "facilitator"
    assert admin_client.post("/admin/roles", {"member_id": member.id, "role": "admin"}).status_code == 302
    db.session.refresh(member)
    assert member.role == "admin"
    assert admin_client.post("/admin/roles", {"member_id": member.id, "role": "emperor"}).status_code == 400
    assert admin_client.post("/admin/roles", {"member_id": "x", "role": "member"}).status_code == 400
    assert admin_client.post("/admin/roles", {"member_id": "9999", "role": "member"}).status_code == 404
    assert audit_count("role_change") == 2


def test_phases_admins_edit_labels_never_slugs(admin_client, facilitator_client):
    phase = db.session.scalar(select(Phase).where(Phase.slug == "fjern"))
    data = {"phase_id": phase.id, "label_da": "Fjern barrierer", "label_en": "Remove barriers",
            "description_da": "Ny beskrivelse", "description_en": "New description", "slug": "hacked"}
    assert facilitator_client.get("/admin/phases").status_code == 200
    assert facilitator_client.post("/admin/phases", data).status_code == 403
    assert admin_client.post("/admin/phases", data).status_code == 302
    db.session.refresh(phase)
    assert phase.slug == "fjern" and phase.label_en == "Remove barriers" and phase.description_da == "Ny beskrivelse"
    admin_client.post("/admin/phases", {**data, "label_da": "", "label_en": "x" * 500})
    db.session.refresh(phase)
    assert phase.label_da == "Fjern barrierer"
    assert audit_count("phase_edit") == 1
