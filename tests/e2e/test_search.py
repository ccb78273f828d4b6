"""A member searches from the header box, filters, and opens a result, in Chromium."""
import pytest

from tests.factories import make_reply, make_thread

pytestmark = pytest.mark.e2e


def test_search_from_the_header_filter_and_open(page, live_server, login, member, other_member, axe_violations):
    thread = make_thread(member, title="Genoptræning med tablets", body="Borgerne træner hjemme", phases=("test",))
    make_reply(thread, other_member, body="Kommunerne i Syddanmark har gode erfaringer med <script>x()</script>")
    make_thread(other_member, title="Kommunernes indkøb", body="Udbud", phases=("tjek",))

    login(page, member.email)
    page.get_by_role("search").first.get_by_label("Søg i netværket").fill("kommunerne")
    page.get_by_role("search").first.get_by_role("button", name="Søg").click()
    assert "/search" in page.url
    results = page.locator(".search-result")
    assert results.count() == 2
    assert page.locator(".search-snippet mark").first.is_visible()
    assert axe_violations(page) == []

    page.get_by_label("Fase", exact=True).select_option("test")
    page.locator(".search-form").get_by_role("button", name="Søg").click()
    assert page.locator(".search-result").count() == 1
    page.get_by_role("link", name="Genoptræning med tablets").click()
    assert f"/threads/{thread.id}" in page.url
    page.wait_for_load_state("load")  # let the thread page's scripts finish before leaving

    page.goto(live_server.url + "/search?q=kommunerne&phase=hoest")
    assert page.get_by_role("heading", name="Ingen resultater").is_visible()
    page.get_by_role("link", name="Søg igen uden filtre").click()
    assert page.locator(".search-result").count() == 2
    assert axe_violations(page) == []
