"""Use cases of a sparring request's life: ask, offer, accept, close, share what was learned.

Each function checks the rules, writes the change together with its notifications and
mail (one transaction), commits, and raises `SparringError` (its text is the message to
show) without writing anything when a rule refuses.
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from forum.db import utcnow
from forum.extensions import db
from forum.members.models import Member
from forum.permissions.sparring import is_sparring_recipient
from forum.sparring import notices
from forum.sparring.models import CHANNELS, SparringOffer, SparringRequest, SparringStatus
from forum.threads.models import Phase

TITLE_MAX = 200
BODY_MAX = 20_000
MESSAGE_MAX = 5_000
RECIPIENTS_MAX = 25
ANSWER_BY_MAX_DAYS = 366


class SparringError(Exception):
    """A rule refuses the change; str(error) is the message to show the member."""


class SparringForbidden(SparringError):
    """The member is not the one who may do this (the view answers 403)."""


def _render_markdown(source: str) -> str:
    # Imported here: forum.markup is the threads helper's module and the one sanitizer.
    from forum.markup import render_markdown

    return render_markdown(source)


def _clean_text(text: str | None, maximum: int, empty_message, long_message) -> str:
    text = (text or "").replace("\r\n", "\n").replace("\x00", "")
    if not text.strip():
        raise SparringError(empty_message)
    if len(text) > maximum:
        raise SparringError(long_message)
    return text


def phases_by_slug(slugs: Iterable[str]) -> list[Phase]:
    """The phases named by `slugs`, in the guide's order; an unknown slug is refused."""
    wanted = {slug for slug in slugs if slug}
    if not wanted:
        return []
    phases = list(db.session.scalars(select(Phase).where(Phase.slug.in_(wanted)).order_by(Phase.position)))
    if len(phases) != len(wanted):
        raise SparringError(_l("Ukendt fase."))
    return phases


def _clean_channels(channels: Iterable[str]) -> str:
    chosen = set(channels)
    if not chosen:
        raise SparringError(_l("Vælg mindst én måde at sparre på: telefon, mail eller møde."))
    if not chosen <= set(CHANNELS):
        raise SparringError(_l("Ukendt måde at sparre på."))
    return ",".join(channel for channel in CHANNELS if channel in chosen)


def _recipients(requester: Member, member_ids: Iterable[int]) -> list[Member]:
    wanted = set(member_ids)
    if requester.id in wanted:
        raise SparringError(_l("Du kan ikke bede dig selv om sparring."))
    if len(wanted) > RECIPIENTS_MAX:
        raise SparringError(_l("Vælg højst %(max)d medlemmer.", max=RECIPIENTS_MAX))
    if not wanted:
        return []
    members = list(db.session.scalars(select(Member).where(Member.id.in_(wanted), Member.active.is_(True))))
    if len(members) != len(wanted):
        raise SparringError(_l("Et af de valgte medlemmer findes ikke eller er ikke længere aktivt."))
    return members


def _clean_answer_by(answer_by: date | None, today: date) -> date | None:
    if answer_by is None:
        return None
    if answer_by < today:
        raise SparringError(_l("Svarfristen kan ikke ligge før i dag."))
    if answer_by > today + timedelta(days=ANSWER_BY_MAX_DAYS):
        raise SparringError(_l("Svarfristen må højst ligge et år ude i fremtiden."))
    return answer_by


def create_request(requester: Member, *, title: str, body: str, phase_slugs: Iterable[str],
                   channels: Iterable[str], recipient_ids: Iterable[int] = (),
                   answer_by: date | None = None, today: date | None = None) -> SparringRequest:
    """Ask for sparring: directed at `recipient_ids`, or open to all members when empty."""
    title = " ".join((title or "").replace("\x00", "").split())
    if not title:
        raise SparringError(_l("Anmodningen skal have en overskrift."))
    if len(title) > TITLE_MAX:
        raise SparringError(_l("Overskriften må højst være %(max)d tegn.", max=TITLE_MAX))
    body = _clean_text(body, BODY_MAX, _l("Beskriv, hvad du gerne vil sparre om."),
                       _l("Beskrivelsen må højst være %(max)d tegn.", max=BODY_MAX))
    phases = phases_by_slug(phase_slugs)
    if not phases:
        raise SparringError(_l("Vælg mindst én fase i Spredningsguiden."))
    recipients = _recipients(requester, recipient_ids)
    request = SparringRequest(
        requester_id=requester.id,
        requester=requester,
        title=title,
        body_source=body,
        body_html=_render_markdown(body),
        channels=_clean_channels(channels),
        open_to_all=not recipients,
        status=SparringStatus.OPEN.value,
        answer_by=_clean_answer_by(answer_by, today or date.today()),
        phases=phases,
        recipients=recipients,
    )
    db.session.add(request)
    db.session.flush()
    notices.new_request(request)
    db.session.commit()
    return request


