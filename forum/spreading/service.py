"""Recording reuse of a shared innovation, and reading how far innovations have spread."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from forum.db import utcnow
from forum.extensions import db
from forum.members.models import Member, Organization
from forum.notify import outbox
from forum.permissions.spreading import (
    SHARE_ROUTE,
    can_move_reuse,
    is_sharing_organization,
    visible_shared_threads,
)
from forum.spreading.models import NOTE_MAX_LENGTH, ReuseRecord, ReuseStep
from forum.threads.models import Phase, Thread

PAGE_SIZE = 20
HARVEST_SLUG = "hoest"
SLUG = re.compile(r"[a-z0-9_-]+")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ReuseError(Exception):
    """A reuse could not be recorded; the message is for the member."""


class NotShared(ReuseError):
    """The thread does not share an innovation (its route is not `share`)."""


class NotAllowed(ReuseError):
    """The member may not move this organization's record."""


class OwnInnovation(NotAllowed):
    """The organization shared this innovation itself; reuse is recorded by others."""


class NothingChanged(ReuseError):
    """Same phase and no note: there is nothing to add to the history."""


def phases() -> list[Phase]:
    return list(db.session.scalars(select(Phase).order_by(Phase.position, Phase.id)))


def phase_by_slug(slug: str | None) -> Phase | None:
    # Slugs are short lowercase words; anything else (NUL bytes included) cannot match one.
    if not slug or len(slug) > 40 or not SLUG.fullmatch(slug):
        return None
    return db.session.scalar(select(Phase).where(Phase.slug == slug))


def visible_shared_thread(member: Member, thread_id: int) -> Thread | None:
    """The thread, if it shares an innovation and the member may see it."""
    return db.session.scalar(visible_shared_threads(member).where(Thread.id == thread_id))


def find_record(thread_id: int, organization_id: int) -> ReuseRecord | None:
    return db.session.scalar(
        select(ReuseRecord).where(ReuseRecord.thread_id == thread_id, ReuseRecord.organization_id == organization_id)
    )


def record_reuse(thread: Thread, member: Member, phase: Phase, note: str = "",
                 organization: Organization | None = None, notify_author: bool = True) -> ReuseStep:
    """Start the organization's reuse of the thread's innovation, or move it to `phase`.

    One record per organization and thread: a second call moves the existing record and adds
    a step to its history. `organization` defaults to the member's own; only its members and
    facilitators may move it. The thread's author hears of a start and of reaching Høst (the
    moves in between would be noise), unless `notify_author` is False. Commits.
    """
    organization = organization or member.organization
    if thread.route != SHARE_ROUTE:
        raise NotShared(_("Kun tråde, der deler en innovation, kan genbruges."))
    if not can_move_reuse(member, organization.id):
        raise NotAllowed(_("Kun organisationens egne medlemmer kan flytte dens genbrug."))
    if is_sharing_organization(organization.id, thread):
        raise OwnInnovation(_("Innovationen er delt af %(organization)s selv; genbrug registreres af andre "
                              "organisationer.", organization=organization.name))
    note = CONTROL.sub("", note or "").strip()[:NOTE_MAX_LENGTH]
    record = find_record(thread.id, organization.id)
    if record is None:
        try:
            return _start(thread, organization, member, phase, note, notify_author)
        except IntegrityError:
            # A colleague started the same record a moment ago: move theirs instead.
            db.session.rollback()
            record = find_record(thread.id, organization.id)
            if record is None:
                raise
    return _move(record, member, phase, note, notify_author)


def _start(thread: Thread, organization: Organization, member: Member, phase: Phase, note: str,
           notify_author: bool) -> ReuseStep:
    now = utcnow()
    record = ReuseRecord(thread=thread, organization=organization, phase=phase, moved_at=now, created_at=now)
    step = ReuseStep(record=record, phase=phase, previous_phase_id=None, note=note, member=member, created_at=now)
    db.session.add_all([record, step])
    db.session.flush()
    if notify_author:
        _tell_author(thread, organization, phase, started=True)
    db.session.commit()
    return step


def _move(record: ReuseRecord, member: Member, phase: Phase, note: str, notify_author: bool) -> ReuseStep:
    if record.phase_id == phase.id and not note:
        raise NothingChanged(_("Jeres genbrug er allerede i den fase. Skriv en note, hvis I vil tilføje noget."))
    now = utcnow()
    previous_phase_id = record.phase_id
    if previous_phase_id != phase.id:
        record.phase = phase
        record.moved_at = now
        if notify_author and phase.slug == HARVEST_SLUG:
            _tell_author(record.thread, record.organization, phase, started=False)
    step = ReuseStep(record=record, phase=phase, previous_phase_id=previous_phase_id, note=note,
                     member=member, created_at=now)
    db.session.add(step)
    db.session.commit()
    return step


