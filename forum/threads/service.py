"""Use cases for threads and posts: start, reply, edit, delete. One transaction each.

Every function validates what the database must enforce, writes the change together with
its side effects (read state, watches, notifications, mail, audit), commits, and raises
`ThreadError` (its text is the message to show) without writing anything when refused.
"""
from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import joinedload

from forum.db import utcnow
from forum.extensions import db
from forum.markup import render_markdown
from forum.members.models import Member
from forum.moderation import audit
from forum.permissions.threads import can_moderate
from forum.threads import attachments as attachment_store
from forum.threads import reading, watching
from forum.threads.models import ROUTES, Phase, Post, PostRevision, Thread

TITLE_MAX = 200
SOURCE_MAX = 50_000


class ThreadError(Exception):
    """A rule refuses the change; str(error) is the message to show the member."""


def _clean_title(title: str | None) -> str:
    title = " ".join((title or "").replace("\x00", "").split())
    if not title:
        raise ThreadError(_l("Tråden skal have en titel."))
    if len(title) > TITLE_MAX:
        raise ThreadError(_l("Titlen må højst være %(max)d tegn.", max=TITLE_MAX))
    return title


def _clean_source(source: str | None) -> str:
    source = (source or "").replace("\r\n", "\n").replace("\x00", "")
    if not source.strip():
        raise ThreadError(_l("Indlægget er tomt."))
    if len(source) > SOURCE_MAX:
        raise ThreadError(_l("Indlægget må højst være %(max)d tegn.", max=SOURCE_MAX))
    return source


def _clean_route(route: str | None) -> str | None:
    if not route:
        return None
    if route not in ROUTES:
        raise ThreadError(_l("Ukendt rute."))
    return route


def phases_by_slug(slugs: Iterable[str]) -> list[Phase]:
    """The phases named by `slugs`, in the guide's order; an unknown slug is refused."""
    wanted = {slug for slug in slugs if slug}
    if not wanted:
        return []
    if any(len(slug) > 40 or "\x00" in slug for slug in wanted):
        raise ThreadError(_l("Ukendt fase."))
    phases = list(db.session.scalars(select(Phase).where(Phase.slug.in_(wanted)).order_by(Phase.position)))
    if len(phases) != len(wanted):
        raise ThreadError(_l("Ukendt fase."))
    return phases


def _add_post(thread: Thread, author: Member, source: str, number: int, html: str | None = None) -> Post:
    post = Post(thread=thread, number=number, author_id=author.id, body_source=source,
                body_html=render_markdown(source) if html is None else html)
    db.session.add(post)
    db.session.flush()
    # In SQL, under the row/write lock the caller holds: a Python `+ 1` on the value loaded
    # before the lock lost counts when replies came at once (599 counted for 1,077 posts).
    thread.post_count = Thread.post_count + 1
    thread.last_activity_at = post.created_at
    thread.last_post_id = post.id
    thread.last_post_author_id = author.id
    return post


def start_thread(author: Member, title: str, source: str, phase_slugs: Iterable[str] = (),
                 route: str | None = None, files: Iterable = ()) -> Thread:
    """Open a thread with its first post; the author watches it and has read it."""
    thread = Thread(title=_clean_title(title), author_id=author.id, route=_clean_route(route),
                    phases=phases_by_slug(phase_slugs))
    source = _clean_source(source)
    prepared = attachment_store.prepare(files)
    db.session.add(thread)
    db.session.flush()
    post = _add_post(thread, author, source, number=1)
    attachment_store.attach(post, author, prepared)
    watching.watch_on_posting(author, thread)
    reading.record_read(author, thread, post.number)
    db.session.commit()
    return thread


def reply(thread: Thread, author: Member, source: str, files: Iterable = ()) -> Post:
    """Add a post at the end of `thread` and tell its watchers, in one transaction."""
    if thread.locked and not can_moderate(author):
        raise ThreadError(_l("Tråden er låst, så der kan ikke svares i den."))
    source = _clean_source(source)
    html = render_markdown(source)  # before the lock below: other replies to the thread wait on it
    prepared = attachment_store.prepare(files)
    # Write to the thread row first: PostgreSQL locks the row and SQLite takes its write lock
    # (it ignores SELECT ... FOR UPDATE), so two replies at once cannot take the same number.
    db.session.execute(update(Thread).where(Thread.id == thread.id).values(last_activity_at=utcnow()))
    number = (db.session.scalar(select(func.max(Post.number)).where(Post.thread_id == thread.id)) or 0) + 1
    post = _add_post(thread, author, source, number=number, html=html)
    attachment_store.attach(post, author, prepared)
    watching.watch_on_posting(author, thread)
    reading.record_read(author, thread, post.number)
    watching.notify_watchers(thread, post, author)
    db.session.commit()
    return post


def edit_post(post: Post, editor: Member, source: str, title: str | None = None,
              phase_slugs: Iterable[str] | None = None, route: str | None = None,
              files: Iterable = ()) -> Post:
    """Change a post, keeping what it was as a PostRevision.

    `title`, `phase_slugs` and `route` apply to the thread and only through its first post.
    """
    source = _clean_source(source)
    thread = post.thread
    new_title = _clean_title(title) if post.is_first and title is not None else thread.title
    new_phases = phases_by_slug(phase_slugs) if post.is_first and phase_slugs is not None else thread.phases
    new_route = _clean_route(route) if post.is_first and route is not None else thread.route
    prepared = attachment_store.prepare(files)
    changed = (source != post.body_source or new_title != thread.title or new_route != thread.route
               or [p.id for p in new_phases] != [p.id for p in thread.phases])
    if not changed and not prepared:
        return post
    if changed:
        db.session.add(PostRevision(post_id=post.id, editor_id=editor.id, body_source=post.body_source,
                                    title=thread.title if post.is_first else None))
        post.body_source = source
        post.body_html = render_markdown(source)
        post.edited_at = utcnow()
        post.edited_by_id = editor.id
        thread.title, thread.phases, thread.route = new_title, list(new_phases), new_route
        if editor.id != post.author_id:
            audit.record(editor, "edit_post", "post", post.id)
    attachment_store.attach(post, editor, prepared)
    db.session.commit()
    return post


def delete_post(post: Post, actor: Member, reason: str = "") -> None:
    """Soft-delete a post. Deleting the opening post deletes the whole thread.

    Rows stay in the database (for the audit trail and undo by an administrator), but no
    list, page, search or export shows them again.
    """
    now = utcnow()
    thread = post.thread
    post.deleted_at = now
    if post.is_first:
        thread.deleted_at = now
    else:
        _refresh_thread_counters(thread)
    if actor.id != post.author_id:
        audit.record(actor, "delete_thread" if post.is_first else "delete_post",
                     "thread" if post.is_first else "post", thread.id if post.is_first else post.id, reason)
    db.session.commit()


def _refresh_thread_counters(thread: Thread) -> None:
    db.session.flush()
    live = select(Post).where(Post.thread_id == thread.id, Post.deleted_at.is_(None))
    thread.post_count = db.session.scalar(select(func.count()).select_from(live.subquery()))
    last = db.session.scalar(live.order_by(Post.number.desc()).limit(1))
    if last is not None:
        thread.last_post_id = last.id
        thread.last_post_author_id = last.author_id
        thread.last_activity_at = last.created_at


def revisions_of(post: Post) -> list[PostRevision]:
    return list(db.session.scalars(
        select(PostRevision).options(joinedload(PostRevision.editor))
        .where(PostRevision.post_id == post.id).order_by(PostRevision.id.desc())
    ))