def make_offer(request: SparringRequest, member: Member, message: str) -> SparringOffer:
    """`member` offers to spar; the requester hears of it."""
    if request.requester_id == member.id:
        raise SparringForbidden(_l("Du kan ikke tilbyde sparring på din egen anmodning."))
    if not request.open_to_all and not is_sparring_recipient(member, request):
        raise SparringForbidden(_l("Anmodningen er rettet til bestemte medlemmer; kun de kan tilbyde sparring."))
    if request.status == SparringStatus.CLOSED:
        raise SparringError(_l("Anmodningen er lukket og tager ikke imod flere tilbud."))
    if request.status == SparringStatus.MATCHED:
        raise SparringError(_l("Anmodningen har allerede fundet en sparringspartner."))
    if any(offer.member_id == member.id for offer in request.offers):
        raise SparringError(_l("Du har allerede tilbudt sparring på denne anmodning."))
    message = _clean_text(message, MESSAGE_MAX, _l("Skriv et par ord om, hvad du kan bidrage med."),
                          _l("Beskeden må højst være %(max)d tegn.", max=MESSAGE_MAX))
    offer = SparringOffer(request=request, member_id=member.id, member=member, message=message)
    db.session.add(offer)
    try:
        db.session.flush()
    except IntegrityError:
        # Two submits of the same offer at once: the unique constraint keeps one.
        db.session.rollback()
        raise SparringError(_l("Du har allerede tilbudt sparring på denne anmodning.")) from None
    notices.new_offer(request, offer)
    db.session.commit()
    return offer


def accept_offer(request: SparringRequest, offer: SparringOffer, member: Member) -> SparringOffer:
    """The requester accepts one offer: the request is matched and contacts are shared."""
    if offer.request_id != request.id:
        raise SparringError(_l("Tilbuddet hører ikke til denne anmodning."))
    if request.requester_id != member.id:
        raise SparringForbidden(_l("Kun den, der har bedt om sparring, kan acceptere et tilbud."))
    if request.status == SparringStatus.CLOSED:
        raise SparringError(_l("Anmodningen er lukket; der kan ikke accepteres tilbud."))
    if request.status == SparringStatus.MATCHED:
        raise SparringError(_l("Du har allerede accepteret et tilbud på denne anmodning."))
    now = utcnow()
    # A conditional update, so two accepts at the same moment cannot both win.
    moved = db.session.execute(
        update(SparringRequest)
        .where(SparringRequest.id == request.id, SparringRequest.status == SparringStatus.OPEN.value)
        .values(status=SparringStatus.MATCHED.value, matched_at=now)
        .execution_options(synchronize_session=False)
    )
    if moved.rowcount != 1:
        db.session.rollback()
        raise SparringError(_l("Anmodningen er ikke længere åben."))
    request.status = SparringStatus.MATCHED.value
    request.matched_at = now
    offer.accepted = True
    notices.offer_accepted(request, offer)
    db.session.commit()
    return offer


def close_request(request: SparringRequest, member: Member, learning: str = "") -> SparringRequest:
    """The requester (or a facilitator) closes the request, optionally saying what was learned."""
    if request.requester_id != member.id and not member.is_facilitator:
        raise SparringForbidden(_l("Kun den, der har bedt om sparring, eller en tovholder kan lukke anmodningen."))
    if request.status == SparringStatus.CLOSED:
        raise SparringError(_l("Anmodningen er allerede lukket."))
    learning = (learning or "").replace("\r\n", "\n").replace("\x00", "")
    if len(learning) > BODY_MAX:
        raise SparringError(_l("Teksten må højst være %(max)d tegn.", max=BODY_MAX))
    request.status = SparringStatus.CLOSED.value
    request.closed_at = utcnow()
    request.closed_by_id = member.id
    if learning.strip():
        request.learning_source = learning
        request.learning_html = _render_markdown(learning)
    notices.request_closed(request, member)
    db.session.commit()
    return request


def publish_learning(request: SparringRequest, member: Member):
    """Share what the requester learned as a new thread with the request's phases."""
    from forum.threads.service import ThreadError, start_thread

    if request.requester_id != member.id:
        raise SparringForbidden(_l("Kun den, der bad om sparring, kan dele læringen som en tråd."))
    if request.status != SparringStatus.CLOSED or not request.learning_source.strip():
        raise SparringError(_l("Luk anmodningen og skriv, hvad du lærte, før du deler det."))
    if request.learning_thread_id is not None:
        raise SparringError(_l("Læringen er allerede delt som en tråd."))
    title = str(_l("Læring fra sparring: %(title)s", title=request.title))[:TITLE_MAX]
    try:
        thread = start_thread(member, title, request.learning_source, [phase.slug for phase in request.phases])
    except ThreadError as error:
        raise SparringError(str(error)) from None
    request.learning_thread_id = thread.id
    db.session.commit()
    return thread
