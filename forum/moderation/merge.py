"""Merge a duplicate thread into another.

The duplicate's posts join the target in the order they were written (the target's opening
post stays first); its watchers watch the target; the duplicate itself is marked deleted,
so it is gone everywhere, and a ThreadMerge row remembers where it went.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from forum.db import utcnow
from forum.extensions import db
from forum.members.models import Member
from forum.moderation import audit, reorder
from forum.moderation.models import ThreadMerge
from forum.threads.models import Thread, ThreadWatch


class MergeError(Exception):
    """str(error) is the message to show."""


def merge_thread(source: Thread, target: Thread, actor: Member, reason: str = "") -> None:
    if source.id == target.id:
        raise MergeError(_l("En tråd kan ikke flettes ind i sig selv."))
    if source.deleted_at is not None or target.deleted_at is not None:
        raise MergeError(_l("Tråden findes ikke."))
    target_posts = reorder.posts_of(target)
    source_posts = reorder.posts_of(source)
    opening, rest = target_posts[:1], target_posts[1:] + source_posts
    rest.sort(key=lambda post: (post.created_at, post.id))
    reorder.renumber(target, opening + rest)
    for post in source_posts:
        post.thread = target
    watching = {row.member_id for row in db.session.scalars(select(ThreadWatch).where(ThreadWatch.thread_id == target.id))}
    for row in db.session.scalars(select(ThreadWatch).where(ThreadWatch.thread_id == source.id)):
        if row.member_id not in watching and row.watching:
            db.session.add(ThreadWatch(member_id=row.member_id, thread_id=target.id, watching=True))
    source.deleted_at = utcnow()
    reorder.refresh_counters(source)
    reorder.refresh_counters(target)
    db.session.add(ThreadMerge(source_thread_id=source.id, target_thread_id=target.id, actor_id=actor.id))
    audit.record(actor, "merge_thread", "thread", target.id, f"tråd {source.id} -> {target.id}. {reason}".strip()[:1000])
    db.session.commit()
