"""Thread services: counters, revisions, deletion, read state, watching and notifications."""
import pytest
from sqlalchemy import event, func, select

from forum.extensions import db
from forum.notify.models import Notification, OutboxMail
from forum.permissions import visible_posts, visible_threads
from forum.threads import reading, watching
from forum.threads.models import Post, PostRevision, Thread, ThreadWatch
from forum.threads.service import ThreadError, delete_post, edit_post, reply, start_thread
from tests import factories


def test_start_thread_sets_counters_watch_and_read(member):
    thread = start_thread(member, "  Digital   post til borgere over 65 ", "Sådan fik vi dem med", ["test", "tjek"],
                          "share")
    assert thread.title == "Digital post til borgere over 65"
    assert [phase.slug for phase in thread.phases] == ["tjek", "test"]
    assert thread.post_count == 1 and thread.reply_count == 0
    first = db.session.scalar(select(Post).where(Post.thread_id == thread.id))
    assert thread.last_post_id == first.id and thread.last_post_author_id == member.id
    assert first.body_html == "<p>Sådan fik vi dem med</p>"
    assert watching.is_watching(member, thread)
    assert reading.unread_counts(member, [thread.id]) == {}


@pytest.mark.parametrize("title, body, phases, route", [
    ("", "tekst", [], None),
    ("x" * 201, "tekst", [], None),
    ("Titel", "   ", [], None),
    ("Titel", "x" * 50_001, [], None),
    ("Titel", "tekst", ["ukendt"], None),
    ("Titel", "tekst", [], "both"),
])
def test_start_thread_refuses_bad_input_and_writes_nothing(member, title, body, phases, route):
    with pytest.raises(ThreadError):
        start_thread(member, title, body, phases, route)
    db.session.rollback()
    assert db.session.scalar(select(func.count(Thread.id))) == 0


def test_reply_updates_thread_and_numbers(member, other_member):
    thread = factories.make_thread(member)
    first_activity = thread.last_activity_at
    post = reply(thread, other_member, "Tak!")
    assert post.number == 2
    assert thread.post_count == 2 and thread.last_post_id == post.id
    assert thread.last_post_author_id == other_member.id and thread.last_activity_at >= first_activity


def test_reply_to_locked_thread_only_for_facilitators(member, facilitator):
    thread = factories.make_thread(member)
    thread.locked = True
    db.session.commit()
    with pytest.raises(ThreadError):
        reply(thread, member, "Hej")
    assert reply(thread, facilitator, "Tovholderen svarer").number == 2


def test_edit_keeps_revisions_of_body_and_title(member, facilitator):
    thread = factories.make_thread(member, title="Første titel", body="Første tekst")
    first = db.session.scalar(select(Post).where(Post.thread_id == thread.id))
    edit_post(first, member, "Anden tekst", title="Anden titel", phase_slugs=["hoest"])
    edit_post(first, facilitator, "Tredje tekst")
    revisions = list(db.session.scalars(select(PostRevision).order_by(PostRevision.id)))
    assert [(r.body_source, r.title, r.editor_id) for r in revisions] == [
        ("Første tekst", "Første titel", member.id),
        ("Anden tekst", "Anden titel", facilitator.id),
    ]
    assert thread.title == "Anden titel" and [p.slug for p in thread.phases] == ["hoest"]
    assert first.body_html == "<p>Tredje tekst</p>" and first.edited_by_id == facilitator.id


def test_edit_without_change_keeps_no_revision(member):
    thread = factories.make_thread(member, body="Samme")
    first = db.session.scalar(select(Post).where(Post.thread_id == thread.id))
    edit_post(first, member, "Samme")
    assert db.session.scalar(select(func.count(PostRevision.id))) == 0
    assert first.edited_at is None


def test_title_of_a_reply_is_not_editable(member, other_member):
    thread = factories.make_thread(member, title="Titlen")
    post = factories.make_reply(thread, other_member, "Svar")
    edit_post(post, other_member, "Svar rettet", title="Kapret titel")
    assert thread.title == "Titlen"


def test_delete_reply_recounts_and_hides_it(member, other_member):
    thread = factories.make_thread(member)
    first_reply = factories.make_reply(thread, other_member, "Første svar")
    last_reply = factories.make_reply(thread, other_member, "Andet svar")
    delete_post(last_reply, other_member)
    assert thread.post_count == 2 and thread.last_post_id == first_reply.id
    assert last_reply.id not in set(db.session.scalars(visible_posts(member).with_only_columns(Post.id)))


def test_deleting_the_opening_post_deletes_the_thread(member, facilitator):
    thread = factories.make_thread(member)
    first = db.session.scalar(select(Post).where(Post.thread_id == thread.id))
    delete_post(first, member)
    for viewer in (member, facilitator):
        assert db.session.scalars(visible_threads(viewer)).all() == []
        assert db.session.scalars(visible_posts(viewer)).all() == []


