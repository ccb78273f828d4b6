"""`flask search rebuild | check | apply`: the database is the source of truth."""
from __future__ import annotations

import shutil

from flask import current_app
from sqlalchemy import update

from forum.extensions import db
from forum.search import search_index
from forum.search.queue import pending_count
from forum.search.service import SearchRequest, search
from forum.threads.models import Post
from tests.factories import make_reply, make_thread


def results(member, q):
    with current_app.test_request_context("/search"):
        page = search(member, SearchRequest(q=q))
    return [(result.kind, result.object_id, str(result.snippet)) for result in page.results]


def run(app, *args):
    return app.test_cli_runner().invoke(args=["search", *args])


def seed(member, other_member):
    first = make_thread(member, title="Genoptræning i eget hjem", body="Borgerne træner med tablets", phases=("test",))
    make_reply(first, other_member, body="Kommunerne i Region Syd har gode erfaringer med genoptræning")
    second = make_thread(other_member, title="Innovationer i ældreplejen", body="Tre innovationer", phases=("tjek",))
    make_reply(second, member, body="Innovation kræver tid")
    return first, second


def test_a_deleted_index_is_rebuilt_with_the_same_results(app, member, other_member):
    seed(member, other_member)
    before = {q: results(member, q) for q in ("genoptræning", "kommune", "innovation", "tablets")}
    assert all(before.values())
    folder = search_index().ensure()
    search_index().close()
    shutil.rmtree(folder)

    outcome = run(app, "rebuild")
    assert outcome.exit_code == 0, outcome.output
    assert "4 dokumenter" in outcome.output
    assert {q: results(member, q) for q in before} == before
    assert run(app, "check").exit_code == 0


def test_rebuild_replaces_the_folder_and_keeps_searching(app, member, other_member):
    seed(member, other_member)
    old = search_index().ensure()
    assert run(app, "rebuild").exit_code == 0
    new = search_index().ensure()
    assert new != old and not old.exists()
    assert results(member, "tablets")


def test_check_reports_missing_and_extra_documents(app, member, other_member):
    first, _second = seed(member, other_member)
    # Changes made behind the ORM's back (a bulk SQL update) are what `check` is for.
    db.session.execute(update(Post).where(Post.thread_id == first.id, Post.number == 2).values(hidden=True))
    db.session.commit()
    outcome = run(app, "check")
    assert outcome.exit_code == 1
    assert "findes ikke længere" in outcome.output
    assert run(app, "rebuild").exit_code == 0
    assert run(app, "check").exit_code == 0
    with search_index().writer() as writer:
        writer.delete(f"thread:{first.id}")
    outcome = run(app, "check")
    assert outcome.exit_code == 1 and f"thread:{first.id}" in outcome.output


def test_apply_applies_pending_updates(app, member, other_member):
    app.config["SEARCH_LOCK_TIMEOUT"] = 0.1
    with search_index().hold_write_lock():
        thread = make_thread(member, title="Bæredygtige indkøb", body="Udbud med krav")
        outcome = run(app, "apply", "--timeout", "0.1")
        assert outcome.exit_code == 75
    assert pending_count(db.session) >= 1
    outcome = run(app, "apply")
    assert outcome.exit_code == 0, outcome.output
    assert [r[:2] for r in results(other_member, "indkøb")] == [("thread", thread.id)]


def test_healthz_checks_the_index(client, app, tmp_path):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    (tmp_path / "not-a-folder").write_text("x")
    app.config["SEARCH_INDEX_DIR"] = str(tmp_path / "not-a-folder" / "index")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "search_index" in response.get_json()["failed"]
