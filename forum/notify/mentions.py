"""@mentions: `@[Full Name]` in a post links to the member's profile and notifies them.

The bracketed form handles Danish names with spaces and letters like æ, ø and å; the
autocomplete (/members/autocomplete) inserts it. A name two active members share links to
nobody (we will not guess). Hooked on the session, so the threads package need not know:
before a flush, a new or edited post's HTML is rendered again with the mentions linked;
after it, each member newly mentioned who may see the post is notified once.
"""
from __future__ import annotations

import html
import re

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import event, func, inspect, select
from sqlalchemy.orm import Session

from forum.markup import render_markdown
from forum.members.models import Member
from forum.notify.outbox import notify
from forum.permissions.threads import can_view_post
from forum.threads.models import Post

MENTION = re.compile(r"@\[([^\]\[<>\"\n]{1,120})\]")
_CODE = re.compile(r"(<(pre|code)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
_QUEUE_KEY = "mention_queue"


def _normalise(name: str) -> str:
    return " ".join(name.split()).lower()


def mentioned_names(source: str) -> set[str]:
    return {_normalise(html.unescape(match)) for match in MENTION.findall(source or "")}


def resolve(session: Session, names: set[str]) -> dict[str, Member]:
    """Normalised name -> the one active member with that name (ambiguous names are left out)."""
    if not names:
        return {}
    found: dict[str, list[Member]] = {}
    rows = session.scalars(
        select(Member).where(Member.active.is_(True), func.lower(Member.name).in_(sorted(names)))
    )
    for member in rows:
        found.setdefault(_normalise(member.name), []).append(member)
    return {name: members[0] for name, members in found.items() if len(members) == 1}


def link_mentions(rendered: str, members: dict[str, Member], linked: dict[int, Member] | None = None) -> str:
    """Rendered post HTML with each resolvable `@[Name]` as a link (not inside code).

    `linked`, when given, collects the members that got a link: only they are notified.
    """

    def link(match: re.Match) -> str:
        member = members.get(_normalise(html.unescape(match.group(1))))
        if member is None:
            return match.group(0)
        if linked is not None:
            linked[member.id] = member
        return f'<a href="/members/{member.id}">@{html.escape(member.name)}</a>'

    parts = _CODE.split(rendered)
    out, skip = [], 0
    for part in parts:
        if skip:
            skip -= 1
            continue
        if _CODE.fullmatch(part or ""):
            out.append(part)
            skip = 1  # the tag-name group that re.split also returns
            continue
        out.append(MENTION.sub(link, part))
    return "".join(out)


@event.listens_for(Session, "before_flush")
def _link_and_collect(session: Session, _context, _instances) -> None:
    for post in list(session.new) + list(session.dirty):
        if not isinstance(post, Post):
            continue
        history = inspect(post).attrs.body_source.history
        if post in session.dirty and not history.has_changes():
            continue
        names = mentioned_names(post.body_source)
        if not names:
            continue
        members = resolve(session, names)
        linked: dict[int, Member] = {}

        def hook(rendered: str, members=members, linked=linked) -> str:
            return link_mentions(rendered, members, linked)

        post.body_html = render_markdown(post.body_source, mentions=hook)
        before = set()
        for old in history.deleted or ():
            before |= mentioned_names(old)
        fresh = [member for member in linked.values()
                 if _normalise(member.name) not in before and member.id != post.author_id]
        if fresh:
            session.info.setdefault(_QUEUE_KEY, []).append((post, fresh))


@event.listens_for(Session, "after_flush_postexec")
def _notify_mentioned(session: Session, _context) -> None:
    queue = session.info.pop(_QUEUE_KEY, None)
    if not queue:
        return
    for post, members in queue:
        if post.id is None or post.hidden or post.deleted_at is not None:
            continue
        author = session.get(Member, post.author_id)
        for member in members:
            if not can_view_post(member, post):
                continue
            with force_locale(member.language):
                text = _("%(name)s nævnte dig i »%(title)s«", name=author.name, title=post.thread.title)
            notify(member, "mention", text, f"/threads/{post.thread_id}#post-{post.id}")


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_QUEUE_KEY, None)
