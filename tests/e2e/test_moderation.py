"""A member flags a post, a facilitator hides it from the queue, the author sees it marked
hidden and another member no longer sees it (Chromium)."""
import re

import pytest

from tests.factories import make_reply, make_thread

pytestmark = pytest.mark.e2e


def log_out(page):
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_url(re.compile(r"/login"))


def test_flag_hide_from_queue(page, live_server, login, member, other_member, facilitator, axe_violations):
    thread = make_thread(member, title="Frivillige i hjemmeplejen", body="Hvordan finder I frivillige?")
    reply = make_reply(thread, other_member, body="Det her svar er en grov personlig fornærmelse.")
    thread_url = f"{live_server.url}/threads/{thread.id}"

    # Alice flags Bo's reply.
    login(page, member.email)
    page.goto(thread_url)
    post = page.locator(f"#post-{reply.id}")
    post.get_by_text("Anmeld").click()
    post.get_by_label("Hvad er der galt med indlægget?").fill("Personangreb")
    post.get_by_role("button", name="Send til tovholderne").click()
    page.get_by_text("Tak. Tovholderne ser på indlægget.").wait_for()
    log_out(page)

    # The facilitator sees it in the queue, in context, and hides it with a reason.
    login(page, facilitator.email)
    page.goto(live_server.url + "/moderation")
    flagged = page.locator(".flagged-post", has_text="grov personlig fornærmelse")
    assert "Personangreb" in flagged.inner_text()
    assert axe_violations(page) == []
    flagged.get_by_label("Begrundelse, som forfatteren ser").fill("Hold en venlig tone, også når I er uenige.")
    flagged.get_by_role("button", name="Skjul indlægget").click()
    page.get_by_text("Indlægget er skjult.").wait_for()
    assert page.get_by_text("Ingen åbne anmeldelser.").is_visible()
    assert page.locator("table", has_text="Hold en venlig tone").is_visible()
    log_out(page)

    # Bo, the author, still sees his post, marked hidden with the reason, and a notification.
    login(page, other_member.email)
    page.goto(thread_url)
    own = page.locator(f"#post-{reply.id}")
    assert "grov personlig fornærmelse" in own.inner_text()
    assert "Skjult af tovholderne" in own.inner_text() and "Hold en venlig tone" in own.inner_text()
    page.screenshot(path="/tmp/moderation-e2e.png", full_page=True)
    page.goto(live_server.url + "/notifications")
    assert page.get_by_text(re.compile("Tovholderne har skjult dit indlæg")).is_visible()
    log_out(page)

    # Alice no longer sees it at all.
    login(page, member.email)
    page.goto(thread_url)
    page.get_by_text("Hvordan finder I frivillige?").wait_for()
    assert page.locator(f"#post-{reply.id}").count() == 0
    assert "grov personlig fornærmelse" not in page.content()


def test_mention_autocomplete_inserts_the_name(page, live_server, login, member, other_member):
    thread = make_thread(member, title="Hvem ved noget om velfærdsteknologi?", body="Spørgsmål")
    login(page, member.email)
    page.goto(f"{live_server.url}/threads/{thread.id}")
    box = page.get_by_label("Dit svar")
    box.click()
    box.press_sequentially("Spørg @Bo", delay=20)
    page.get_by_role("option", name=re.compile("Bo Bech")).wait_for()
    box.press("Enter")
    assert box.input_value() == "Spørg @[Bo Bech] "
    box.press_sequentially("om det.", delay=10)
    page.get_by_role("button", name="Send svar").click()
    page.get_by_text("Dit svar er sendt.").wait_for()
    link = page.locator("article.post").last.get_by_role("link", name="@Bo Bech")
    assert link.get_attribute("href") == f"/members/{other_member.id}"
