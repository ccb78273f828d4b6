"""Demo sparring: open, directed, matched and closed requests, and a few sparring profiles.

Idempotent: a request is only added when no request with its title exists.
"""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from forum.extensions import db
from forum.members.service import find_member_by_email
from forum.sparring import profiles, service
from forum.sparring.models import SparringProfile, SparringRequest

PROFILES = [
    # email, open now, phases, note
    ("carol@rm.dk", True, ["tjek", "test", "implementer"], "Velfærdsteknologi og gevinstrealisering i regionen"),
    ("dorte@vejle.dk", True, ["fjern", "implementer"], "Implementering i hjemmeplejen og arbejdet med medarbejderne"),
    ("emil@aalborg.dk", True, ["tilpas", "hoest"], "Programledelse og at gøre gevinsterne synlige"),
    ("frida@skat.dk", False, ["test"], "Brugertest og prototyper i staten"),
]

REQUESTS = [
    {
        "requester": "alice@aarhus.dk",
        "title": "Sparring på gevinstrealisering af velfærdsteknologi",
        "body": (
            "Vi har afprøvet skylletoiletter på to plejecentre i Aarhus og skal nu beslutte, om vi "
            "breder dem ud. Vi mangler en god måde at opgøre gevinsterne på – både tid, kvalitet "
            "og borgernes oplevelse.\n\nHar du erfaring med at lave en gevinstrealiseringsplan, som "
            "også ledelsen kan bruge? Jeg vil gerne tage en snak på 30 minutter over telefonen."
        ),
        "phases": ["test", "hoest"],
        "channels": ["phone", "mail"],
        "recipients": [],
        "answer_in_days": 21,
    },
    {
        "requester": "bo@aarhus.dk",
        "title": "Hvordan fik I medarbejderne med på den digitale vagtplan?",
        "body": (
            "Vi er i gang med at implementere en digital vagtplan i hjemmeplejen, og der er en del "
            "modstand blandt medarbejderne. Jeg har hørt, at I i Vejle har gjort noget lignende. "
            "Kunne vi mødes en formiddag og høre, hvad der virkede for jer?"
        ),
        "phases": ["fjern", "implementer"],
        "channels": ["meeting", "phone"],
        "recipients": ["dorte@vejle.dk"],
        "offer": ("dorte@vejle.dk", "Det vil jeg gerne! Vi havde præcis samme udfordring sidste år. "
                  "Ring til mig, så finder vi en dag, hvor du kan komme forbi i Vejle."),
        "accept": True,
    },
    {
        "requester": "emil@aalborg.dk",
        "title": "Tilpasning af en løsning fra en anden region",
        "body": (
            "Vi vil gerne genbruge Region Midtjyllands model for tværsektorielle udskrivningsforløb, "
            "men vores organisering er anderledes. Hvem har prøvet at tilpasse en løsning fra en "
            "region til en kommune, og hvad skulle I være særligt opmærksomme på?"
        ),
        "phases": ["tilpas"],
        "channels": ["mail", "phone"],
        "recipients": ["carol@rm.dk"],
    },
    {
        "requester": "dorte@vejle.dk",
        "title": "Erfaringer med at tjekke relevansen før man går i gang",
        "body": (
            "Inden vi tager en løsning til os, vil vi gerne blive bedre til at tjekke relevans og "
            "timing. Har nogen en tjekliste eller en god øvelse til det første møde med ledelsen?"
        ),
        "phases": ["tjek"],
        "channels": ["mail"],
        "recipients": [],
        "offer": ("alice@aarhus.dk", "Vi bruger en enkel tjekliste fra Spredningsguiden med fem spørgsmål. "
                  "Jeg sender den gerne på mail."),
        "accept": True,
        "close": (
            "Tjeklisten fra Aarhus virkede godt på vores ledermøde. Det vigtigste var at tale om "
            "timing: hvad skal vi lade være med, hvis vi tager det nye ind?"
        ),
    },
]


def _seed_profiles() -> None:
    for email, open_now, phases, note in PROFILES:
        member = find_member_by_email(email)
        if member is None:
            continue
        if db.session.scalar(select(SparringProfile).where(SparringProfile.member_id == member.id)) is None:
            profiles.save_profile(member, open_now=open_now, phase_slugs=phases, note=note)


def _seed_request(spec: dict) -> None:
    requester = find_member_by_email(spec["requester"])
    if requester is None or db.session.scalar(
        select(SparringRequest.id).where(SparringRequest.title == spec["title"])
    ) is not None:
        return
    recipients = [find_member_by_email(email) for email in spec["recipients"]]
    if any(member is None for member in recipients):
        return
    answer_by = date.today() + timedelta(days=spec["answer_in_days"]) if spec.get("answer_in_days") else None
    request = service.create_request(
        requester, title=spec["title"], body=spec["body"], phase_slugs=spec["phases"],
        channels=spec["channels"], recipient_ids=[m.id for m in recipients], answer_by=answer_by,
    )
    if "offer" not in spec:
        return
    email, message = spec["offer"]
    partner = find_member_by_email(email)
    if partner is None:
        return
    offer = service.make_offer(request, partner, message)
    if spec.get("accept"):
        service.accept_offer(request, offer, requester)
    if spec.get("close"):
        service.close_request(request, requester, spec["close"])


def seed_sparring() -> None:
    """Add the demo sparring profiles and requests that are not there yet."""
    _seed_profiles()
    for spec in REQUESTS:
        _seed_request(spec)
