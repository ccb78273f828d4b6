"""What contact details and offers a member sees on a sparring request.

The two parties of an accepted offer see each other's email and phone; everyone else sees
only what a member has chosen to show on their profile (SPEC §2).
"""
from __future__ import annotations

from dataclasses import dataclass

from forum.members.models import Member
from forum.permissions.members import is_facilitator
from forum.sparring.models import SparringOffer, SparringRequest


@dataclass(frozen=True)
class ContactDetails:
    email: str | None
    phone: str | None
    shared_by_sparring: bool

    def __bool__(self) -> bool:
        return bool(self.email or self.phone)


def are_partners(viewer: Member, subject: Member, request: SparringRequest) -> bool:
    """Whether `viewer` and `subject` are the requester and the accepted offerer."""
    accepted = request.accepted_offer
    if accepted is None or viewer.id == subject.id:
        return False
    return {viewer.id, subject.id} == {request.requester_id, accepted.member_id}


def contact_details(viewer: Member, subject: Member, request: SparringRequest) -> ContactDetails:
    shared = are_partners(viewer, subject, request)
    email = subject.email if (shared or subject.show_email) else None
    phone = subject.phone if subject.phone and (shared or subject.show_phone) else None
    return ContactDetails(email=email, phone=phone, shared_by_sparring=shared)


def offers_seen_by(viewer: Member, request: SparringRequest) -> list[SparringOffer]:
    """The requester and facilitators see every offer; others only their own."""
    if viewer.id == request.requester_id or is_facilitator(viewer):
        return list(request.offers)
    return [offer for offer in request.offers if offer.member_id == viewer.id]
