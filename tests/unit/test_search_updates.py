"""The index follows every change: queued in the transaction, applied after commit."""
from __future__ import annotations

from datetime import date, time

from flask import current_app
from sqlalchemy import select

from forum.extensions import db
from forum.meetings.service import MeetingData, plan_meeting, update_meeting
from forum.moderation.hide import hide_post, restore_post
from forum.moderation.move import move_thread
from forum.search import search_index
from forum.search.models import SearchPending
from forum.search.queue import apply_pending
from forum.search.service import SearchRequest, search
from forum.sparring.service import create_request
from forum.threads.service import delete_post, edit_post
from tests.factories import make_reply, make_thread


def hits(member, q, **filters):
    with current_app.test_request_context("/search"):
        page = search(member, SearchRequest(q=q, **filters))
    return [(result.kind, result.object_id) for result in page.results]


def indexed():
    return search_index().doc_ids()


def pending():
    return db.session.scalars(select(SearchPending).where(SearchPending.applied_at.is_(None))).all()


def test_new_thread_and_reply_are_found_at_once(member, other_member):
    thread = make_thread(member, title="Velfærdsteknologi i hjemmeplejen", body="Vi afprøvede robotstøvsugere.")
    reply = make_reply(thread, other_member, body="Kommunerne i Midtjylland gjorde det samme.")
    assert indexed() == {f"thread:{thread.id}", f"post:{reply.id}"}
    assert hits(other_member, "robotstøvsugere") == [("thread", thread.id)]
    assert hits(member, "kommune") == [("post", reply.id)]
    assert hits(member, "hjemmeplejen") == [("thread", thread.id)]
    assert pending() == []


def test_edit_replaces_the_words(member, other_member):
    thread = make_thread(member, title="Affald", body="Om sortering")
    reply = make_reply(thread, other_member, body="Vi brugte plakater")
    edit_post(reply, other_member, "Vi brugte sms-påmindelser")
    edit_post(thread_first_post(thread), member, "Om genbrugspladser", title="Genbrug i kommunen")
    assert hits(member, "plakater") == []
    assert hits(member, "påmindelser") == [("post", reply.id)]
    assert hits(member, "sortering") == []
    assert hits(member, "genbrugspladser") == [("thread", thread.id)]
    assert hits(member, "genbrug kommune") == [("thread", thread.id)]


def thread_first_post(thread):
    from forum.threads.models import Post

    return db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.number == 1))


def test_hidden_post_disappears_and_comes_back(member, other_member, facilitator):
    thread = make_thread(member, title="Sundhed", body="Åbningsindlæg")
    reply = make_reply(thread, other_member, body="Hemmelige detaljer om budgettet")
    hide_post(reply, facilitator, "Personoplysninger")
    assert f"post:{reply.id}" not in indexed()
    assert hits(member, "budgettet") == []
    assert hits(other_member, "budgettet") == []
    restore_post(reply, facilitator)
    assert hits(member, "budgettet") == [("post", reply.id)]


def test_deleted_post_and_deleted_thread_are_gone(member, other_member):
    thread = make_thread(member, title="Trafik", body="Cykelstier i byen")
    reply = make_reply(thread, other_member, body="Letbanen i Aarhus")
    other = make_reply(thread, member, body="Busser i Odense")
    delete_post(reply, other_member)
    assert hits(member, "letbanen") == []
    assert f"post:{other.id}" in indexed()
    delete_post(thread_first_post(thread), member)
    assert indexed() == set()
    assert hits(member, "busser") == []
    assert hits(member, "cykelstier") == []


def test_phase_change_moves_the_posts_too(member, other_member, facilitator):
    thread = make_thread(member, title="Skoler", body="Trivsel", phases=("tjek",))
    reply = make_reply(thread, other_member, body="Trivselsmålinger i udskolingen")
    assert hits(member, "udskolingen", phase="tjek") == [("post", reply.id)]
    move_thread(thread, facilitator, ["hoest"], None)
    assert hits(member, "udskolingen", phase="tjek") == []
    assert hits(member, "udskolingen", phase="hoest") == [("post", reply.id)]


