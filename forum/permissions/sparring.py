"""Who may see, answer, accept and close sparring requests.

A request open to all is seen by every member. A directed request is seen only by its
requester, its recipients and facilitators; to anyone else it does not exist (404), and it
never appears in their lists, search hits, counts or dashboards.
"""
from __future__ import annotations

from sqlalchemy import Select, false, or_, select

from forum.sparring.models import SparringRequest, SparringStatus, sparring_recipient


def _signed_in(member) -> bool:
    return bool(member is not None and getattr(member, "is_authenticated", False))


def _is_facilitator(member) -> bool:
    return _signed_in(member) and bool(member.is_facilitator)


def is_sparring_recipient(member, request: SparringRequest) -> bool:
    return _signed_in(member) and any(recipient.id == member.id for recipient in request.recipients)


def can_view_sparring(member, request: SparringRequest | None) -> bool:
    if request is None or not _signed_in(member):
        return False
    if request.open_to_all or request.requester_id == member.id or _is_facilitator(member):
        return True
    return is_sparring_recipient(member, request)


def visible_sparring_requests(member) -> Select[SparringRequest]:
    """Every request `member` may see, as a query to filter, order and page further."""
    query = select(SparringRequest)
    if not _signed_in(member):
        return query.where(false())
    if _is_facilitator(member):
        return query
    addressed = select(sparring_recipient.c.request_id).where(sparring_recipient.c.member_id == member.id)
    return query.where(
        or_(
            SparringRequest.open_to_all.is_(True),
            SparringRequest.requester_id == member.id,
            SparringRequest.id.in_(addressed),
        )
    )


def may_offer_sparring(member, request: SparringRequest) -> bool:
    """Who the request is meant for: anyone for an open request, else its recipients.

    Not the requester, and not a facilitator who only sees a directed request to oversee it.
    Whether the request still takes offers is the service's business (it says why not).
    """
    if not can_view_sparring(member, request) or request.requester_id == member.id:
        return False
    return request.open_to_all or is_sparring_recipient(member, request)


def can_offer_sparring(member, request: SparringRequest) -> bool:
    return may_offer_sparring(member, request) and request.status == SparringStatus.OPEN


def can_accept_sparring(member, request: SparringRequest) -> bool:
    """Only the requester accepts, and only while the request is open."""
    return (
        can_view_sparring(member, request)
        and request.requester_id == member.id
        and request.status == SparringStatus.OPEN
    )


def can_close_sparring(member, request: SparringRequest) -> bool:
    """The requester closes their request; facilitators close any they see."""
    if not can_view_sparring(member, request) or request.status == SparringStatus.CLOSED:
        return False
    return request.requester_id == member.id or _is_facilitator(member)