def test_hidden_thread_and_hidden_post_visibility(member, other_member, facilitator):
    thread = factories.make_thread(member)
    hidden_reply = factories.make_reply(thread, other_member, "Skjult svar")
    hidden_reply.hidden = True
    db.session.commit()
    ids = lambda viewer: set(db.session.scalars(visible_posts(viewer).with_only_columns(Post.id)))  # noqa: E731
    assert hidden_reply.id not in ids(member)
    assert hidden_reply.id in ids(other_member) and hidden_reply.id in ids(facilitator)
    thread.hidden = True
    db.session.commit()
    assert db.session.scalars(visible_threads(member)).all() == []
    assert ids(member) == set() and ids(other_member) == set()
    assert len(db.session.scalars(visible_threads(facilitator)).all()) == 1


def test_unread_counts_in_two_statements_whatever_the_threads(app, member, other_member, facilitator):
    threads = [factories.make_thread(other_member, title=f"Tråd {n}") for n in range(5)]
    for thread in threads[:3]:
        factories.make_reply(thread, facilitator, "Svar")
    factories.make_reply(threads[0], member, "Mit eget svar tæller ikke")
    ids = [thread.id for thread in threads]
    assert member.id  # loaded before counting
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        counts = reading.unread_counts(member, ids)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len(statements) == 2  # the read marks, then one capped count per thread in one UNION ALL
    # threads[0]: member replied after reading everything -> nothing unread
    assert counts == {threads[1].id: 2, threads[2].id: 2, threads[3].id: 1, threads[4].id: 1}


def test_reading_and_first_unread(member, other_member):
    thread = factories.make_thread(other_member)
    second = factories.make_reply(thread, other_member, "2")
    factories.make_reply(thread, other_member, "3")
    reading.mark_read(member, thread, 1)
    assert reading.first_unread_post(member, thread).id == second.id
    assert reading.unread_counts(member, [thread.id]) == {thread.id: 2}
    reading.mark_read(member, thread, 3)
    assert reading.first_unread_post(member, thread) is None
    reading.mark_read(member, thread, 2)  # never goes backwards
    assert reading.last_read_number(member, thread) == 3


def test_hidden_posts_are_not_unread_for_members(member, other_member):
    thread = factories.make_thread(other_member)
    hidden = factories.make_reply(thread, other_member, "skjult")
    hidden.hidden = True
    db.session.commit()
    reading.mark_read(member, thread, 1)
    assert reading.unread_counts(member, [thread.id]) == {}


def test_mark_all_read(member, other_member, facilitator):
    for n in range(3):
        factories.make_reply(factories.make_thread(other_member, title=f"T{n}"), facilitator, "svar")
    visible = [thread.id for thread in db.session.scalars(visible_threads(member))]
    assert len(reading.unread_counts(member, visible)) == 3
    assert reading.mark_all_read(member) == 3
    assert reading.unread_counts(member, visible) == {}
    assert reading.mark_all_read(member) == 0


def test_reply_notifies_watchers_but_not_the_author(member, other_member, facilitator):
    thread = factories.make_thread(member, title="Velfærdsteknologi")
    factories.make_reply(thread, other_member, "Første svar")  # other_member now watches too
    factories.make_reply(thread, other_member, "Andet svar")
    notes = db.session.scalars(select(Notification).order_by(Notification.id)).all()
    assert [n.member_id for n in notes] == [member.id, member.id]
    assert notes[0].kind == "reply" and "Velfærdsteknologi" in notes[0].text
    assert notes[0].url.startswith(f"/threads/{thread.id}")
    factories.make_reply(thread, member, "Forfatteren svarer")
    last = db.session.scalars(select(Notification).order_by(Notification.id.desc())).first()
    assert last.member_id == other_member.id
    assert db.session.scalar(select(func.count(OutboxMail.id)).where(OutboxMail.recipient == member.email)) == 2


def test_unwatch_is_remembered_when_replying_again(member, other_member):
    thread = factories.make_thread(member)
    watching.unwatch(member, thread)
    factories.make_reply(thread, member, "Jeg svarer selv")
    assert not watching.is_watching(member, thread)
    factories.make_reply(thread, other_member, "Svar")
    assert db.session.scalar(select(func.count(Notification.id)).where(Notification.member_id == member.id)) == 0
    watching.watch(member, thread)
    assert db.session.get(ThreadWatch, (member.id, thread.id)).watching


def test_no_notifications_about_a_hidden_thread(member, other_member, facilitator):
    thread = factories.make_thread(member)
    thread.hidden = True
    db.session.commit()
    factories.make_reply(thread, facilitator, "Internt svar")
    assert db.session.scalar(select(func.count(Notification.id))) == 0


def test_inactive_watchers_are_not_told(member, other_member, facilitator):
    thread = factories.make_thread(member)
    factories.make_reply(thread, other_member, "svar")
    db.session.query(Notification).delete()
    member.active = False
    db.session.commit()
    factories.make_reply(thread, facilitator, "tekst")
    assert {n.member_id for n in db.session.scalars(select(Notification))} == {other_member.id}
