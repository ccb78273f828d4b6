"""Issue 11 in a real browser: the XSS corpus where members read member text, a keyboard-only
walk, and axe-core on every page a member and a facilitator use.

The `page` fixture fails a test on any dialog, JavaScript error or CSP violation; the vectors set
`window.__xss` instead of calling alert(), and every page is checked for that sentinel too.
"""
from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from forum.extensions import db
from forum.meetings.service import MeetingData, plan_meeting
from forum.notify import outbox
from forum.notify.digest import build_digest
from forum.notify.models import OutboxMail
from forum.sparring import service as sparring
from forum.threads.models import Post
from tests import factories
from tests.conftest import FormClient
from tests.hardening import summary
from tests.hardening.corpus import XSS
from tests.hardening.html_safety import problems

pytestmark = pytest.mark.e2e


def _sentinel_unset(page, where: str) -> None:
    assert page.evaluate("() => window.__xss === undefined"), f"an XSS vector ran on {where}"


def _hostile_world(app, member, other_member, facilitator):
    threads = [factories.make_thread(other_member, title=vector[:200], body=vector) for vector in XSS]
    factories.make_reply(threads[0], other_member, body="\n\n".join(XSS))
    joined = "\n\n".join(XSS)
    client = FormClient(app.test_client())
    client.login(other_member.email)
    response = client.post("/profile", {"name": "Bo Bech", "language": "da", "bio": joined[:4000]})
    assert response.status_code == 302, "the profile form refused the corpus"
    request = sparring.create_request(other_member, title=XSS[3][:150], body=joined[:8000], phase_slugs=["tjek"],
                                      channels=["mail"], recipient_ids=[member.id])
    meeting = plan_meeting(facilitator, MeetingData(
        title=XSS[0][:150], date=date.today() + timedelta(days=20), starts=time(10), ends=time(15, 30),
        host_organization="Vejle Kommune", address=XSS[4][:200], room=XSS[8][:100], agenda=joined))
    for vector in XSS:
        outbox.notify(member, "reply", vector, f"/threads/{threads[0].id}")
    db.session.commit()
    digest = build_digest(member, datetime.now(UTC) - timedelta(days=2), datetime.now(UTC) + timedelta(minutes=1))
    if not digest.empty:
        outbox.queue_mail(member, "digest", digest=digest)
        db.session.commit()
    return threads, request, meeting


def test_the_xss_corpus_never_runs(app, live_server, page, login, member, other_member, facilitator):
    threads, request, meeting = _hostile_world(app, member, other_member, facilitator)
    login(page, member.email)
    pages = (["/threads", "/threads?page=2", "/", f"/members/{other_member.id}", f"/sparring/{request.id}", "/sparring",
              f"/meetings/{meeting.id}", "/meetings", "/notifications", "/search?q=klik", "/search?q=window",
              "/search?q=script", "/search?q=img+onerror"] + [f"/threads/{thread.id}" for thread in threads])
    for path in pages:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        _sentinel_unset(page, path)
        assert problems(page.content()) == [], path
    # Mail has no CSP of ours to lean on: its HTML must be inert by itself, without any policy.
    mails = db.session.scalars(select(OutboxMail).where(OutboxMail.body_html.is_not(None))).all()
    assert len(mails) >= 2
    for mail in mails:
        assert problems(mail.body_html) == [], f"mail {mail.id} ({mail.subject})"
        page.set_content(mail.body_html)
        page.wait_for_timeout(50)
        _sentinel_unset(page, f"mail {mail.id}")
    summary.record("browser_pages_with_corpus", len(pages) + len(mails))
    summary.record("browser_payloads_executed", 0)


def _focus_is_visible(page) -> str | None:
    """None when the focused element is on screen with a visible focus indicator; else why not."""
    return page.evaluate("""() => {
        const el = document.activeElement;
        if (!el || el === document.body) return 'nothing focused';
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return 'focused element is invisible: ' + el.outerHTML.slice(0, 80);
        const s = getComputedStyle(el);
        const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
        const shadow = s.boxShadow && s.boxShadow !== 'none';
        return outline || shadow ? null : 'no focus indicator on ' + el.outerHTML.slice(0, 80);
    }""")


