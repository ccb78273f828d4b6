"""Read state: how far each member has read each thread, and what is new to them."""
from __future__ import annotations

from sqlalchemy import and_, exists, func, select
from sqlalchemy.exc import IntegrityError

from forum.db import utcnow
from forum.extensions import db
from forum.members.models import Member
from forum.permissions.threads import visible_post_clause, visible_threads
from forum.threads.models import Post, Thread, ThreadRead


def record_read(member: Member, thread: Thread, number: int) -> None:
    """Remember that `member` has read `thread` up to post `number`, in the caller's transaction."""
    row = db.session.get(ThreadRead, (member.id, thread.id))
    if row is None:
        db.session.add(ThreadRead(member_id=member.id, thread_id=thread.id, last_read_number=number))
    elif number > row.last_read_number:
        row.last_read_number = number
        row.read_at = utcnow()


def mark_read(member: Member, thread: Thread, number: int) -> None:
    """Record reading up to `number` and commit; writes only when something changed."""
    row = db.session.get(ThreadRead, (member.id, thread.id))
    if row is not None and row.last_read_number >= number:
        return
    record_read(member, thread, number)
    try:
        db.session.commit()
    except IntegrityError:
        # The same member read the same thread in another tab a moment ago.
        db.session.rollback()


def mark_all_read(member: Member) -> int:
    """Every thread the member may see is read to its last post; returns how many changed."""
    visible = visible_threads(member).with_only_columns(Thread.id).scalar_subquery()
    latest = dict(db.session.execute(
        select(Post.thread_id, func.max(Post.number)).where(Post.thread_id.in_(visible)).group_by(Post.thread_id)
    ).all())
    rows = {row.thread_id: row for row in db.session.scalars(
        select(ThreadRead).where(ThreadRead.member_id == member.id)
    )}
    changed = 0
    now = utcnow()
    for thread_id, number in latest.items():
        row = rows.get(thread_id)
        if row is None:
            db.session.add(ThreadRead(member_id=member.id, thread_id=thread_id, last_read_number=number, read_at=now))
        elif row.last_read_number < number:
            row.last_read_number, row.read_at = number, now
        else:
            continue
        changed += 1
    db.session.commit()
    return changed


def _unread_post_clause(member: Member):
    """Posts the member may see, written by someone else, after their read mark."""
    read_number = select(ThreadRead.last_read_number).where(
        ThreadRead.member_id == member.id, ThreadRead.thread_id == Post.thread_id
    ).scalar_subquery()
    return and_(
        visible_post_clause(member),
        Post.author_id != member.id,
        Post.number > func.coalesce(read_number, 0),
    )


def unread_counts(member: Member, thread_ids: list[int]) -> dict[int, int]:
    """Unread posts per thread for a page of threads, in one query."""
    if not thread_ids:
        return {}
    rows = db.session.execute(
        select(Post.thread_id, func.count(Post.id))
        .where(Post.thread_id.in_(thread_ids), _unread_post_clause(member))
        .group_by(Post.thread_id)
    ).all()
    return {thread_id: count for thread_id, count in rows}


def has_unread_clause(member: Member):
    """A WHERE clause on Thread: it has posts this member has not read."""
    return exists(select(Post.id).where(Post.thread_id == Thread.id, _unread_post_clause(member)))


def first_unread_post(member: Member, thread: Thread) -> Post | None:
    return db.session.scalar(
        select(Post).where(Post.thread_id == thread.id, _unread_post_clause(member)).order_by(Post.number).limit(1)
    )


def last_read_number(member: Member, thread: Thread) -> int:
    row = db.session.get(ThreadRead, (member.id, thread.id))
    return row.last_read_number if row else 0