def _tell_author(thread: Thread, organization: Organization, phase: Phase, started: bool) -> None:
    author = thread.author
    if author is None or author.organization_id == organization.id or not author.active:
        return
    with force_locale(author.language):
        if started:
            text = _("%(organization)s genbruger jeres innovation “%(title)s” (fase: %(phase)s).",
                     organization=organization.name, title=thread.title, phase=phase.label(author.language))
        else:
            text = _("%(organization)s har nået fasen %(phase)s med jeres innovation “%(title)s”.",
                     organization=organization.name, title=thread.title, phase=phase.label(author.language))
    # /threads/<id> is part of the public URL contract (SPEC §4).
    outbox.notify(author, "reuse", text, f"/threads/{thread.id}#genbrug")


# --- Reading ---------------------------------------------------------------------------------


def records_for_thread(thread_id: int) -> list[ReuseRecord]:
    """The thread's reuse records, furthest phase first, with their history loaded."""
    return list(
        db.session.scalars(
            select(ReuseRecord)
            .join(ReuseRecord.phase)
            .where(ReuseRecord.thread_id == thread_id)
            .options(selectinload(ReuseRecord.steps))
            .order_by(Phase.position.desc(), ReuseRecord.moved_at.desc(), ReuseRecord.id)
        ).unique()
    )


@dataclass
class Spread:
    """How far one shared innovation has spread: organizations per phase slug."""

    thread: Thread
    per_phase: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.per_phase.values())


def spread_page(member: Member, phase: Phase | None = None, page: int = 1, per_page: int = PAGE_SIZE):
    """A page of the shared innovations the member may see, most spread first.

    Sorted by the number of organizations reusing, then by the furthest phase reached, then
    newest activity. With `phase`, only innovations that some organization is in now.
    Returns (pagination, [Spread]) in the page's order.
    """
    reach = (
        select(
            ReuseRecord.thread_id.label("thread_id"),
            func.count(ReuseRecord.id).label("organizations"),
            func.max(Phase.position).label("furthest"),
        )
        .join(Phase, Phase.id == ReuseRecord.phase_id)
        .group_by(ReuseRecord.thread_id)
        .subquery()
    )
    query = (
        visible_shared_threads(member)
        .order_by(None)
        .outerjoin(reach, reach.c.thread_id == Thread.id)
        .order_by(
            func.coalesce(reach.c.organizations, 0).desc(),
            func.coalesce(reach.c.furthest, 0).desc(),
            Thread.last_activity_at.desc(),
            Thread.id.desc(),
        )
    )
    if phase is not None:
        query = query.where(
            Thread.id.in_(select(ReuseRecord.thread_id).where(ReuseRecord.phase_id == phase.id))
        )
    pagination = db.paginate(query, page=page, per_page=per_page, error_out=False, count=True)
    threads = list(pagination.items)
    return pagination, spreads_of(threads)


def spreads_of(threads: list[Thread]) -> list[Spread]:
    """Organizations per phase for each thread, in one query."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    if threads:
        rows = db.session.execute(
            select(ReuseRecord.thread_id, Phase.slug, func.count(ReuseRecord.id))
            .join(Phase, Phase.id == ReuseRecord.phase_id)
            .where(ReuseRecord.thread_id.in_([thread.id for thread in threads]))
            .group_by(ReuseRecord.thread_id, Phase.slug)
        )
        for thread_id, slug, number in rows:
            counts[thread_id][slug] = number
    return [Spread(thread=thread, per_phase=dict(counts[thread.id])) for thread in threads]


def organizations_per_phase(member: Member) -> dict[str, int]:
    """Across every shared innovation the member may see: organizations per phase slug."""
    visible = visible_shared_threads(member).with_only_columns(Thread.id).order_by(None)
    rows = db.session.execute(
        select(Phase.slug, func.count(ReuseRecord.id))
        .join(Phase, Phase.id == ReuseRecord.phase_id)
        .where(ReuseRecord.thread_id.in_(visible))
        .group_by(Phase.slug)
    )
    return {slug: number for slug, number in rows}
