"""Who hears of what in a sparring request's life, in-app and by mail, in their own language.

Called by the service inside its transaction: the rows commit with the change or not at all.
"""
from __future__ import annotations

from flask import has_request_context, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from forum.extensions import db
from forum.members.models import Member
from forum.notify import links
from forum.notify.outbox import notify, queue_mail
from forum.sparring.models import (
    SparringOffer,
    SparringProfile,
    SparringRequest,
    sparring_profile_phase,
)


def request_url(request: SparringRequest, external: bool = False) -> str:
    """The request's path (for notifications), or its absolute URL (for mail, read off-site)."""
    path = url_for("sparring.detail", request_id=request.id) if has_request_context() else f"/sparring/{request.id}"
    return links.absolute(path) if external else path


def _tell(member: Member, kind: str, text, request: SparringRequest, template: str | None, **context) -> None:
    """`text` is a function of no arguments, called in the member's language."""
    with force_locale(member.language or "da"):
        message = text()
    notify(member, kind, message, request_url(request))
    if template:
        queue_mail(member, template, sparring=request, link=request_url(request, external=True), **context)


def interested_members(request: SparringRequest) -> list[Member]:
    """Who hears of an open request: members open for sparring now on one of its phases."""
    phase_ids = [phase.id for phase in request.phases]
    if not phase_ids:
        return []
    knows_phase = select(sparring_profile_phase.c.member_id).where(sparring_profile_phase.c.phase_id.in_(phase_ids))
    return list(
        db.session.scalars(
            select(Member)
            .join(SparringProfile, SparringProfile.member_id == Member.id)
            .where(
                SparringProfile.open_now.is_(True),
                SparringProfile.member_id.in_(knows_phase),
                Member.active.is_(True),
                Member.id != request.requester_id,
            )
            .order_by(Member.id)
        )
    )


def new_request(request: SparringRequest) -> None:
    requester = request.requester
    audience = request.recipients if not request.open_to_all else interested_members(request)
    for member in audience:
        if not member.active or member.id == requester.id:
            continue
        if request.open_to_all:
            def text():
                return _("%(name)s søger sparring om noget, du kender til: %(title)s",
                         name=requester.name, title=request.title)
        else:
            def text():
                return _("%(name)s beder dig om sparring: %(title)s", name=requester.name, title=request.title)
        _tell(member, "sparring_request", text, request, "sparring_request", requester=requester)


def new_offer(request: SparringRequest, offer: SparringOffer) -> None:
    def text():
        return _("%(name)s tilbyder sparring på \"%(title)s\"", name=offer.member.name, title=request.title)

    _tell(request.requester, "sparring_offer", text, request, "sparring_offer", offer=offer)


def offer_accepted(request: SparringRequest, offer: SparringOffer) -> None:
    requester, partner = request.requester, offer.member

    def to_partner():
        return _("%(name)s har accepteret dit tilbud om sparring på \"%(title)s\"",
                 name=requester.name, title=request.title)

    def to_requester():
        return _("Du og %(name)s er sat sammen om sparring på \"%(title)s\"", name=partner.name, title=request.title)

    def to_others():
        return _("\"%(title)s\" har fundet en sparringspartner. Tak for dit tilbud.", title=request.title)

    _tell(partner, "sparring_accepted", to_partner, request, "sparring_accepted", counterpart=requester)
    _tell(requester, "sparring_accepted", to_requester, request, "sparring_accepted", counterpart=partner)
    for other in request.offers:
        if other.id != offer.id and other.member.active:
            _tell(other.member, "sparring_matched", to_others, request, None)


def request_closed(request: SparringRequest, actor: Member) -> None:
    """Everyone involved hears of it: requester, recipients and those who offered."""
    involved: dict[int, Member] = {request.requester.id: request.requester}
    for member in request.recipients:
        involved.setdefault(member.id, member)
    for offer in request.offers:
        involved.setdefault(offer.member.id, offer.member)
    involved.pop(actor.id, None)

    def text():
        return _("Anmodningen om sparring \"%(title)s\" er lukket.", title=request.title)

    for member in involved.values():
        if member.active:
            _tell(member, "sparring_closed", text, request, "sparring_closed", actor=actor)
