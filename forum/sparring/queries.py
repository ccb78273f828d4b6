"""Read-only queries for sparring pages, always through `visible_sparring_requests`."""
from __future__ import annotations

from sqlalchemy import Select, exists, or_, select

from forum.extensions import db
from forum.members.models import Member
from forum.permissions.members import visible_members
from forum.permissions.sparring import visible_sparring_requests
from forum.sparring.models import (
    SparringOffer,
    SparringRequest,
    SparringStatus,
    sparring_profile_phase,
    sparring_recipient,
    sparring_request_phase,
)
from forum.threads.models import Phase

PAGE_SIZE = 20
MAX_PAGE = 10_000
STATUSES = tuple(status.value for status in SparringStatus)
VIEWS = ("for-me", "mine")
# Integer primary keys: a larger number from a URL can only be a 404 (and would overflow PostgreSQL).
MAX_ID = 2**31 - 1


def visible_request(member: Member, request_id: int) -> SparringRequest | None:
    if not 0 < request_id <= MAX_ID:
        return None
    return db.session.scalar(visible_sparring_requests(member).where(SparringRequest.id == request_id))


def for_me(member: Member, query: Select) -> Select:
    """Requests directed at `member`, and open ones on phases their sparring profile lists."""
    addressed = select(sparring_recipient.c.request_id).where(sparring_recipient.c.member_id == member.id)
    known_phase = exists().where(
        sparring_request_phase.c.request_id == SparringRequest.id,
        sparring_request_phase.c.phase_id == sparring_profile_phase.c.phase_id,
        sparring_profile_phase.c.member_id == member.id,
    )
    return query.where(
        SparringRequest.requester_id != member.id,
        or_(SparringRequest.id.in_(addressed), SparringRequest.open_to_all.is_(True) & known_phase),
    )


def with_phase(query: Select, slug: str) -> Select:
    tagged = (
        select(sparring_request_phase.c.request_id)
        .join(Phase, Phase.id == sparring_request_phase.c.phase_id)
        .where(Phase.slug == slug)
    )
    return query.where(SparringRequest.id.in_(tagged))


def list_page(member: Member, *, status: str | None, phase: str | None, view: str | None, page: int):
    query = visible_sparring_requests(member)
    if view == "for-me":
        query = for_me(member, query)
    elif view == "mine":
        query = query.where(
            or_(
                SparringRequest.requester_id == member.id,
                SparringRequest.id.in_(select(SparringOffer.request_id).where(SparringOffer.member_id == member.id)),
            )
        )
    if status in STATUSES:
        query = query.where(SparringRequest.status == status)
    if phase:
        query = with_phase(query, phase)
    query = query.order_by(SparringRequest.created_at.desc(), SparringRequest.id.desc())
    return db.paginate(query, page=min(max(page, 1), MAX_PAGE), per_page=PAGE_SIZE, error_out=False)


def open_for_me(member: Member, limit: int = 5) -> list[SparringRequest]:
    query = for_me(member, visible_sparring_requests(member)).where(
        SparringRequest.status == SparringStatus.OPEN.value
    )
    return list(db.session.scalars(query.order_by(SparringRequest.created_at.desc()).limit(limit)))


def all_phases() -> list[Phase]:
    return list(db.session.scalars(select(Phase).order_by(Phase.position)))


def other_active_members(member: Member) -> list[Member]:
    """Everyone a request can be directed at, for the form's member picker."""
    query = visible_members().where(Member.id != member.id).order_by(Member.name, Member.id)
    return list(db.session.scalars(query))


def members_by_id(member_ids) -> list[Member]:
    ids = [i for i in member_ids if 0 < i <= MAX_ID]
    if not ids:
        return []
    return list(db.session.scalars(visible_members().where(Member.id.in_(ids)).order_by(Member.name, Member.id)))
