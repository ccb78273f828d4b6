"""Members start a thread, reply, see what is unread, and no posted script ever runs (Chromium)."""
import re

import pytest

pytestmark = pytest.mark.e2e

PAYLOAD = (
    "Prøv lige det her: <img src=x onerror=alert(1)> og [et link](javascript:alert(2)) "
    "og <a href=\"jav&#x09;ascript:alert(3)\">et til</a> <svg onload=alert(4)></svg>"
)


def log_out(page):
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url(re.compile(r"/login"))


def test_start_reply_unread_and_no_script_runs(page, live_server, login, member, other_member, axe_violations):
    # Alice starts a thread tagged with two phases.
    login(page, member.email)
    page.goto(live_server.url + "/threads")
    page.get_by_role("link", name="Start en ny tråd").first.click()
    page.get_by_label("Titel").fill("Digital post til borgere over 65: sådan fik vi dem med")
    page.get_by_label("Indlæg").fill("Vi holdt **kaffemøder** på lokalcentrene.\n\n- 14 møder\n- 212 borgere")
    expect_preview = page.locator(".preview-body strong", has_text="kaffemøder")
    expect_preview.wait_for()  # the live preview, rendered by the server
    page.get_by_label("Tjek").check()
    page.get_by_label("Test").check()
    page.get_by_label("Dele – vi deler en innovation").check()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Opret tråden").click()
    page.get_by_role("heading", name="Digital post til borgere over 65: sådan fik vi dem med").wait_for()
    assert page.locator(".phase-tag", has_text="Tjek").is_visible()
    assert page.locator(".phase-tag", has_text="Test").is_visible()
    thread_url = page.url
    log_out(page)

    # Bo replies, and posts a payload; its preview must not run either.
    login(page, other_member.email)
    page.goto(thread_url)
    page.get_by_label("Dit svar").fill("Tak, Alice! Hvordan fandt I de frivillige?")
    page.get_by_role("button", name="Send svar").click()
    page.get_by_text("Dit svar er sendt.").wait_for()
    page.get_by_label("Dit svar").fill(PAYLOAD)
    page.locator(".preview-body").get_by_text("Prøv lige det her").wait_for()
    page.get_by_role("button", name="Send svar").click()
    page.get_by_text("Dit svar er sendt.").wait_for()
    log_out(page)

    # Alice sees the thread as unread, opens it and lands on the first new post.
    login(page, member.email)
    page.goto(live_server.url + "/threads")
    assert axe_violations(page) == []
    row = page.locator(".thread-row", has_text="Digital post til borgere over 65")
    assert row.locator(".unread-badge").inner_text() == "2 nye"
    row.get_by_role("link", name="Digital post til borgere over 65: sådan fik vi dem med").click()
    page.wait_for_load_state()
    assert re.search(r"#post-\d+$", page.url)
    first_new = page.locator("article.post.is-new").first
    assert "Hvordan fandt I de frivillige?" in first_new.inner_text()
    assert first_new.evaluate("el => el.id") == page.url.rsplit("#", 1)[1]
    assert page.get_by_text("Bo Bech").first.is_visible()

    # The payload is plain text and dead links: clicking them runs nothing (a dialog fails the test).
    payload_post = page.locator("article.post", has_text="Prøv lige det her")
    assert payload_post.locator("img").count() == 0
    assert payload_post.locator("svg").count() == 0
    for link in payload_post.locator(".post-body a").all():
        assert link.get_attribute("href") is None
        link.click()
    page.wait_for_timeout(300)
    assert page.evaluate("() => document.querySelectorAll('[onerror],[onload],[onclick]').length") == 0
    assert axe_violations(page) == []
    page.screenshot(path="/tmp/threads-e2e.png", full_page=True)

    # Back on the list the thread is read.
    page.goto(live_server.url + "/threads")
    assert page.locator(".thread-row", has_text="Digital post").locator(".unread-badge").count() == 0
