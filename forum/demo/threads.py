"""Demo threads: honest stories from the network across all six phases, with replies.

Idempotent: a thread whose title exists already is left alone. Times are spread over the
last weeks so the list, the dashboard and unread markers look like a living network.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from forum.db import utcnow
from forum.extensions import db
from forum.members.service import find_member_by_email
from forum.moderation import pin
from forum.threads.models import Post, Thread
from forum.threads.service import reply, start_thread

WELCOME = "Velkommen til netværket – læs dette først"

# (author, title, phases, route, days ago, opening post, [(replier, hours after the opening, text)])
THREADS = [
    ("majken@coi.dk", WELCOME, ("tjek",), None, 40,
     "Kære alle\n\nDette er jeres rum. Her deler vi erfaringer og konkrete løsninger mellem møderne "
     "– også dem, der ikke gik som planlagt. Det, I skriver, bliver i netværket.\n\n"
     "**Sådan kommer du godt i gang**\n\n"
     "1. Udfyld din profil, så andre kan se, hvad du arbejder med.\n"
     "2. Mærk dine tråde med faserne fra Spredningsguiden, så andre kan finde dem.\n"
     "3. Skriv *dele*, hvis du deler en innovation, og *genbruge*, hvis du vil bruge en andens.\n"
     "4. Brug sparring, når du har brug for en kollega at tænke højt med.\n\n"
     "Har du spørgsmål, så skriv til Lene eller mig.\n\nVenlig hilsen\nMajken",
     [("alice@aarhus.dk", 3, "Tak, Majken! Jeg glæder mig til at komme i gang."),
      ("frida@skat.dk", 20, "Godt med en fælles start. Jeg har udfyldt min profil.")]),
    ("alice@aarhus.dk", "Digital post til borgere over 65: sådan fik vi dem med", ("tjek", "test"), "share", 21,
     "I Aarhus havde vi for mange ældre, der ikke åbnede deres digitale post. Vi prøvede derfor "
     "**kaffemøder på lokalcentrene**, hvor en medarbejder og en frivillig hjalp med at komme på.\n\n"
     "- 14 kaffemøder på tre måneder\n- 212 borgere deltog\n"
     "- Andelen, der åbner deres post, steg fra 61 % til 78 % i de tre områder\n\n"
     "Det vigtigste var, at møderne lå på et sted, borgerne kom i forvejen. Vi deler gerne "
     "invitationen og drejebogen.",
     [("dorte@vejle.dk", 5, "Det er præcis det, vi står med i Vejle. Hvordan fandt I de frivillige?"),
      ("alice@aarhus.dk", 7, "Gennem ældrerådet og to af vores seniorklubber. De fik et kort kursus af "
                             "borgerservice først."),
      ("emil@aalborg.dk", 30, "Meget konkret og brugbart. Må vi låne drejebogen? Vi vil gerne teste det "
                              "i ét distrikt i foråret."),
      ("alice@aarhus.dk", 32, "Selvfølgelig, jeg sender den til dig.")]),
    ("dorte@vejle.dk", "Tværgående sparring om velfærdsteknologi i hjemmeplejen", ("tilpas", "fjern"), "reuse", 14,
     "Vi er i gang med at genbruge en løsning med **skærmbesøg i hjemmeplejen** fra en anden kommune. "
     "Teknikken virker, men vi støder på barrierer i organisationen: vagtplaner, der ikke passer, og "
     "medarbejdere, der er usikre på, hvornår et skærmbesøg er fagligt forsvarligt.\n\n"
     "Er der nogen, der har gode erfaringer med at få visitation og udførende led til at spille sammen?",
     [("carol@rm.dk", 4, "I regionen lavede vi en fælles beslutningsguide med sygeplejerskerne. Den fjernede "
                         "meget af usikkerheden. Jeg kan vise den på næste møde."),
      ("majken@coi.dk", 6, "God tråd! Det her passer godt til fasen *Fjern barrierer*. Skal vi tage det op "
                           "som tema på mødet i Aalborg?"),
      ("bo@aarhus.dk", 26, "Vi havde det samme problem. Det hjalp at have én fast koordinator pr. område "
                           "de første tre måneder.")]),
    ("emil@aalborg.dk", "Hvordan får vi ledelsen med på at afprøve i lille skala?", ("test",), None, 10,
     "Vi har en idé, vi gerne vil afprøve på to plejecentre, men ledelsen vil have en fuld business case "
     "først. Hvordan har andre argumenteret for at starte småt og lære undervejs?",
     [("frida@skat.dk", 2, "Vi fik lov ved at kalde det en *afprøvning med stopklods*: fast slutdato og "
                           "tre målepunkter, vi var enige om på forhånd."),
      ("carol@rm.dk", 9, "Enig med Frida. Og inviter en leder med ud at se afprøvningen. Det flytter mere "
                         "end et notat.")]),
    ("frida@skat.dk", "Implementering af klarsprog i alle standardbreve", ("implementer",), "share", 7,
     "Efter en god afprøvning er vi nu ved at indføre klarsprog i alle vores standardbreve. Vi har lavet "
     "en skabelon og en tjekliste, som sagsbehandlerne bruger, før et brev sendes.\n\n"
     "| Brevtype | Henvendelser før | Henvendelser efter |\n|:--|--:|--:|\n"
     "| Årsopgørelse | 1.240 | 910 |\n| Restance | 680 | 455 |\n\n"
     "Næste skridt er at få det ind i it-systemets skabeloner, så det ikke afhænger af den enkelte.",
     [("bo@aarhus.dk", 12, "Flotte tal! Hvor lang tid tog det at omskrive et brev i gennemsnit?"),
      ("frida@skat.dk", 14, "Omkring to timer pr. brev med en borger med ved bordet.")]),
    ("carol@rm.dk", "Høst: hvad fik vi ud af et års patientpanel?", ("hoest",), "share", 4,
     "Vi har gjort status på første år med vores patientpanel. Kort fortalt: "
     "tre løsninger blev stoppet tidligt (og sparede os for dyr udvikling), to blev ændret markant, "
     "og én er nu i drift på alle regionens hospitaler.\n\n"
     "Jeg vil gerne høre, hvordan I gør gevinsterne synlige for jeres ledelse og politikere.",
     [("majken@coi.dk", 3, "Tak for at dele, Carol. Et godt eksempel på *Høst*: også det, der blev stoppet, "
                           "er en gevinst."),
      ("emil@aalborg.dk", 20, "Vi laver en kort film med borgerne hvert halve år. Den bliver set langt mere "
                              "end rapporten.")]),
    ("bo@aarhus.dk", "Skabelon til gevinstrealisering – nogen der har en god?", ("hoest", "implementer"), None, 2,
     "Vi skal i gang med at måle gevinster på tre projekter, og jeg leder efter en enkel skabelon, "
     "der ikke kræver en økonom for at udfylde. Deler I gerne jeres?",
     [("lene@coi.dk", 5, "COI har en gevinstmodel, vi kan gennemgå på næste møde. Jeg lægger den i tråden, "
                         "når den er opdateret.")]),
    ("lene@coi.dk", "Hvad er en god tjekfase? Erfaringer fra årets første projekter", ("tjek",), None, 1,
     "Flere af jer har spurgt, hvor meget tid man skal bruge i *Tjek*-fasen, før man går i gang. "
     "Mit bud: nok til at kunne fortælle innovationens historie med egne ord, og til at vide, om timingen "
     "passer hos jer. Hvordan gør I?",
     []),
]


def _member(email: str):
    member = find_member_by_email(email)
    if member is None:
        raise RuntimeError(f"demo member {email} is missing: run the members seeder first")
    return member


def _backdate(thread: Thread, start, reply_hours: list[int]) -> None:
    """Move the thread's posts back in time: the opening post at `start`, replies after it."""
    posts = list(db.session.scalars(select(Post).where(Post.thread_id == thread.id).order_by(Post.number)))
    for post, when in zip(posts, [start] + [start + timedelta(hours=h) for h in reply_hours], strict=True):
        post.created_at = when
    thread.created_at = start
    thread.last_activity_at = posts[-1].created_at


def seed_threads() -> None:
    """Add the demo threads that are not there yet."""
    now = utcnow()
    for author_email, title, phases, route, days_ago, body, replies in THREADS:
        if db.session.scalar(select(Thread.id).where(Thread.title == title)) is not None:
            continue
        thread = start_thread(_member(author_email), title, body, phases, route)
        for replier_email, _hours, text in replies:
            reply(thread, _member(replier_email), text)
        _backdate(thread, now - timedelta(days=days_ago), [hours for _email, hours, _text in replies])
        db.session.commit()
        if title == WELCOME:
            pin.pin(thread, _member(author_email), "Velkomst til nye medlemmer")
