"""A member records that their organization reuses a shared innovation; /spreading shows it."""
import pytest
from argon2 import PasswordHasher

from forum.auth import passwords
from forum.spreading import service
from tests import factories


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    """Argon2 at full strength costs most of these tests' time; they test reuse, not hashing."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


pytestmark = pytest.mark.e2e

SCREENSHOT = "/tmp/spreading-e2e.png"


@pytest.fixture
def innovations(app, member):
    """Two shared innovations, reused by other organizations at different phases."""
    sofie = factories.make_member("sofie@odense.dk", "Sofie Sørensen", "Odense Kommune")
    emil = factories.make_member("emil@aalborg.dk", "Emil Eriksen", "Aalborg Kommune")
    carol = factories.make_member("carol@rm.dk", "Carol Christensen", "Region Midtjylland")
    tablets = factories.make_thread(sofie, title="Ældre lærer ældre at bruge tablet", route="share")
    rehab = factories.make_thread(emil, title="Hverdagsrehabilitering før visitation til hjemmehjælp",
                                  route="share", phases=("test", "implementer"))
    factories.make_thread(carol, title="Patientpanel der tester nye løsninger tidligt", route="share")
    for thread, who, slug in [(tablets, emil, "implementer"), (tablets, carol, "tjek"),
                              (rehab, sofie, "hoest"), (rehab, carol, "fjern")]:
        service.record_reuse(thread, who, service.phase_by_slug(slug), "")
    return tablets


def test_member_records_reuse_and_sees_it_on_the_spreading_map(page, live_server, login, axe_violations,
                                                               innovations):
    login(page, "alice@aarhus.dk")
    page.goto(f"{live_server.url}/threads/{innovations.id}")
    panel = page.locator("#genbrug")
    panel.get_by_label("Fase i Spredningsguiden").select_option("tilpas")
    panel.get_by_label("Note (valgfri)").fill("Vi tilpasser forløbet til vores lokalcentre.")
    panel.get_by_role("button", name="Registrér genbrug").click()
    page.wait_for_load_state()
    assert "Aarhus Kommune er registreret som genbruger" in page.content()
    assert page.locator("#genbrug").get_by_role("rowheader", name="Aarhus Kommune").is_visible()
    page.locator("#genbrug summary").first.click()
    page.locator("#genbrug").screenshot(path="/tmp/spreading-panel-e2e.png")

    page.goto(f"{live_server.url}/spreading")
    table = page.get_by_role("table", name="Organisationer pr. fase for hver delt innovation, mest spredt først")
    row = table.get_by_role("row").filter(has_text="Ældre lærer ældre at bruge tablet")
    assert row.get_by_role("cell").last.inner_text().strip() == "3"
    chart = page.get_by_role("img", name="Organisationer pr. fase for hver delt innovation")
    assert chart.is_visible()
    page.screenshot(path=SCREENSHOT, full_page=True)
    chart.screenshot(path="/tmp/spreading-chart-e2e.png")
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/spreading?phase=tilpas")
    assert "Ældre lærer ældre at bruge tablet" in page.content()
    assert "Patientpanel der tester" not in page.content()


def test_facilitator_reads_the_yearly_report(page, live_server, login, axe_violations, innovations, facilitator):
    login(page, "majken@coi.dk")
    page.goto(f"{live_server.url}/admin/report")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Årsrapport")
    for name in ("Tråde og indlæg pr. fase", "Sparringsanmodninger", "Genbrug af delte innovationer",
                 "Deltagelse i netværksmøder"):
        assert page.get_by_role("heading", name=name).is_visible()
    assert page.get_by_role("img", name="Genbrug af delte innovationer").is_visible()
    page.screenshot(path="/tmp/spreading-report-e2e.png", full_page=True)
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som CSV").click()
    assert download.value.suggested_filename.startswith("spredningsnetvaerket-rapport-")
