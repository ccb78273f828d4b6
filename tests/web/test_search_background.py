"""Replies update the index after the response (one applier thread per process), and no
update is lost: what is queued is applied by the applier, or by the next search."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from forum.db import utcnow
from forum.extensions import db
from forum.search import search_index
from forum.search.applier import applier_for
from forum.search.models import SearchPending
from tests.factories import make_thread


@pytest.fixture
def background(app):
    app.config["SEARCH_APPLY_IN_BACKGROUND"] = True
    yield app
    applier = app.extensions.get("search_applier")
    if applier is not None:
        applier.stop()


def pending():
    db.session.expire_all()
    return db.session.scalars(select(SearchPending).where(SearchPending.applied_at.is_(None))).all()


def reply_through_the_form(client, thread, body):
    response = client.post(f"/threads/{thread.id}/posts", {"body": body})
    assert response.status_code == 302


def test_a_reply_is_indexed_by_the_applier_after_the_response(background, member_client, member):
    thread = make_thread(member, title="Affaldssortering", body="Om genbrug")
    for number in range(3):
        reply_through_the_form(member_client, thread, f"Svar {number} om komposteringsordninger")
    assert applier_for(background).wait_idle(10)
    assert pending() == []
    indexed = search_index().doc_ids()
    assert len([doc for doc in indexed if doc.startswith("post:")]) == 3
    html = member_client.get("/search?q=komposteringsordninger").get_data(as_text=True)
    assert html.count('class="search-result search-result-post"') == 3


def test_a_search_applies_what_the_applier_left_behind(background, member_client, member, monkeypatch):
    from forum.search import applier as applier_module

    woken = []
    monkeypatch.setattr(applier_module.Applier, "wake", lambda self: woken.append(1))  # the applier is stuck
    thread = make_thread(member, title="Klimatilpasning", body="Skybrud i byen")
    reply_through_the_form(member_client, thread, "Regnvandsbassiner på legepladsen")
    assert woken and pending()
    # Fresh rows are the applier's (a search does not wait for the index's lock for them) ...
    html = member_client.get("/search?q=regnvandsbassiner").get_data(as_text=True)
    assert "Regnvandsbassiner" not in html and pending()
    # ... but rows older than the grace period are applied by the next search.
    db.session.execute(update(SearchPending).values(created_at=utcnow() - timedelta(seconds=5)))
    db.session.commit()
    html = member_client.get("/search?q=regnvandsbassiner").get_data(as_text=True)
    assert "Regnvandsbassiner" in html
    assert pending() == []


def test_a_busy_index_is_retried_until_the_update_is_applied(background, member_client, member):
    background.config["SEARCH_LOCK_TIMEOUT"] = 0.05
    thread = make_thread(member, title="Energi", body="Solceller")
    with search_index().hold_write_lock():
        reply_through_the_form(member_client, thread, "Varmepumper i hallen")
        assert not applier_for(background).wait_idle(0.3)
        assert pending()
    assert applier_for(background).wait_idle(10)
    assert pending() == []
    assert any(doc.startswith("post:") for doc in search_index().doc_ids())


def test_without_a_request_the_update_is_applied_at_once(background, member):
    thread = make_thread(member, title="Kulturhuse", body="Åbne biblioteker om aftenen")
    assert pending() == []
    assert f"thread:{thread.id}" in search_index().doc_ids()
    assert "search_applier" not in background.extensions