def test_a_locked_index_keeps_updates_pending_until_applied(app, member, other_member):
    app.config["SEARCH_LOCK_TIMEOUT"] = 0.1
    thread = make_thread(member, title="Energi", body="Solceller på taget")
    index = search_index()
    with index.hold_write_lock():
        reply = make_reply(thread, other_member, body="Varmepumper i skolerne")
        rows = pending()
        assert [(row.kind, row.object_id) for row in rows] == [("post", reply.id)]
    assert f"post:{reply.id}" not in indexed()
    assert apply_pending(index, db.engine) == 1
    assert pending() == []
    assert hits(member, "varmepumper") == [("post", reply.id)]


def test_search_applies_what_was_left_pending(app, member, other_member):
    app.config["SEARCH_LOCK_TIMEOUT"] = 0.1
    thread = make_thread(member, title="Klima", body="Skybrud")
    with search_index().hold_write_lock():
        reply = make_reply(thread, other_member, body="Regnvandsbassiner")
    assert pending()
    assert hits(member, "regnvandsbassiner") == [("post", reply.id)]
    assert pending() == []


def test_rolled_back_changes_leave_nothing_queued(member):
    from forum.threads.models import Thread

    db.session.add(Thread(title="Aldrig gemt", author_id=member.id))
    db.session.flush()
    assert pending()
    db.session.rollback()
    assert pending() == []


def test_directed_sparring_only_for_requester_recipients_and_facilitators(member, other_member, facilitator):
    from tests.factories import make_member

    outsider = make_member("carl@odense.dk", name="Carl", organization="Odense Kommune")
    directed = create_request(member, title="Sparring om dataetik", body="Hvem har erfaring med dataetik?",
                              phase_slugs=["tjek"], channels=["mail"], recipient_ids=[other_member.id])
    open_request = create_request(member, title="Åben sparring om dataetik", body="Alle må svare",
                                  phase_slugs=["test"], channels=["phone"])
    assert hits(outsider, "dataetik") == [("sparring", open_request.id)]
    assert sorted(hits(other_member, "dataetik")) == sorted([("sparring", directed.id), ("sparring", open_request.id)])
    assert len(hits(member, "dataetik")) == 2
    assert len(hits(facilitator, "dataetik")) == 2
    assert hits(outsider, "dataetik", kind="sparring") == [("sparring", open_request.id)]


def test_meetings_are_found_by_agenda_and_place(facilitator, member):
    meeting = plan_meeting(facilitator, MeetingData(
        title="Netværksmøde i Aalborg", date=date(2027, 6, 8), starts=time(10, 0), ends=time(15, 30),
        host_organization="Aalborg Kommune", address="Boulevarden 13", agenda="Gevinstrealisering og høst"))
    assert hits(member, "gevinstrealisering") == [("meeting", meeting.id)]
    update_meeting(meeting, facilitator, MeetingData(
        title="Netværksmøde i Aalborg", date=date(2027, 6, 8), starts=time(10, 0), ends=time(15, 30),
        host_organization="Aalborg Kommune", address="Boulevarden 13", agenda="Implementering"))
    assert hits(member, "gevinstrealisering") == []
    assert hits(member, "boulevarden", kind="meeting") == [("meeting", meeting.id)]


HOSTILE = ['"unbalanced', "AND OR (", "title:", "*", "\\", "NOT kommune", "((((", "a" * 500, "kommune AND", "OR",
           "\x00kommune", "kommune)", "ø' OR '1'='1", "kommune unbalanced"]


def test_hostile_queries_search_plain_words(member):
    thread = make_thread(member, title="Kommune", body="title unbalanced")
    for text in HOSTILE:
        with current_app.test_request_context("/search"):
            page = search(member, SearchRequest(q=text))
        assert len(page.request.q) <= 200
        assert all(result.object_id == thread.id for result in page.results)
    assert hits(member, '"unbalanced') == [("thread", thread.id)]
    assert hits(member, "kommune)") == [("thread", thread.id)]
    assert hits(member, "NOT kommune") == [("thread", thread.id)]
