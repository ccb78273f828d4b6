"""Read-only queries for thread pages, always through the permission filters."""
from __future__ import annotations

import re

from sqlalchemy import func, select, true
from sqlalchemy.orm import joinedload, selectinload

from forum.extensions import db
from forum.members.models import Member
from forum.permissions.threads import visible_post_clause, visible_threads
from forum.threads import reading
from forum.threads.models import ROUTES, Attachment, Phase, Post, Thread, thread_phase

THREADS_PER_PAGE = 25
_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")
POSTS_PER_PAGE = 20


def all_phases() -> list[Phase]:
    return list(db.session.scalars(select(Phase).order_by(Phase.position)))


def phase_by_slug(slug: str | None) -> Phase | None:
    """The phase with this slug; None for anything that cannot be a slug (never sent to the database)."""
    if not slug or not _SLUG.fullmatch(slug):
        return None
    return db.session.scalar(select(Phase).where(Phase.slug == slug))


def thread_list(member: Member, page: int, phase: Phase | None = None, route: str | None = None):
    """One page of threads: pinned first, then newest activity; with unread counts."""
    query = visible_threads(member).options(joinedload(Thread.last_post_author))
    if phase is not None:
        query = query.where(Thread.id.in_(select(thread_phase.c.thread_id).where(thread_phase.c.phase_id == phase.id)))
    if route in ROUTES:
        query = query.where(Thread.route == route)
    query = query.order_by(Thread.pinned.desc(), Thread.last_activity_at.desc(), Thread.id.desc())
    pagination = db.paginate(query, page=page, per_page=THREADS_PER_PAGE, error_out=False, max_per_page=THREADS_PER_PAGE)
    unread = reading.unread_counts(member, [thread.id for thread in pagination.items])
    return pagination, unread


def visible_thread(member: Member, thread_id: int) -> Thread | None:
    return db.session.scalar(visible_threads(member).where(Thread.id == thread_id))


def visible_post(member: Member, post_id: int) -> Post | None:
    """The post, if the member may see it and the thread it is in."""
    post = db.session.scalar(
        select(Post).join(Thread, Thread.id == Post.thread_id)
        .where(Post.id == post_id, visible_post_clause(member),
               Thread.id.in_(visible_threads(member).with_only_columns(Thread.id)))
    )
    return post


def _thread_posts(member: Member, thread: Thread):
    return select(Post).where(Post.thread_id == thread.id, visible_post_clause(member))


def post_page(member: Member, thread: Thread, page: int):
    """One page of posts, oldest first, with authors, organizations and attachments loaded
    in a fixed number of statements whatever the page holds."""
    query = (
        _thread_posts(member, thread)
        .options(joinedload(Post.author).joinedload(Member.organization), selectinload(Post.attachments))
        .order_by(Post.number)
    )
    return db.paginate(query, page=page, per_page=POSTS_PER_PAGE, error_out=False, max_per_page=POSTS_PER_PAGE)


def page_of_post(member: Member, post: Post) -> int:
    """The page of the thread that shows `post`."""
    before = db.session.scalar(
        select(func.count()).select_from(
            _thread_posts(member, post.thread).where(Post.number < post.number).subquery()
        )
    )
    return before // POSTS_PER_PAGE + 1


def attachment_for(member: Member, attachment_id: int) -> Attachment | None:
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.post_id is None:
        return None
    return attachment if visible_post(member, attachment.post_id) is not None else None


def dashboard_threads(member: Member, limit: int = 5) -> dict:
    """The threads panel of the dashboard: pinned, unread and newest activity."""
    base = visible_threads(member).options(joinedload(Thread.last_post_author))
    pinned = list(db.session.scalars(base.where(Thread.pinned.is_(True))
                                     .order_by(Thread.last_activity_at.desc()).limit(limit)))
    unread_threads = list(db.session.scalars(base.where(reading.has_unread_clause(member))
                                             .order_by(Thread.last_activity_at.desc()).limit(limit)))
    shown = [thread.id for thread in pinned + unread_threads]
    # "Newest activity" adds what the two lists above do not already show.
    newest = list(db.session.scalars(base.where(Thread.id.not_in(shown) if shown else true())
                                     .order_by(Thread.last_activity_at.desc()).limit(limit)))
    ids = {thread.id for thread in pinned + unread_threads + newest}
    return {"pinned": pinned, "unread": unread_threads, "newest": newest,
            "unread_counts": reading.unread_counts(member, sorted(ids))}
