"""Read-only queries for thread pages, always through the permission filters."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import exists, func, select, true
from sqlalchemy.orm import aliased

from forum.extensions import db
from forum.members.models import Member, Organization, role_facilitates
from forum.pagination import NumberedPage, window
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


class PhaseContent(NamedTuple):
    slug: str
    label_da: str
    label_en: str

    def label(self, language: str) -> str:
        """As Phase.label: the `phase_label` filter and the phase macros read it."""
        return self.label_en if language == "en" else self.label_da


class ThreadRowContent(NamedTuple):
    """A row of the thread list as every reader sees it (the unread count is the reader's)."""

    id: int
    title: str
    pinned: bool
    locked: bool
    hidden: bool
    route: str | None
    author_name: str
    organization_name: str
    phases: tuple[PhaseContent, ...]
    reply_count: int
    last_activity_at: datetime
    last_post_author_name: str | None


def thread_list(member: Member, page: int, phase: Phase | None = None, route: str | None = None):
    """One page of threads: pinned first, then newest activity; with unread counts.

    The rows are read as plain columns (author, organization and last author joined by name),
    and the phases of the page's threads in one more statement: building ORM objects for 25
    threads with their members and organizations was a third of the page's time."""
    author, last_author = aliased(Member), aliased(Member)
    query = (
        visible_threads(member)
        .with_only_columns(Thread.id, Thread.title, Thread.pinned, Thread.locked, Thread.hidden, Thread.route,
                           author.name, Organization.name, Thread.post_count, Thread.last_activity_at,
                           last_author.name)
        .join(author, author.id == Thread.author_id)
        .join(Organization, Organization.id == author.organization_id)
        .outerjoin(last_author, last_author.id == Thread.last_post_author_id)
    )
    if phase is not None:
        # EXISTS, not IN: walking the listing index and probing the primary key stops after a
        # page of matches; IN built the list of every thread in the phase first (10x slower at 20,000).
        query = query.where(exists().where(thread_phase.c.thread_id == Thread.id, thread_phase.c.phase_id == phase.id))
    if route in ROUTES:
        query = query.where(Thread.route == route)
    query = query.order_by(Thread.pinned.desc(), Thread.last_activity_at.desc(), Thread.id.desc())
    page_of_threads = window(query, page, THREADS_PER_PAGE)
    phases = _phases_of([row[0] for row in page_of_threads.items])
    page_of_threads.items = [
        ThreadRowContent(*row[:8], phases=phases.get(row[0], ()), reply_count=max(row[8] - 1, 0),
                         last_activity_at=row[9], last_post_author_name=row[10])
        for row in page_of_threads.items
    ]
    unread = reading.unread_counts(member, [row.id for row in page_of_threads.items])
    return page_of_threads, unread


def _phases_of(thread_ids: list[int]) -> dict[int, tuple[PhaseContent, ...]]:
    found: dict[int, list[PhaseContent]] = {}
    if thread_ids:
        for thread_id, slug, label_da, label_en in db.session.execute(
            select(thread_phase.c.thread_id, Phase.slug, Phase.label_da, Phase.label_en)
            .join(Phase, Phase.id == thread_phase.c.phase_id)
            .where(thread_phase.c.thread_id.in_(thread_ids)).order_by(Phase.position)
        ):
            found.setdefault(thread_id, []).append(PhaseContent(slug, label_da, label_en))
    return {thread_id: tuple(phases) for thread_id, phases in found.items()}


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


@dataclass(slots=True)
class PostRow:
    """A post as the thread page shows it, read with plain SQL rather than as ORM objects
    (a third of the page's time went to building 60 objects for 20 posts). The permission
    rules read it as they read a Post: author_id, hidden, deleted_at, number, thread."""

    id: int
    thread: Thread
    number: int
    author_id: int
    body_html: str
    created_at: datetime
    edited_at: datetime | None
    hidden: bool
    hidden_reason: str
    deleted_at: datetime | None
    author_name: str
    author_title: str | None
    author_is_facilitator: bool
    organization_name: str
    attachments: list = field(default_factory=list)

    @property
    def is_first(self) -> bool:
        return self.number == 1


def post_page(member: Member, thread: Thread, page: int) -> NumberedPage:
    """One page of posts, oldest first, with authors, organizations and attachments, in
    three statements whatever the page holds."""
    visible = visible_post_clause(member)
    rows = db.session.execute(
        select(Post.id, Post.number, Post.author_id, Post.body_html, Post.created_at, Post.edited_at, Post.hidden,
               Post.hidden_reason, Post.deleted_at, Member.name, Member.title, Member.role, Organization.name)
        .join(Member, Member.id == Post.author_id).join(Organization, Organization.id == Member.organization_id)
        .where(Post.thread_id == thread.id, visible)
        .order_by(Post.number).limit(POSTS_PER_PAGE).offset((page - 1) * POSTS_PER_PAGE)
    ).all()
    posts = [PostRow(row[0], thread, *row[1:11], role_facilitates(row[11]), row[12]) for row in rows]
    if posts:
        by_id = {post.id: post for post in posts}
        for attachment in db.session.scalars(
            select(Attachment).where(Attachment.post_id.in_(by_id)).order_by(Attachment.id)
        ):
            by_id[attachment.post_id].attachments.append(attachment)
    total = db.session.scalar(select(func.count(Post.id)).where(Post.thread_id == thread.id, visible))
    return NumberedPage(items=posts, page=page, per_page=POSTS_PER_PAGE, total=total)


def page_of_post(member: Member, post: Post) -> int:
    """The page of the thread that shows `post`."""
    # A count over the (thread, number) index; counting a subquery of whole posts read every
    # body before it (8 ms at 1,100 posts, on every reply's redirect).
    before = db.session.scalar(
        select(func.count(Post.id)).where(Post.thread_id == post.thread_id, Post.number < post.number,
                                          visible_post_clause(member))
    )
    return before // POSTS_PER_PAGE + 1


def attachment_for(member: Member, attachment_id: int) -> Attachment | None:
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.post_id is None:
        return None
    return attachment if visible_post(member, attachment.post_id) is not None else None


def dashboard_threads(member: Member, limit: int = 5) -> dict:
    """The threads panel of the dashboard: pinned, unread and newest activity.

    Rows of (id, title, last_activity_at): the panel shows nothing else, so no authors,
    organizations or phases are loaded."""
    base = visible_threads(member).with_only_columns(Thread.id, Thread.title, Thread.last_activity_at)
    pinned = db.session.execute(base.where(Thread.pinned.is_(True))
                                .order_by(Thread.last_activity_at.desc()).limit(limit)).all()
    unread_threads = db.session.execute(base.where(reading.has_unread_clause(member))
                                        .order_by(Thread.last_activity_at.desc()).limit(limit)).all()
    shown = [thread.id for thread in pinned + unread_threads]
    # "Newest activity" adds what the two lists above do not already show.
    newest = db.session.execute(base.where(Thread.id.not_in(shown) if shown else true())
                                .order_by(Thread.last_activity_at.desc()).limit(limit)).all()
    ids = {thread.id for thread in pinned + unread_threads + newest}
    return {"pinned": pinned, "unread": unread_threads, "newest": newest,
            "unread_counts": reading.unread_counts(member, sorted(ids))}
