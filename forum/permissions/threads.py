"""Who may see, write, edit and moderate threads and posts.

The `can_*` answers for one object and the `visible_*` queries for lists apply the same
rules: a deleted thread or post is gone for everyone; a hidden thread is seen only by
facilitators; a hidden post only by its author and facilitators.
"""
from __future__ import annotations

from sqlalchemy import Select, false, or_, select

from forum.threads.models import Post, Thread


def _signed_in(member) -> bool:
    return bool(member is not None and getattr(member, "is_authenticated", False))


def can_moderate(member) -> bool:
    """Facilitators and admins moderate: pin, lock, hide, edit and delete anything."""
    return _signed_in(member) and bool(member.is_facilitator)


def can_view_thread(member, thread: Thread | None) -> bool:
    if thread is None or not _signed_in(member) or thread.deleted_at is not None:
        return False
    return not thread.hidden or can_moderate(member)


def can_view_post(member, post: Post | None) -> bool:
    if post is None or post.deleted_at is not None or not can_view_thread(member, post.thread):
        return False
    return not post.hidden or post.author_id == member.id or can_moderate(member)


def can_start_thread(member) -> bool:
    return _signed_in(member)


def can_reply(member, thread: Thread) -> bool:
    """Anyone who sees the thread may reply, but a locked thread only takes facilitators."""
    if not can_view_thread(member, thread):
        return False
    return not thread.locked or can_moderate(member)


def can_edit_post(member, post: Post) -> bool:
    """The author edits their own post (not in a locked thread); facilitators edit any."""
    if not can_view_post(member, post):
        return False
    if can_moderate(member):
        return True
    return post.author_id == member.id and not post.thread.locked


def can_delete_post(member, post: Post) -> bool:
    """The author deletes their own post; facilitators delete any.

    Deleting the opening post deletes the whole thread, so a member may do that only
    while nobody else has replied: other members' contributions are not theirs to remove.
    """
    if not can_view_post(member, post):
        return False
    if can_moderate(member):
        return True
    if post.author_id != member.id or post.thread.locked:
        return False
    return not post.is_first or post.thread.post_count <= 1


def can_view_revisions(member, post: Post) -> bool:
    return can_view_post(member, post) and (post.author_id == member.id or can_moderate(member))


def visible_threads(member) -> Select:
    """Threads the member may see: never deleted ones; hidden ones only for facilitators."""
    query = select(Thread).where(Thread.deleted_at.is_(None))
    if not _signed_in(member):
        return query.where(false())
    if not can_moderate(member):
        query = query.where(Thread.hidden.is_(False))
    return query


def visible_posts(member) -> Select:
    """Posts the member may see, in threads the member may see."""
    query = select(Post).join(Thread, Thread.id == Post.thread_id).where(
        Post.deleted_at.is_(None), Thread.deleted_at.is_(None)
    )
    if not _signed_in(member):
        return query.where(false())
    if not can_moderate(member):
        query = query.where(Thread.hidden.is_(False), or_(Post.hidden.is_(False), Post.author_id == member.id))
    return query


def visible_post_clause(member):
    """The post part of `visible_posts` as a WHERE clause, for queries that already join."""
    if can_moderate(member):
        return Post.deleted_at.is_(None)
    if not _signed_in(member):
        return false()
    return Post.deleted_at.is_(None) & or_(Post.hidden.is_(False), Post.author_id == member.id)
