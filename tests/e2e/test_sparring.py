"""Alice asks Carol for sparring by phone; Bo cannot open it; Carol offers; Alice accepts; both see contacts."""
import re

import pytest
from playwright.sync_api import expect

from forum.extensions import db
from forum.sparring import profiles
from tests import factories

pytestmark = pytest.mark.e2e

TITLE = "Sparring på gevinstrealisering af velfærdsteknologi"


@pytest.fixture
def carol(app):
    carol = factories.make_member(email="carol@rm.dk", name="Carol Christensen", organization="Region Midtjylland",
                                  phone="+45 20 30 40 50")
    profiles.save_profile(carol, open_now=True, phase_slugs=["test", "hoest"], note="Velfærdsteknologi i regionen")
    return carol


def log_out(page):
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_load_state()


def test_alice_asks_carol_for_sparring_by_phone(page, live_server, login, member, other_member, carol,
                                                axe_violations):
    alice, bo = member, other_member
    alice.phone = "+45 11 22 33 44"
    db.session.commit()

    # Alice asks Carol, whom the form suggests once she ticks the phase (sparring.js).
    login(page, alice.email)
    page.get_by_role("link", name="Sparring", exact=True).first.click()
    page.get_by_role("link", name="Bed om sparring").first.click()
    page.get_by_label("Overskrift").fill(TITLE)
    page.get_by_label("Hvad vil du gerne sparre om?").fill(
        "Vi har afprøvet skylletoiletter på to plejecentre og skal beslutte, om de skal bredes ud. "
        "Hvordan har I gjort gevinsterne op, så ledelsen kunne bruge det?")
    page.get_by_label("Test", exact=True).check()
    suggestion = page.get_by_label("Carol Christensen, Region Midtjylland")
    expect(suggestion).to_be_visible()
    suggestion.check()
    page.get_by_label("Telefon", exact=True).check()
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/sparring-e2e-new.png", full_page=True)
    page.get_by_role("button", name="Send anmodningen").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    request_url = page.url
    assert re.search(r"/sparring/\d+$", request_url)
    expect(page.get_by_text("Rettet til bestemte medlemmer")).to_be_visible()
    assert axe_violations(page) == []
    log_out(page)

    # Bo is not among the recipients: for him the request does not exist.
    login(page, bo.email)
    response = page.goto(request_url)
    assert response.status == 404
    page.goto(live_server.url + "/sparring?status=all")
    expect(page.get_by_text(TITLE)).to_have_count(0)
    page.screenshot(path="/tmp/sparring-e2e-list.png", full_page=True)
    assert axe_violations(page) == []
    log_out(page)

    # Carol sees it on her dashboard, opens it and offers; no contact details yet.
    login(page, carol.email)
    page.goto(live_server.url + "/sparring/profile")
    assert axe_violations(page) == []
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=TITLE).first.click()
    expect(page.get_by_text(alice.email)).to_have_count(0)
    page.get_by_label("Din besked").fill("Det vil jeg gerne. Ring til mig en formiddag, så tager vi en snak.")
    page.get_by_role("button", name="Send tilbud").click()
    expect(page.get_by_text("Dit tilbud er sendt til Alice Andersen.")).to_be_visible()
    log_out(page)

    # Alice accepts; now she sees Carol's email and phone.
    login(page, alice.email)
    page.goto(request_url)
    expect(page.get_by_text(carol.email)).to_have_count(0)
    page.get_by_role("button", name="Acceptér tilbuddet fra Carol Christensen").click()
    expect(page.get_by_text("Du har accepteret tilbuddet fra Carol Christensen.")).to_be_visible()
    expect(page.get_by_role("link", name=carol.email).first).to_be_visible()
    expect(page.get_by_text("+45 20 30 40 50").first).to_be_visible()
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/sparring-e2e.png", full_page=True)
    log_out(page)

    # And Carol sees Alice's.
    login(page, carol.email)
    page.goto(request_url)
    expect(page.get_by_role("link", name=alice.email).first).to_be_visible()
    expect(page.get_by_text("+45 11 22 33 44").first).to_be_visible()
    page.screenshot(path="/tmp/sparring-e2e-carol.png", full_page=True)
