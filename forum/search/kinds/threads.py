"""Threads and posts in the index.

A thread's document holds its title and its opening post; every reply is a post
document. Hidden and deleted threads and posts are kept out of the index (the results
are still filtered through `forum.permissions`, which is what decides).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, literal_column, select
from sqlalchemy.orm import Session, aliased, selectinload

from forum.extensions import db
from forum.members.models import Member
from forum.permissions import visible_posts, visible_threads
from forum.search.documents import Change, DocumentKind, Result, Watch, changed, doc_id, register, text_of_html
from forum.search.index import VISIBLE_TO_ALL
from forum.search.models import CASCADE, DELETE, UPSERT
from forum.threads.models import Phase, Post, Thread, thread_phase

# Changes to these need the thread's document and its posts' documents (they carry
# the thread's phases) written again.
THREAD_FIELDS = ("title", "hidden", "deleted_at", "phases")
POST_FIELDS = ("body_html", "hidden", "deleted_at", "thread_id", "number")


def _indexable_threads():
    return select(Thread).where(Thread.hidden.is_(False), Thread.deleted_at.is_(None))


def _indexable_posts():
    return (select(Post).join(Thread, Thread.id == Post.thread_id)
            .where(Post.hidden.is_(False), Post.deleted_at.is_(None),
                   Thread.hidden.is_(False), Thread.deleted_at.is_(None)))


def _phase_slugs(session: Session, thread_ids) -> dict[int, list[str]]:
    query = select(thread_phase.c.thread_id, Phase.slug).join(Phase, Phase.id == thread_phase.c.phase_id)
    if thread_ids is not None:
        query = query.where(thread_phase.c.thread_id.in_(thread_ids))
    slugs = defaultdict(list)
    for thread_id, slug in session.execute(query):
        slugs[thread_id].append(slug)
    return slugs


def _organizations(session: Session, member_ids) -> dict[int, int]:
    query = select(Member.id, Member.organization_id)
    if member_ids is not None:
        query = query.where(Member.id.in_(set(member_ids)))
    return dict(session.execute(query).all())


def _document(kind, object_id, thread_id, title, body_html, phases, author_id, organizations, created) -> dict:
    return {
        "doc_id": doc_id(kind, object_id), "kind": kind, "object_id": object_id, "thread_id": thread_id,
        "title": title, "body": text_of_html(body_html), "phases": phases, "author": author_id,
        "organization": organizations.get(author_id), "created": created, "visibility": [VISIBLE_TO_ALL],
    }


def thread_documents(session: Session, ids: list[int]) -> dict[int, dict]:
    threads = session.execute(
        _indexable_threads().with_only_columns(Thread.id, Thread.title, Thread.author_id, Thread.created_at)
        .where(Thread.id.in_(ids))
    ).all()
    if not threads:
        return {}
    found = [row.id for row in threads]
    openers = dict(session.execute(
        _indexable_posts().with_only_columns(Post.thread_id, Post.body_html)
        .where(Post.thread_id.in_(found), Post.number == 1)
    ).all())
    phases = _phase_slugs(session, found)
    organizations = _organizations(session, [row.author_id for row in threads])
    return {
        row.id: _document("thread", row.id, row.id, row.title, openers.get(row.id, ""), phases.get(row.id, []),
                          row.author_id, organizations, row.created_at)
        for row in threads
    }


def _post_rows(session: Session, query) -> Iterator:
    return session.execute(query.with_only_columns(
        Post.id, Post.thread_id, Post.author_id, Post.body_html, Post.created_at
    ).where(Post.number > 1))


def post_documents(session: Session, ids: list[int]) -> dict[int, dict]:
    rows = list(_post_rows(session, _indexable_posts().where(Post.id.in_(ids))))
    if not rows:
        return {}
    phases = _phase_slugs(session, {row.thread_id for row in rows})
    organizations = _organizations(session, [row.author_id for row in rows])
    return {
        row.id: _document("post", row.id, row.thread_id, "", row.body_html, phases.get(row.thread_id, []),
                          row.author_id, organizations, row.created_at)
        for row in rows
    }


def thread_cascade(session: Session, thread_id: int) -> tuple[str, str, list[dict]]:
    """Every document of the thread, written again (its title, phases or visibility changed)."""
    documents = list(thread_documents(session, [thread_id]).values())
    if documents:
        ids = session.scalars(_indexable_posts().with_only_columns(Post.id)
                              .where(Post.thread_id == thread_id, Post.number > 1)).all()
        documents += list(post_documents(session, list(ids)).values())
    return "thread_id", str(thread_id), documents


def all_thread_documents(session: Session) -> Iterator[dict]:
    for chunk in _chunks(session.scalars(_indexable_threads().with_only_columns(Thread.id).order_by(Thread.id))):
        yield from thread_documents(session, chunk).values()


def all_post_documents(session: Session) -> Iterator[dict]:
    # Streamed as plain rows: 200,000 posts must not become 200,000 ORM objects at once.
    phases = _phase_slugs(session, None)
    organizations = _organizations(session, None)
    query = _indexable_posts().order_by(Post.id)
    rows = session.execute(
        query.with_only_columns(Post.id, Post.thread_id, Post.author_id, Post.body_html, Post.created_at)
        .where(Post.number > 1).execution_options(yield_per=2000)
    )
    for row in rows:
        yield _document("post", row.id, row.thread_id, "", row.body_html, phases.get(row.thread_id, []),
                        row.author_id, organizations, row.created_at)


def _chunks(ids, size=500):
    chunk = []
    for value in ids:
        chunk.append(value)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _count(session: Session, query) -> int:
    return session.scalar(select(func.count()).select_from(query.subquery()))


# -- what the member sees ------------------------------------------------------------------
#
# The hits are checked with `EXISTS (visible_*(member) WHERE id = hit.id)` rather than
# `visible_*(member) WHERE id IN (hits)`: the same rules, but SQLite (no ANALYZE statistics)
# planned the IN form as a scan of every visible thread through ix_thread_recent (hidden=?)
# — 3–8 ms a query at 20,000 threads — where the EXISTS form is a primary-key lookup per hit.

# Built once: an alias costs a copy of every column each time it is made.
_HIT_THREAD = aliased(Thread, name="hit_thread")
_HIT_POST = aliased(Post, name="hit_post")
_OPENER = aliased(Post, name="opener")


def _visible_thread(member, thread):
    return exists(visible_threads(member).with_only_columns(literal_column("1")).where(Thread.id == thread.id))


def _visible_post(member, post):
    return exists(visible_posts(member).with_only_columns(literal_column("1")).where(Post.id == post.id))


def thread_results(member, ids: list[int]) -> dict[int, Result]:
    hit, opener = _HIT_THREAD, _OPENER
    threads = db.session.scalars(select(hit).where(hit.id.in_(ids), _visible_thread(member, hit))).all()
    openers = dict(db.session.execute(
        select(opener.thread_id, opener.body_html)
        .where(opener.thread_id.in_([thread.id for thread in threads]), opener.number == 1,
               _visible_post(member, opener))
    ).all()) if threads else {}
    return {
        thread.id: Result(
            kind="thread", object_id=thread.id, url=url_for("threads.show", thread_id=thread.id),
            title=thread.title, text=text_of_html(openers.get(thread.id, "")), created=thread.created_at,
            author=thread.author, organization=thread.author.organization.name, phases=list(thread.phases),
        )
        for thread in threads
    }


def post_results(member, ids: list[int]) -> dict[int, Result]:
    hit = _HIT_POST
    posts = db.session.scalars(
        select(hit).where(hit.id.in_(ids), hit.number > 1, _visible_post(member, hit))
        .options(selectinload(hit.author))
    ).all()
    if not posts:
        return {}
    shown = _HIT_THREAD
    threads = {thread.id: thread for thread in db.session.scalars(
        select(shown).where(shown.id.in_({post.thread_id for post in posts}), _visible_thread(member, shown)))}
    results = {}
    for post in posts:
        thread = threads.get(post.thread_id)
        if thread is None:
            continue
        results[post.id] = Result(
            kind="post", object_id=post.id,
            # The permalink works out the post's page when followed: counting the posts before
            # every hit here cost ~35 ms for a hit deep in a 27,000-post thread.
            url=url_for("threads.permalink", post_id=post.id),
            title=thread.title, text=text_of_html(post.body_html), created=post.created_at,
            author=post.author, organization=post.author.organization.name, phases=list(thread.phases),
            context=str(_l("Svar i tråden")),
        )
    return results


# -- which changes touch which documents --------------------------------------------------

def thread_changes(thread: Thread, state: str) -> list[Change]:
    if state == "new":
        return [("thread", thread.id, UPSERT)]
    if state == "deleted":
        return [("thread", thread.id, CASCADE)]
    return [("thread", thread.id, CASCADE)] if changed(thread, THREAD_FIELDS) else []


def post_changes(post: Post, state: str) -> list[Change]:
    if state == "dirty" and not changed(post, POST_FIELDS):
        return []
    if post.number == 1:
        return [("thread", post.thread_id, UPSERT)]
    return [("post", post.id, DELETE if state == "deleted" else UPSERT)]


register(
    DocumentKind(
        name="thread",
        documents=thread_documents, cascade=thread_cascade, all_documents=all_thread_documents,
        count=lambda session: _count(session, _indexable_threads()),
        doc_ids=lambda session: (doc_id("thread", i) for i in session.scalars(
            _indexable_threads().with_only_columns(Thread.id))),
        results=thread_results,
    ),
    Watch("Thread", thread_changes),
)
register(
    DocumentKind(
        name="post",
        documents=post_documents, all_documents=all_post_documents,
        count=lambda session: _count(session, _indexable_posts().where(Post.number > 1)),
        doc_ids=lambda session: (doc_id("post", i) for i in session.scalars(
            _indexable_posts().with_only_columns(Post.id).where(Post.number > 1))),
        results=post_results,
    ),
    Watch("Post", post_changes),
)
