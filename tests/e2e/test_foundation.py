"""A person logs in, sees the dashboard, switches language and logs out, in Chromium."""
import pytest

pytestmark = pytest.mark.e2e


def test_login_dashboard_language_logout(page, live_server, login, member, axe_violations):
    page.goto(live_server.url + "/")
    assert "/login" in page.url
    assert page.locator("html").get_attribute("lang") == "da"
    assert axe_violations(page) == []

    login(page, member.email)
    assert page.get_by_role("heading", name="Velkommen, Alice Andersen").is_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Alice Andersen").first.click()
    page.get_by_label("Sprog").select_option("en")
    page.get_by_role("button", name="Gem profil").click()
    assert page.locator("html").get_attribute("lang") == "en"
    page.screenshot(path="/tmp/foundation-profile-en.png", full_page=True)

    page.get_by_role("button", name="Log out").click()
    assert "/login" in page.url
    page.goto(live_server.url + "/")
    assert "/login" in page.url


def test_wrong_password_gives_one_generic_message(page, live_server, member):
    page.goto(live_server.url + "/login")
    page.get_by_label("E-mail").fill(member.email)
    page.get_by_label("Adgangskode").fill("wrong password")
    page.get_by_role("button", name="Log ind").click()
    assert page.get_by_text("Forkert e-mail eller adgangskode.").is_visible()
