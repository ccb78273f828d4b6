"""Demo spreading: shared innovations (our own two, and the threads demo's shared threads),
reused by demo organizations at different phases."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from forum.db import utcnow
from forum.extensions import db
from forum.members.service import find_member_by_email
from forum.spreading import service
from forum.threads.models import Post, Thread
from forum.threads.service import start_thread

# author email, title, opening post (Markdown), phases
INNOVATIONS = [
    ("dorte@vejle.dk", "Ældre lærer ældre at bruge tablet",
     "I Vejle har frivillige pensionister siden foråret lært andre ældre at bruge tablet: MitID, "
     "e-Boks og videoopkald med familien. Vi startede på to biblioteker og er nu på seks.\n\n"
     "**Det virkede:** undervisning i små hold på fire, og at underviserne selv er ældre.\n\n"
     "**Det var svært:** at finde lokaler med stabilt net. Spørg endelig, hvis I vil prøve det.",
     ("tjek", "tilpas")),
    ("emil@aalborg.dk", "Hverdagsrehabilitering før visitation til hjemmehjælp",
     "Aalborg tilbyder nu et forløb med hverdagsrehabilitering, før der visiteres til varig hjemmehjælp. "
     "Efter et år har to ud af tre borgere brug for mindre hjælp end før.\n\n"
     "Vi deler gerne vores forløbsbeskrivelse og de skemaer, terapeuterne bruger.",
     ("test", "implementer")),
]

SHARED_DAYS_AGO = 240

# innovation title, reusing member (their organization reuses), steps as (phase slug, note, days ago)
REUSE = [
    ("Ældre lærer ældre at bruge tablet", "emil@aalborg.dk", [
        ("tjek", "Vi har læst om det og talt med Dorte.", 120),
        ("test", "To biblioteker prøver med hver sit hold.", 90),
        ("tilpas", "Vi bruger også ældre fra seniorrådet som undervisere.", 60),
        ("fjern", "Bibliotekernes net er opgraderet.", 30),
        ("implementer", "Tilbuddet er nu fast på alle biblioteker.", 6),
    ]),
    ("Ældre lærer ældre at bruge tablet", "alice@aarhus.dk", [
        ("tjek", "Lyder relevant for vores lokalcentre.", 45),
        ("test", "Første hold i Tilst starter i næste måned.", 20),
    ]),
    ("Ældre lærer ældre at bruge tablet", "carol@rm.dk", [
        ("tjek", "Kan det bruges til patienter før udskrivelse?", 10),
    ]),
    ("Hverdagsrehabilitering før visitation til hjemmehjælp", "dorte@vejle.dk", [
        ("tjek", "", 200),
        ("test", "Afprøvet i ét distrikt.", 160),
        ("tilpas", "Forløbet er kortere hos os: seks uger.", 120),
        ("implementer", "Indført i hele kommunen.", 70),
        ("hoest", "Vi har delt vores resultater på netværksmødet i september.", 14),
    ]),
    ("Hverdagsrehabilitering før visitation til hjemmehjælp", "bo@aarhus.dk", [
        ("tjek", "Vi sammenligner med vores egen model.", 25),
        ("test", "", 4),
    ]),
    # Shared innovations from the threads demo (forum/demo/threads.py), when it has run.
    ("Digital post til borgere over 65: sådan fik vi dem med", "dorte@vejle.dk", [
        ("tjek", "Vi har samme udfordring med de ældste borgere.", 18),
        ("test", "Afprøver jeres vejledning på to plejecentre.", 9),
    ]),
    ("Digital post til borgere over 65: sådan fik vi dem med", "frida@skat.dk", [
        ("tjek", "", 12),
        ("test", "Borgerservice har testet brevskabelonen.", 8),
        ("tilpas", "Vi tilpasser teksterne til vores egne breve.", 3),
    ]),
    ("Digital post til borgere over 65: sådan fik vi dem med", "emil@aalborg.dk", [
        ("tjek", "Vi kigger på det i efteråret.", 15),
    ]),
    ("Implementering af klarsprog i alle standardbreve", "emil@aalborg.dk", [
        ("tjek", "Jobcentret vil gerne prøve med deres indkaldelser.", 5),
    ]),
    ("Høst: hvad fik vi ud af et års patientpanel?", "bo@aarhus.dk", [
        ("tjek", "Kan modellen bruges med borgere i stedet for patienter?", 2),
    ]),
]


def seed_spreading() -> None:
    """Create the demo innovations (route share) and their reuse, once; safe to run again."""
    threads = {}
    for email, title, body, phases in INNOVATIONS:
        author = find_member_by_email(email)
        if author is None:
            continue
        thread = db.session.scalar(select(Thread).where(Thread.title == title, Thread.route == "share"))
        if thread is None:
            thread = start_thread(author, title, body, phases, "share")
            _backdate(thread, utcnow() - timedelta(days=SHARED_DAYS_AGO))
        threads[title] = thread
    for title, email, steps in REUSE:
        member = find_member_by_email(email)
        thread = threads.get(title) or db.session.scalar(
            select(Thread).where(Thread.title == title, Thread.route == "share"))
        if member is None or thread is None or service.find_record(thread.id, member.organization_id):
            continue
        for slug, note, days_ago in steps:
            # No notifications: demo addresses are real domains, and `mail send` would mail them.
            step = service.record_reuse(thread, member, service.phase_by_slug(slug), note, notify_author=False)
            # Spread the history over the past months, as it would have happened.
            step.created_at = utcnow() - timedelta(days=days_ago)
            if step.previous_phase_id is None:
                step.record.created_at = step.created_at
            if step.previous_phase_id != step.phase_id:
                step.record.moved_at = step.created_at
            db.session.commit()


def _backdate(thread: Thread, moment) -> None:
    """The demo innovations were shared before anyone reused them."""
    thread.created_at = thread.last_activity_at = moment
    for post in db.session.scalars(select(Post).where(Post.thread_id == thread.id)):
        post.created_at = moment
    db.session.commit()
