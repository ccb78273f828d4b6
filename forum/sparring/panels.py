"""The sparring part of the dashboard and of the member's data export."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from forum.extensions import db
from forum.members.models import Member
from forum.sparring import profiles, queries
from forum.sparring.models import SparringOffer, SparringRequest

DASHBOARD_TEMPLATE = "sparring/_dashboard.html"


def dashboard_panel(member: Member) -> dict:
    """Open requests for `member`: directed at them, or open ones on phases they know."""
    return {"requests": queries.open_for_me(member), "has_profile": profiles.profile_of(member) is not None}


def export_section(member: Member) -> tuple[str, dict]:
    """The member's own requests, offers and sparring profile, for /profile/export."""
    requests = db.session.scalars(
        select(SparringRequest).where(SparringRequest.requester_id == member.id)
        .options(selectinload(SparringRequest.offers)).order_by(SparringRequest.id)
    )
    offers = db.session.scalars(
        select(SparringOffer).where(SparringOffer.member_id == member.id)
        .options(joinedload(SparringOffer.request)).order_by(SparringOffer.id)
    )
    profile = profiles.profile_of(member)
    return "sparring", {
        "profile": None if profile is None else {
            "open_now": profile.open_now,
            "phases": [phase.slug for phase in profile.phases],
            "note": profile.note,
        },
        "requests": [
            {
                "id": r.id,
                "title": r.title,
                "body": r.body_source,
                "phases": [phase.slug for phase in r.phases],
                "channels": r.channel_list,
                "recipients": [m.name for m in r.recipients],
                "status": r.status,
                "answer_by": r.answer_by.isoformat() if r.answer_by else None,
                "created_at": r.created_at.isoformat(),
                "learning": r.learning_source,
                "offers_received": len(r.offers),
            }
            for r in requests
        ],
        "offers": [
            {
                "request_id": o.request_id,
                "request_title": o.request.title,
                "message": o.message,
                "accepted": o.accepted,
                "created_at": o.created_at.isoformat(),
            }
            for o in offers
        ],
    }
