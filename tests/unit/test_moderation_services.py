"""Move, merge and split keep numbers, counters and last-post fields right; all audited."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from forum.extensions import db
from forum.moderation import merge, move, split
from forum.moderation.models import AuditEntry, ThreadMerge
from forum.threads.models import Post, Thread, ThreadWatch
from tests.factories import make_reply, make_thread


def numbers(thread) -> list[tuple[int, str]]:
    return [(p.number, p.body_source) for p in db.session.scalars(
        select(Post).where(Post.thread_id == thread.id).order_by(Post.number))]


def last_action() -> str:
    return db.session.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc()).limit(1))


@pytest.fixture
def two_threads(member, other_member):
    first = make_thread(member, title="Original", body="o1")
    make_reply(first, other_member, body="o2")
    make_reply(first, member, body="o3")
    dup = make_thread(other_member, title="Dublet", body="d1")
    make_reply(dup, member, body="d2")
    return first, dup


def test_move_post_to_another_thread(two_threads, facilitator):
    first, dup = two_threads
    moving = db.session.scalar(select(Post).where(Post.body_source == "o2"))
    move.move_post(moving, dup, facilitator, "Hører til her")
    assert numbers(first) == [(1, "o1"), (3, "o3")]
    assert numbers(dup) == [(1, "d1"), (2, "d2"), (3, "o2")]
    assert (first.post_count, dup.post_count) == (2, 3)
    assert dup.last_post_id == moving.id and dup.last_post_author_id == moving.author_id
    assert last_action() == "move_post"


def test_move_refuses_the_opening_post_and_same_thread(two_threads, facilitator):
    first, dup = two_threads
    opening = db.session.scalar(select(Post).where(Post.body_source == "o1"))
    with pytest.raises(move.MoveError):
        move.move_post(opening, dup, facilitator)
    reply = db.session.scalar(select(Post).where(Post.body_source == "o3"))
    with pytest.raises(move.MoveError):
        move.move_post(reply, first, facilitator)


def test_move_thread_between_phases_and_routes(two_threads, facilitator):
    first, _dup = two_threads
    move.move_thread(first, facilitator, ["tilpas", "tjek"], "share")
    assert [p.slug for p in first.phases] == ["tjek", "tilpas"]
    assert first.route == "share"
    assert last_action() == "move_thread"
    with pytest.raises(move.MoveError):
        move.move_thread(first, facilitator, ["no-such-phase"], None)
    with pytest.raises(move.MoveError):
        move.move_thread(first, facilitator, [], "sideways")


def test_merge_interleaves_by_time_and_retires_the_duplicate(two_threads, facilitator, member, other_member):
    first, dup = two_threads
    # Make the duplicate's reply older than the original's last reply.
    posts = {p.body_source: p for p in db.session.scalars(select(Post))}
    posts["d2"].created_at = posts["o3"].created_at - timedelta(seconds=1)
    posts["o2"].created_at = posts["o3"].created_at - timedelta(seconds=5)
    posts["d1"].created_at = posts["o3"].created_at - timedelta(seconds=3)
    db.session.commit()
    merge.merge_thread(dup, first, facilitator, "Samme emne")
    assert [body for _n, body in numbers(first)] == ["o1", "o2", "d1", "d2", "o3"]
    assert [n for n, _b in numbers(first)] == [1, 2, 3, 4, 5]
    assert first.post_count == 5 and first.last_post_id == posts["o3"].id
    assert dup.deleted_at is not None and dup.post_count == 0 and dup.last_post_id is None
    assert db.session.scalar(select(ThreadMerge.target_thread_id).where(ThreadMerge.source_thread_id == dup.id)) == first.id
    watchers = set(db.session.scalars(select(ThreadWatch.member_id).where(ThreadWatch.thread_id == first.id)))
    assert {member.id, other_member.id} <= watchers
    assert last_action() == "merge_thread"
    with pytest.raises(merge.MergeError):
        merge.merge_thread(first, first, facilitator)


def test_split_replies_into_a_new_thread(two_threads, facilitator, other_member):
    first, _dup = two_threads
    make_reply(first, other_member, body="o4")
    chosen = [p.id for p in db.session.scalars(select(Post).where(Post.body_source.in_(["o2", "o4"])))]
    new = split.split_thread(first, chosen, "Et nyt emne", facilitator, "Sidespor")
    assert numbers(new) == [(1, "o2"), (2, "o4")]
    assert numbers(first) == [(1, "o1"), (3, "o3")]
    assert new.title == "Et nyt emne" and new.author_id == other_member.id
    assert [p.id for p in new.phases] == [p.id for p in first.phases] and new.route == first.route
    assert (first.post_count, new.post_count) == (2, 2)
    assert first.last_post_id == db.session.scalar(select(Post.id).where(Post.body_source == "o3"))
    assert db.session.get(ThreadWatch, (other_member.id, new.id)) is not None
    assert last_action() == "split_thread"


def test_split_refuses_bad_input(two_threads, facilitator):
    first, dup = two_threads
    opening = db.session.scalar(select(Post.id).where(Post.body_source == "o1"))
    other = db.session.scalar(select(Post.id).where(Post.body_source == "d2"))
    for ids, title in [([], "Titel"), ([opening], "Titel"), ([other], "Titel"), ([other], " "), ([opening], "x" * 300)]:
        with pytest.raises(split.SplitError):
            split.split_thread(first, ids, title, facilitator)
    assert db.session.scalar(select(Thread).where(Thread.title == "Titel")) is None
