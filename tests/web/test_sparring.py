"""The sparring pages through the test client: forms, CSRF, 404s and 403s, contact details."""
import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from forum.auth import passwords
from forum.extensions import db
from forum.notify.models import Notification, OutboxMail
from forum.sparring import profiles, service
from forum.sparring.models import SparringOffer, SparringRequest
from tests import factories


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    """These tests log in a lot; what they test is sparring, not Argon2's cost."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def carol(app):
    return factories.make_member(email="carol@rm.dk", name="Carol Christensen", organization="Region Midtjylland",
                                 phone="+45 20 30 40 50")


@pytest.fixture
def carol_client(make_client, carol):
    return make_client(carol)


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def directed_request(requester, *recipients, **fields):
    values = dict(title="Sparring på gevinstrealisering af velfærdsteknologi", body="Hvordan gør I?",
                  phase_slugs=["test"], channels=["phone"], recipient_ids=[m.id for m in recipients])
    values.update(fields)
    return service.create_request(requester, **values)


NEW_FORM = {
    "title": "Sparring på gevinstrealisering af velfærdsteknologi",
    "body": "Vi har afprøvet skylletoiletter. Hvordan gør **I** gevinsterne op?",
    "phases": ["test", "hoest"],
    "channels": ["phone", "mail"],
}


def test_pages_render(member_client):
    for url in ("/sparring", "/sparring?view=for-me", "/sparring?view=mine&status=all&phase=tjek",
                "/sparring/new", "/sparring/profile", "/sparring?status=<script>&phase=x&view=y&page=-3",
                "/sparring?page=99999999999999999999999"):
        response = member_client.get(url)
        assert response.status_code == 200, url
    assert "Bed om sparring" in member_client.get("/sparring").get_data(as_text=True)


def test_anonymous_is_sent_to_login(client):
    for url in ("/sparring", "/sparring/new", "/sparring/1", "/sparring/profile"):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert client.post("/sparring/1/offers", {"message": "x"}).status_code in (302, 400)


def test_new_directed_request(member_client, member, carol):
    response = member_client.post("/sparring/new", {**NEW_FORM, "recipients": [str(carol.id)]})
    assert response.status_code == 302
    request = db.session.scalars(select(SparringRequest)).one()
    assert response.headers["Location"].endswith(f"/sparring/{request.id}")
    assert [m.id for m in request.recipients] == [carol.id] and not request.open_to_all
    assert request.channels == "phone,mail" and request.requester_id == member.id
    page = member_client.get(f"/sparring/{request.id}").get_data(as_text=True)
    assert "<strong>I</strong>" in page and "Carol Christensen" in page
    assert db.session.scalar(select(func.count()).select_from(Notification).where(Notification.member_id == carol.id)) == 1
    assert db.session.scalar(select(func.count()).select_from(OutboxMail).where(OutboxMail.recipient == carol.email)) == 1


def test_new_open_request_without_recipients(member_client):
    assert member_client.post("/sparring/new", {**NEW_FORM, "answer_by": "2099-01-01"}).status_code == 422
    assert member_client.post("/sparring/new", NEW_FORM).status_code == 302
    assert db.session.scalars(select(SparringRequest)).one().open_to_all


def test_new_request_without_csrf_is_400_and_stores_nothing(member_client):
    response = member_client.post("/sparring/new", NEW_FORM, csrf=False)
    assert response.status_code == 400
    assert count(SparringRequest) == 0


@pytest.mark.parametrize("bad", [
    {"title": ""},
    {"title": "x" * 500},
    {"phases": ["nope"]},
    {"phases": []},
    {"channels": ["fax"]},
    {"channels": []},
    {"recipients": ["abc"]},
    {"recipients": ["99999"]},
    {"recipients": ["1" * 40]},
    {"answer_by": "i morgen"},
    {"answer_by": "2000-01-01"},
    {"body": "x" * 30_000},
])
def test_new_request_refuses_bad_input_clearly(member_client, bad):
    response = member_client.post("/sparring/new", {**NEW_FORM, **bad})
    assert response.status_code == 422
    assert count(SparringRequest) == 0


def test_cannot_ask_yourself(member_client, member):
    response = member_client.post("/sparring/new", {**NEW_FORM, "recipients": [str(member.id)]})
    assert response.status_code == 422
    assert "dig selv" in response.get_data(as_text=True)


def test_suggestions_round_trip_without_js(member_client, member, carol, other_member):
    profiles.save_profile(carol, open_now=True, phase_slugs=["test"], note="Gevinster")
    profiles.save_profile(member, open_now=True, phase_slugs=["test"])
    other_member.active = False
    profiles.save_profile(other_member, open_now=True, phase_slugs=["test"])
    dorte = factories.make_member(email="dorte@vejle.dk", name="Dorte Damgaard", organization="Vejle Kommune")
    profiles.save_profile(dorte, open_now=True, phase_slugs=["test", "hoest"], note="Hjemmeplejen")
    page = member_client.get("/sparring/new?phases=test&title=Hej").get_data(as_text=True)
    assert f'name="recipients" value="{carol.id}"' in page and f'id="recipient-{dorte.id}"' in page
    assert "„Hjemmeplejen“" in page
    assert f'id="recipient-{member.id}"' not in page and f'id="recipient-{other_member.id}"' not in page
    assert 'value="Hej"' in page and 'value="test" checked' in page
    # The button in the form does the same with a POST that keeps what was typed and stores nothing.
    response = member_client.post("/sparring/new", {**NEW_FORM, "phases": ["test"], "suggest": "1"})
    assert response.status_code == 200
    assert f'id="recipient-{carol.id}"' in response.get_data(as_text=True)
    assert count(SparringRequest) == 0
    fragment = member_client.get("/sparring/suggestions?phases=test&phases=bogus").get_data(as_text=True)
    assert "Carol Christensen" in fragment and "<html" not in fragment
    # A member ticked before the phases changed stays ticked.
    kept = member_client.get(f"/sparring/suggestions?phases=tjek&recipients={carol.id}").get_data(as_text=True)
    assert f'value="{carol.id}" checked' in kept
    assert member_client.get("/sparring/suggestions?phases=tjek&recipients=x&recipients=99999999999").status_code == 200


def test_directed_request_is_404_to_outsiders_and_not_listed(member, carol, other_client):
    request = directed_request(member, carol)
    assert other_client.get(f"/sparring/{request.id}").status_code == 404
    assert other_client.post(f"/sparring/{request.id}/offers", {"message": "Hej"}).status_code == 404
    assert other_client.post(f"/sparring/{request.id}/close").status_code == 404
    assert request.title not in other_client.get("/sparring?status=all").get_data(as_text=True)
    assert request.title not in other_client.get("/").get_data(as_text=True)
    assert other_client.get("/sparring/999999").status_code == 404
    assert other_client.get("/sparring/99999999999999999999").status_code == 404
    assert count(SparringOffer) == 0


def test_recipient_and_facilitator_see_a_directed_request(member, carol, carol_client, facilitator_client):
    request = directed_request(member, carol)
    assert carol_client.get(f"/sparring/{request.id}").status_code == 200
    assert request.title in carol_client.get("/sparring?view=for-me").get_data(as_text=True)
    assert request.title in carol_client.get("/").get_data(as_text=True)  # dashboard panel
    assert facilitator_client.get(f"/sparring/{request.id}").status_code == 200
    # A facilitator oversees a directed request but does not answer it.
    assert facilitator_client.post(f"/sparring/{request.id}/offers", {"message": "Hej"}).status_code == 403


def test_offer_accept_and_contact_details(member, member_client, carol, carol_client, other_member):
    member.phone = "+45 11 22 33 44"
    db.session.commit()
    request = directed_request(member, carol)
    url = f"/sparring/{request.id}"
    before_alice = member_client.get(url).get_data(as_text=True)
    before_carol = carol_client.get(url).get_data(as_text=True)
    assert member.email not in before_carol and "11 22 33 44" not in before_carol

    assert carol_client.post(f"{url}/offers", {"message": "Ring til mig, så tager vi en snak."}).status_code == 302
    offer = db.session.scalars(select(SparringOffer)).one()
    page = member_client.get(url).get_data(as_text=True)
    assert "Ring til mig" in page and carol.email not in page and "20 30 40 50" not in page
    assert carol.email not in before_alice

    # Carol cannot accept her own offer; the offer id must belong to the request.
    assert carol_client.post(f"{url}/offers/{offer.id}/accept").status_code == 403
    assert member_client.post(f"{url}/offers/{offer.id + 1}/accept").status_code == 404
    assert member_client.post(f"{url}/offers/{offer.id}/accept", csrf=False).status_code == 400
    db.session.refresh(offer)
    assert not offer.accepted

    assert member_client.post(f"{url}/offers/{offer.id}/accept").status_code == 302
    alice_sees = member_client.get(url).get_data(as_text=True)
    carol_sees = carol_client.get(url).get_data(as_text=True)
    assert carol.email in alice_sees and "+45 20 30 40 50" in alice_sees
    assert member.email in carol_sees and "+45 11 22 33 44" in carol_sees


def test_profile_choice_shows_contact_details_before_accept(member, carol, carol_client):
    member.show_email = True
    db.session.commit()
    request = directed_request(member, carol)
    page = carol_client.get(f"/sparring/{request.id}").get_data(as_text=True)
    assert member.email in page


def test_offer_rules_through_the_pages(member, member_client, carol, carol_client):
    request = directed_request(member, carol)
    url = f"/sparring/{request.id}"
    assert member_client.post(f"{url}/offers", {"message": "Mig selv"}).status_code == 403
    assert carol_client.post(f"{url}/offers", {"message": "Hej"}, csrf=False).status_code == 400
    assert carol_client.post(f"{url}/offers", {"message": ""}).status_code == 302
    assert carol_client.post(f"{url}/offers", {"message": "x" * 6000}).status_code == 302
    assert count(SparringOffer) == 0
    assert carol_client.post(f"{url}/offers", {"message": "Gerne"}).status_code == 302
    response = carol_client.post(f"{url}/offers", {"message": "Igen"}, follow_redirects=True)
    assert "allerede" in response.get_data(as_text=True)
    assert count(SparringOffer) == 1


def test_close_rules_and_learning(member, member_client, carol, carol_client, facilitator_client):
    request = directed_request(member, carol)
    url = f"/sparring/{request.id}"
    assert carol_client.post(f"{url}/close").status_code == 403
    assert member_client.post(f"{url}/close", {"learning": "x"}, csrf=False).status_code == 400
    assert member_client.post(f"{url}/close", {"learning": "Tal med *økonomerne* først."}).status_code == 302
    db.session.refresh(request)
    assert request.status == "closed"
    page = member_client.get(url).get_data(as_text=True)
    assert "<em>økonomerne</em>" in page and "Del det, du lærte, som en tråd" in page
    response = carol_client.post(f"{url}/offers", {"message": "For sent"}, follow_redirects=True)
    assert "lukket" in response.get_data(as_text=True)
    assert count(SparringOffer) == 0
    assert carol_client.post(f"{url}/publish").status_code == 403
    assert member_client.post(f"{url}/publish").status_code == 302
    db.session.refresh(request)
    assert request.learning_thread_id is not None
    assert facilitator_client.post(f"{url}/close", follow_redirects=True).status_code == 200


def test_facilitator_closes_any_request(member, carol, facilitator_client):
    request = directed_request(member, carol)
    assert facilitator_client.post(f"/sparring/{request.id}/close").status_code == 302
    db.session.refresh(request)
    assert request.status == "closed"


def test_no_accepting_on_a_closed_request_through_the_page(member, member_client, carol):
    request = directed_request(member, carol)
    offer = service.make_offer(request, carol, "Gerne")
    service.close_request(request, member)
    response = member_client.post(f"/sparring/{request.id}/offers/{offer.id}/accept", follow_redirects=True)
    assert "lukket" in response.get_data(as_text=True)
    db.session.refresh(offer)
    assert not offer.accepted


def test_sparring_profile_form(member_client, member):
    assert member_client.post("/sparring/profile", {"open_now": "y", "phases": ["tjek", "hoest"],
                                                    "note": "Gevinster"}).status_code == 302
    profile = profiles.profile_of(member)
    assert profile.open_now and [p.slug for p in profile.phases] == ["tjek", "hoest"]
    page = member_client.get("/sparring/profile").get_data(as_text=True)
    assert 'value="hoest" checked' in page
    assert member_client.post("/sparring/profile", {"phases": ["nope"]}).status_code == 422
    assert member_client.post("/sparring/profile", {"phases": ["tjek"]}, csrf=False).status_code == 400
    assert [p.slug for p in profiles.profile_of(member).phases] == ["tjek", "hoest"]


def test_export_contains_sparring(member_client, member, carol):
    directed_request(member, carol)
    data = member_client.get("/profile/export").get_json()
    assert data["sparring"]["requests"][0]["title"].startswith("Sparring på")


def test_hostile_markdown_is_sanitized(member_client):
    form = {**NEW_FORM, "body": "<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))"}
    assert member_client.post("/sparring/new", form).status_code == 302
    request = db.session.scalars(select(SparringRequest)).one()
    page = member_client.get(f"/sparring/{request.id}").get_data(as_text=True)
    assert "<script>alert" not in page and "onerror" not in page and "javascript:alert" not in page


def test_search_shows_a_directed_request_only_to_those_who_may_see_it(member, member_client, carol, carol_client,
                                                                       other_client, facilitator_client):
    request = directed_request(member, carol, title="Skylletoiletter og gevinstrealisering")
    open_one = service.create_request(member, title="Skylletoiletter for alle", body="Åben anmodning",
                                      phase_slugs=["test"], channels=["mail"])
    url = "/search?q=skylletoiletter&type=sparring"
    outsider = other_client.get(url).get_data(as_text=True)
    assert f"/sparring/{request.id}\"" not in outsider and f"/sparring/{open_one.id}\"" in outsider
    for insider in (member_client, carol_client, facilitator_client):
        page = insider.get(url).get_data(as_text=True)
        assert f"/sparring/{request.id}\"" in page


def _statements_for(client, url):
    from sqlalchemy import event

    seen = []

    def count_statement(*_args):
        seen.append(1)

    event.listen(db.engine, "before_cursor_execute", count_statement)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count_statement)
    return len(seen)


def test_list_and_request_pages_make_no_query_per_row(member, carol, other_member, carol_client):
    def add(n):
        for i in range(n):
            request = directed_request(member, carol, title=f"Anmodning {i}", phase_slugs=["test", "hoest"])
            service.make_offer(request, carol, "Gerne")
        return request

    add(2)
    few = _statements_for(carol_client, "/sparring?status=all")
    last = add(8)
    many = _statements_for(carol_client, "/sparring?status=all")
    assert many == few
    assert _statements_for(carol_client, f"/sparring/{last.id}") < 25


def test_nul_bytes_and_control_characters_never_reach_the_database(member_client, member, carol, carol_client):
    form = {**NEW_FORM, "title": "Gevinst\x00realisering", "body": "Krop\x00tekst", "recipients": [str(carol.id)]}
    assert member_client.post("/sparring/new", form).status_code == 302
    request = db.session.scalars(select(SparringRequest)).one()
    assert request.title == "Gevinstrealisering" and "\x00" not in request.body_source
    assert carol_client.post(f"/sparring/{request.id}/offers", {"message": "Ja\x00tak"}).status_code == 302
    assert db.session.scalars(select(SparringOffer)).one().message == "Jatak"
    assert member_client.post("/sparring/profile", {"phases": ["tjek"], "note": "a\x00b"}).status_code == 302
    assert profiles.profile_of(member).note == "ab"
    assert member_client.post(f"/sparring/{request.id}/close", {"learning": "x\x00y"}).status_code == 302
    db.session.refresh(request)
    assert request.learning_source == "xy"
