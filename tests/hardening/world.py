"""One small forum with a real object behind every URL, built through the domain services.

Used by the access matrix and the GET-changes-nothing test. Members:
- `owner` (A, Aarhus) starts things; `other` (B, Vejle) may see only what is public to members;
- `carol` (C, Region Midtjylland) is the recipient of A's directed sparring request;
- `facilitator` and `admin`.
"""
from __future__ import annotations

from datetime import date, time, timedelta
from types import SimpleNamespace

from sqlalchemy import func, select

from forum.extensions import db
from forum.meetings import feeds
from forum.meetings.service import MeetingData, plan_meeting
from forum.members import anonymise, applications
from forum.moderation import flag, hide, suspend
from forum.notify import outbox
from forum.sparring import service as sparring
from forum.spreading import service as spreading
from tests import factories

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
UNKNOWN_ID = 987654


def row_counts() -> dict[str, int]:
    """Rows in every table of the schema."""
    db.session.expire_all()
    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


def build() -> SimpleNamespace:
    w = SimpleNamespace()
    w.owner = factories.make_member("alice@aarhus.dk", "Alice Andersen", "Aarhus Kommune")
    w.other = factories.make_member("bob@vejle.dk", "Bo Bech", "Vejle Kommune")
    w.carol = factories.make_member("carol@rm.dk", "Carol Christensen", "Region Midtjylland")
    w.facilitator = factories.make_member("majken@coi.dk", "Majken Præstbro", "Center for Offentlig Innovation",
                                          role="facilitator")
    w.admin = factories.make_member("admin@coi.dk", "Anna Admin", "Center for Offentlig Innovation", role="admin")
    w.suspended = factories.make_member("dorte@odense.dk", "Dorte Dahl", "Odense Kommune")

    w.thread = factories.make_thread(w.owner, "Velfærdsteknologi i hjemmeplejen", "Sådan gjorde vi.",
                                     files=[("plan.png", PNG)])
    w.reply = factories.make_reply(w.thread, w.other, "Tak for deling!")
    w.own_reply = factories.make_reply(w.thread, w.owner, "Et svar, som ejeren selv skrev.")
    # One deletable post per role that may delete, so one role's delete does not turn the next into 404.
    w.deletable = {role: factories.make_reply(w.thread, author, f"Kan slettes af {role}.")
                   for role, author in (("owner", w.owner), ("facilitator", w.owner), ("admin", w.owner))}
    w.hidden = factories.make_reply(w.thread, w.owner, "Et skjult indlæg.")
    hide.hide_post(w.hidden, w.facilitator, "Personfølsomt")
    w.hidden_posts = {"owner": w.hidden}
    for role in ("owner", "facilitator", "admin"):
        w.hidden_posts[role] = factories.make_reply(w.thread, w.owner, f"Skjult, slettes af {role}.")
        hide.hide_post(w.hidden_posts[role], w.facilitator, "Personfølsomt")
    w.target_thread = factories.make_thread(w.other, "Et andet emne", "Brødtekst.")
    w.shared = factories.make_thread(w.other, "Digital post til ældre", "Del og genbrug.", route="share")
    w.reuse = spreading.record_reuse(w.shared, w.owner, spreading.phase_by_slug("test"), "Vi tester.")
    db.session.commit()

    w.directed = sparring.create_request(w.owner, title="Hjælp med gevinstrealisering", body="Hvem har prøvet?",
                                         phase_slugs=["tjek"], channels=["phone"], recipient_ids=[w.carol.id])
    w.open = sparring.create_request(w.owner, title="Åben sparring om tryghed", body="Alle må svare.",
                                     phase_slugs=["test"], channels=["mail"])
    w.offer = sparring.make_offer(w.directed, w.carol, "Jeg ringer gerne.")
    w.open_offer = sparring.make_offer(w.open, w.other, "Jeg har erfaring.")
    db.session.commit()

    w.meeting = plan_meeting(w.facilitator, MeetingData(
        title="Netværksmøde i Vejle", date=date.today() + timedelta(days=30), starts=time(10), ends=time(15, 30),
        host_organization="Vejle Kommune", address="Skolegade 1", room="Salen", agenda="Velkomst og cases."))
    db.session.commit()

    months = list(range(1, 13))
    w.application = applications.submit(name="Eva Eriksen", email="eva@kolding.dk", organization="Kolding Kommune",
                                        title="Konsulent", motivation="Lære", commitment=True, months=months)
    db.session.commit()

    w.notification = outbox.notify(w.owner, "reply", "Bo har svaret", f"/threads/{w.thread.id}")
    db.session.commit()
    w.calendar_token = feeds.regenerate(w.owner)

    w.deletion = anonymise.request_deletion(w.other, "Jeg stopper.")
    db.session.commit()
    w.flag = flag.flag_post(w.own_reply, w.other, "Forkert oplysning")
    w.flags, w.flags2 = {"owner": w.flag}, {"owner": w.flag}
    for role in ("facilitator", "admin"):
        for flags in (w.flags, w.flags2):
            flagged = factories.make_reply(w.thread, w.owner, f"Markeres for {role}.")
            flags[role] = flag.flag_post(flagged, w.other, "Tjek venligst")
    w.approvals, w.rejections = {"owner": w.application}, {"owner": w.application}
    for role in ("facilitator", "admin"):
        for verb, chosen in (("approve", w.approvals), ("reject", w.rejections)):
            chosen[role] = applications.submit(
                name=f"Ansøger {verb} {role}", email=f"{verb}.{role}@ansoeger.dk", organization=f"{verb} {role} Kommune",
                title="Leder", motivation="Lære af andre", commitment=True, months=months)
    db.session.commit()
    suspend.suspend(w.suspended, w.facilitator, "Pause", None)
    db.session.commit()

    from forum.threads.models import Attachment
    w.attachment = db.session.scalar(select(Attachment).limit(1))
    return w