def _tab_to(page, matches: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        problem = _focus_is_visible(page)
        assert problem is None, problem
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({matches}); }}"):
            return
    raise AssertionError(f"never reached {matches} with Tab")


def test_keyboard_only_login_post_and_search(page, live_server, member):
    page.goto(live_server.url + "/login")
    _tab_to(page, "el.name === 'email'")
    page.keyboard.type(member.email)
    _tab_to(page, "el.name === 'password'")
    page.keyboard.type(factories.PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/login" not in page.url
    page.goto(live_server.url + "/threads")
    _tab_to(page, "el.getAttribute('href') === '/threads/new'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/threads/new")
    _tab_to(page, "el.name === 'title'")
    page.keyboard.type("Tastaturet alene")
    _tab_to(page, "el.name === 'body'")
    page.keyboard.type("Skrevet uden mus.")
    _tab_to(page, "el.name === 'phases'")
    page.keyboard.press("Space")
    _tab_to(page, "el.type === 'submit' && el.form && el.form.querySelector('[name=title]')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name="Tastaturet alene").is_visible()
    _tab_to(page, "el.name === 'q'")
    page.keyboard.type("tastaturet")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?*")
    assert page.get_by_role("link", name="Tastaturet alene").first.is_visible()


# /sparring/suggestions is left out: it is the fragment sparring.js swaps into /sparring/new, not a page.
MEMBER_PAGES = ["/", "/threads", "/threads/new", "/threads/{thread}", "/posts/{post}/edit", "/search?q=innovation",
                "/sparring", "/sparring/new", "/sparring/{sparring}", "/sparring/profile",
                "/meetings", "/meetings/{meeting}", "/calendar", "/members", "/members/{member}", "/profile",
                "/membership", "/notifications", "/notifications/settings", "/spreading", "/threads/{shared}/reuse",
                "/posts/{post}/revisions"]
FACILITATOR_PAGES = ["/moderation", "/moderation/audit", "/moderation/suspensions", "/moderation/threads/{thread}",
                     "/admin", "/admin/applications", "/admin/fees", "/admin/memberships", "/admin/organizations",
                     "/admin/roles", "/admin/phases", "/admin/audit", "/admin/report",
                     "/meetings/new", "/meetings/{meeting}/edit"]


def test_axe_on_every_page_a_member_uses(app, page, live_server, login, member, other_member, facilitator,
                                         admin, axe_violations):
    thread = factories.make_thread(member, title="Velfærdsteknologi", body="Sådan **gjorde** vi.")
    factories.make_reply(thread, other_member, "Tak!")
    shared = factories.make_thread(other_member, title="Digital post", body="Del.", route="share")
    request = sparring.create_request(member, title="Sparring om gevinster", body="Hvem?", phase_slugs=["tjek"],
                                      channels=["phone"])
    meeting = plan_meeting(facilitator, MeetingData(title="Netværksmøde", date=date.today() + timedelta(days=9),
                                                    starts=time(10), ends=time(15, 30), agenda="Cases"))
    db.session.commit()
    own_post = db.session.scalar(select(Post.id).where(Post.thread_id == thread.id, Post.author_id == member.id))
    ids = {"thread": thread.id, "post": own_post,
           "sparring": request.id, "meeting": meeting.id, "member": other_member.id, "shared": shared.id}
    audited, found = [], {}
    for who, paths in ((member, MEMBER_PAGES), (facilitator, MEMBER_PAGES + FACILITATOR_PAGES)):
        page.context.clear_cookies()
        login(page, who.email)
        for path in paths:
            url = path.format(**ids)
            response = page.goto(live_server.url + url)
            assert response.status == 200, f"{url} as {who.role}: {response.status}"
            violations = axe_violations(page)
            audited.append(f"{who.role} {url}")
            if violations:
                found[f"{who.role} {url}"] = violations
    summary.record("axe_pages_audited", len(audited))
    summary.record("axe_serious_or_critical_violations", sum(len(v) for v in found.values()))
    assert not found, found
