"""Finding peers: who could give sparring on the phases a member asks about.

Two signals: members who say on their sparring profile that they know a phase and are open
for sparring now, and members who have written most in threads tagged with the phases.
The requester and inactive members are never suggested.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from forum.extensions import db
from forum.members.models import Member
from forum.sparring.models import SparringProfile, sparring_profile_phase
from forum.threads.models import Phase, Post, Thread, thread_phase

LIMIT = 12


@dataclass
class Suggestion:
    member: Member
    phases: list[Phase] = field(default_factory=list)  # phases from their sparring profile
    post_count: int = 0  # posts in threads with the chosen phases
    note: str = ""

    @property
    def open_now(self) -> bool:
        return bool(self.phases)


def _visible_post_filters():
    filters = [Post.hidden.is_(False), Thread.hidden.is_(False)]
    # The threads helper adds soft deletion; respect it when the columns are there.
    for model in (Post, Thread):
        deleted = getattr(model, "deleted_at", None)
        if deleted is not None:
            filters.append(deleted.is_(None))
    return filters


def _profile_matches(phase_ids: list[int], exclude_id: int) -> dict[int, list[int]]:
    rows = db.session.execute(
        select(sparring_profile_phase.c.member_id, sparring_profile_phase.c.phase_id)
        .join(SparringProfile, SparringProfile.member_id == sparring_profile_phase.c.member_id)
        .join(Member, Member.id == SparringProfile.member_id)
        .where(
            sparring_profile_phase.c.phase_id.in_(phase_ids),
            SparringProfile.open_now.is_(True),
            Member.active.is_(True),
            Member.id != exclude_id,
        )
    )
    matches: dict[int, list[int]] = {}
    for member_id, phase_id in rows:
        matches.setdefault(member_id, []).append(phase_id)
    return matches


def _top_writers(phase_ids: list[int], exclude_id: int, limit: int) -> dict[int, int]:
    in_phase = select(thread_phase.c.thread_id).where(thread_phase.c.phase_id.in_(phase_ids))
    posts = func.count(Post.id).label("posts")
    rows = db.session.execute(
        select(Post.author_id, posts)
        .join(Thread, Thread.id == Post.thread_id)
        .join(Member, Member.id == Post.author_id)
        .where(Thread.id.in_(in_phase), Member.active.is_(True), Member.id != exclude_id, *_visible_post_filters())
        .group_by(Post.author_id)
        .order_by(posts.desc(), Post.author_id)
        .limit(limit)
    )
    return dict(rows.all())


def suggest_peers(requester: Member, phases: list[Phase], limit: int = LIMIT) -> list[Suggestion]:
    """Up to `limit` members, those open for sparring on the phases first, then the most active writers."""
    phase_ids = [phase.id for phase in phases]
    if not phase_ids:
        return []
    profile = _profile_matches(phase_ids, requester.id)
    writers = _top_writers(phase_ids, requester.id, limit)
    member_ids = set(profile) | set(writers)
    if not member_ids:
        return []
    members = {m.id: m for m in db.session.scalars(select(Member).where(Member.id.in_(member_ids)))}
    notes = dict(
        db.session.execute(
            select(SparringProfile.member_id, SparringProfile.note).where(SparringProfile.member_id.in_(profile))
        ).all()
    ) if profile else {}
    by_id = {phase.id: phase for phase in phases}
    suggestions = [
        Suggestion(
            member=members[member_id],
            phases=sorted((by_id[p] for p in profile.get(member_id, [])), key=lambda p: p.position),
            post_count=writers.get(member_id, 0),
            note=notes.get(member_id, ""),
        )
        for member_id in member_ids
        if member_id in members
    ]
    suggestions.sort(key=lambda s: (-len(s.phases), -s.post_count, s.member.name, s.member.id))
    return suggestions[:limit]
