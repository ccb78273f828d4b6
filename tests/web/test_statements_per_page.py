"""No N+1 on any page (issue 9, SPEC §7): every GET page that shows a list or one object
issues the same number of SQL statements on a little data as on several times more of every
kind of row it could show.

The data is built once for the module (it is the slow part): a small world with one or two
of everything, each page counted; then many more members, organizations, threads, posts with
attachments, revisions, hidden and flagged posts, reuse records, sparring requests and offers,
meetings and RSVPs, notifications, applications, deletion requests, suspensions, memberships
and audit entries, and each page counted again. One test per page compares the two counts.

Requests run without a pushed app context, so each gets its own session as in production; a
page is counted on its second visit (the first one records reading and fills the fragment
caches, as a page in steady use has).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from forum import create_app
from forum.auth import passwords
from forum.extensions import db, limiter
from forum.meetings import feeds
from forum.meetings import service as meetings
from forum.meetings.models import Meeting, Rsvp
from forum.meetings.notes import create_notes_thread
from forum.members import anonymise, applications
from forum.members.models import Member
from forum.members.service import add_membership
from forum.moderation import audit, flag, hide, lock, suspend
from forum.notify import outbox
from forum.search import search_index
from forum.search.queue import apply_pending
from forum.sparring import profiles
from forum.sparring import service as sparring
from forum.sparring.models import SparringRequest
from forum.spreading import service as spreading
from forum.threads import service as threads
from forum.threads.models import Attachment, Post, Thread
from tests import factories, fast_passwords
from tests.conftest import FormClient, _base_config, _fresh_database, _truncate_all
from tests.statements import counted_statements

PDF = b"%PDF-1.4\n%%EOF\n"
WORD = "velfærdsteknologi"  # in every title and body, so a search finds every kind of thing
PHASES = ("tjek", "test", "tilpas", "fjern", "implementer", "hoest")
SMALL_ROUNDS = 1
EXTRA_ROUNDS = 6


@dataclass(frozen=True)
class Page:
    url: str  # formatted with the world's ids: {thread}, {post}, {sparring}, ...
    reader: str  # member, other (the focus thread's author and sparring requester), facilitator, admin, anonymous
    shows: str = ""  # text the page shows only once the world has grown: proof that it lists the new rows
    # Search without a type: one batch of statements per kind of hit on the page (thread, post,
    # sparring, meeting). The small world's page has every kind, a page of more data may have
    # fewer kinds, so it may issue fewer statements, never more; the typed searches hold each kind's count equal.
    mixed_kinds: bool = False
    lists: str = ""  # text both visits show: the page listed rows on little data too
    # An N+1 in code this test's author may not change (forum/threads/** is the lead's): the test
    # is expected to fail until it is fixed, and fails (strict) once it passes.
    known_n_plus_one: str = ""

    @property
    def id(self) -> str:
        return f"{self.reader}:{self.url}"


PAGES = [
    # threads, posts, attachments
    Page("/", "member", "Tråd runde {last}"),
    Page("/", "facilitator"),
    Page("/threads", "member", "Tråd runde {last}"),
    Page("/threads?phase=test", "member", "Delt innovation {last}"),
    Page("/threads?route=share", "member", "Delt innovation {last}"),
    Page("/threads?route=reuse", "member", "Tråd runde {last}"),
    Page("/threads/{thread}", "member", "Svar runde {last}"),
    Page("/threads/{thread}", "facilitator", "Svar runde {last}"),
    Page("/threads/{thread}/reuse", "member", "Organisation {last}"),
    Page("/threads/new", "member"),
    Page("/posts/{post}/edit", "other"),
    Page("/posts/{post}/edit", "facilitator"),
    Page("/posts/{post}/revisions", "other", "Rettelse {last}"),
    Page("/posts/{post}/revisions", "facilitator", "Rettelse {last}"),
    Page("/posts/{reply}/edit", "facilitator"),
    Page("/posts/{reply}/revisions", "facilitator", "Svar rettet i runde {last}"),
    Page("/attachments/{attachment}/{attachment_name}", "member"),
    # search
    Page(f"/search?q={WORD}", "member", mixed_kinds=True),
    Page(f"/search?q={WORD}", "facilitator", mixed_kinds=True),
    Page(f"/search?q={WORD}&type=thread", "member", lists='href="/threads/'),
    Page(f"/search?q={WORD}&type=post", "member", lists='href="/posts/'),
    Page(f"/search?q={WORD}&type=sparring", "member", lists='href="/sparring/'),
    Page(f"/search?q={WORD}&type=meeting", "member", lists='href="/meetings/'),
    Page(f"/search?q={WORD}&phase=test&sort=newest", "member"),
    # sparring
    Page("/sparring", "member", "Sparring runde {last}"),
    Page("/sparring?status=all", "member", "Sparring runde {last}"),
    Page("/sparring?view=mine&status=all", "member", "Alices sparring {last}"),
    Page("/sparring?view=for-me", "member", "Sparring runde {last}"),
    Page("/sparring?phase=test&status=all", "facilitator", "Sparring runde {last}"),
    Page("/sparring/{sparring}", "other", "Medlem {last}"),
    Page("/sparring/{sparring}", "member"),
    Page("/sparring/{sparring}", "facilitator", "Medlem {last}"),
    Page("/sparring/{own_sparring}", "member", "Medlem {last}"),
    Page("/sparring/new", "member"),
    Page("/sparring/new?phases=test&phases=tjek", "member", "Medlem {last}"),
    Page("/sparring/suggestions?phases=test&phases=tjek", "member", "Medlem {last}"),
    Page("/sparring/profile", "member"),
    # meetings
    Page("/meetings", "member", "Møde runde {last}"),
    Page("/meetings", "facilitator", "Møde runde {last}"),
    Page("/meetings/{meeting}", "member", "Medlem {last}"),
    Page("/meetings/{meeting}", "facilitator", "Medlem {last}"),
    Page("/meetings/{meeting}.ics", "member"),
    Page("/meetings/{meeting}/edit", "facilitator"),
    Page("/meetings/new", "facilitator"),
    Page("/calendar", "member"),
    Page("/calendar/{calendar_token}.ics", "anonymous", "Møde runde {last}"),
    # members, profiles, notifications
    Page("/members", "member", "Medlem {last}"),
    Page("/members/{other}", "member"),
    Page("/members/autocomplete?q=medlem", "member", "Medlem {last}"),
    Page("/profile", "member"),
    Page("/profile/export", "member", "Alices sparring {last}"),
    Page("/membership", "member"),
    Page("/notifications", "member", "Besked runde {last}"),
    Page("/notifications/settings", "member"),
    # spreading
    Page("/spreading", "member", "Delt innovation {last}"),
    Page("/spreading?phase=test", "member", "Delt innovation {last}"),
    # moderation
    Page("/moderation", "facilitator", "Anmeldelse runde {last}", lists="Indlægget før (af"),
    Page("/moderation/audit", "facilitator", "Anmeldelse runde {last}"),
    Page("/moderation/audit?action=flag_post", "facilitator", "Anmeldelse runde {last}"),
    Page("/moderation/audit.csv", "facilitator", "Anmeldelse runde {last}"),
    Page("/moderation/suspensions", "facilitator", "Medlem {last}"),
    Page("/moderation/threads/{thread}", "facilitator", "Medlem {last}"),
    # administration
    Page("/admin", "admin"),
    Page("/admin", "facilitator"),
    Page("/admin/applications", "admin", "Ansøger {last}"),
    Page("/admin/audit", "admin", "Anmeldelse runde {last}"),
    Page("/admin/deletions", "admin", "Medlem {last}"),
    Page("/admin/fees", "admin", "Organisation {last}"),
    Page("/admin/fees.csv", "admin", "Organisation {last}"),
    Page("/admin/memberships", "admin", "Medlem {last}"),
    Page("/admin/organizations", "admin", "Organisation {last}"),
    Page("/admin/roles", "admin", "Medlem {last}"),
    Page("/admin/phases", "admin"),
    Page("/admin/report", "facilitator"),
    Page("/admin/report.csv", "facilitator"),
]


def first_post(thread: Thread) -> Post:
    return db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.number == 1))


class World:
    """The rows every page reads, added in rounds; ids only, so nothing outlives its session."""

    def __init__(self, app):
        self.app = app
        self.rounds = 0
        self.ids: dict[str, int | str] = {}

    def member(self, key: str) -> Member:
        return db.session.get(Member, self.ids[key])

    def start(self) -> None:
        """The cast and the objects the detail pages show, each with one child of every kind."""
        alice = factories.make_member("alice@aarhus.dk", "Alice Andersen", "Aarhus Kommune", phone="+45 11 22 33 44")
        bob = factories.make_member("bob@vejle.dk", "Bo Bech", "Vejle Kommune", show_email=True)
        majken = factories.make_member("majken@coi.dk", "Majken Præstbro", "Center for Offentlig Innovation",
                                       role="facilitator")
        anna = factories.make_member("admin@coi.dk", "Anna Admin", "Center for Offentlig Innovation", role="admin")
        self.ids.update(member=alice.id, other=bob.id, facilitator=majken.id, admin=anna.id)
        thread = factories.make_thread(bob, title=f"Skylletoiletter og {WORD}", body=f"Om {WORD}.",
                                       phases=("tjek", "test"), route="share",
                                       files=[("bilag.pdf", PDF)])
        post = first_post(thread)
        attachment = db.session.scalar(select(Attachment).where(Attachment.post_id == post.id))
        request = sparring.create_request(bob, title=f"Sparring om {WORD}", body=f"Hvordan gør I med {WORD}?",
                                          phase_slugs=["test", "hoest"], channels=["phone", "mail"])
        own = sparring.create_request(alice, title=f"Alices egen {WORD}", body=f"Hjælp med {WORD}",
                                      phase_slugs=["tjek"], channels=["meeting"])
        meeting = meetings.build_meeting(self._meeting_data("Netværksmøde i Vejle", date.today() + timedelta(days=30)),
                                         majken)
        db.session.commit()
        create_notes_thread(meeting, majken, f"/meetings/{meeting.id}")
        profiles.save_profile(alice, open_now=True, phase_slugs=["test"], note="Gerne om test")
        self.ids.update(thread=thread.id, post=post.id, attachment=attachment.id,
                        attachment_name=attachment.filename, sparring=request.id, own_sparring=own.id,
                        meeting=meeting.id, calendar_token=feeds.regenerate(alice))

    @staticmethod
    def _meeting_data(title: str, day: date, host: str = "Vejle Kommune") -> meetings.MeetingData:
        return meetings.MeetingData(title=title, date=day, starts=time(10), ends=time(15, 30),
                                    host_organization=host, address="Skolegade 1", room="Salen",
                                    agenda=f"# Dagsorden\n\n- {WORD}")

    def add_rounds(self, count: int) -> None:
        for _ in range(count):
            self.rounds += 1
            self._round(self.rounds)

    def _round(self, n: int) -> None:
        """One more of every kind of row, by a new member of a new organization."""
        alice, bob = self.member("member"), self.member("other")
        majken, anna = self.member("facilitator"), self.member("admin")
        newcomer = factories.make_member(f"medlem{n}@kommune{n}.dk", f"Medlem {n}", f"Organisation {n}",
                                         title=f"Konsulent {n}", show_phone=n % 2 == 0, phone=f"+45 2{n} 00 00 00")
        colleague = factories.make_member(f"kollega{n}@kommune{n}.dk", f"Kollega {n}", f"Organisation {n}")
        # a new facilitator each round, so rows that name who moderated are not all by the same person
        staff = factories.make_member(f"tovholder{n}@coi{n}.dk", f"Tovholder {n}", f"Tovholdere {n}", role="facilitator")
        add_membership(newcomer, date.today().year + 1)
        db.session.commit()
        phases = (PHASES[n % 6], PHASES[(n + 1) % 6], "test")
        # threads and posts
        own_thread = factories.make_thread(newcomer, title=f"Tråd runde {n} om {WORD}", body=f"Brødtekst {n} {WORD}",
                                           phases=phases, route="reuse" if n % 2 else None,
                                           files=[(f"runde-{n}.pdf", PDF + str(n).encode())])
        factories.make_reply(own_thread, alice, f"Svar fra Alice {n} om {WORD}")
        factories.make_reply(own_thread, colleague, f"Svar fra kollega {n}",
                             files=[(f"kollega-{n}.pdf", PDF + b"k" + str(n).encode())])
        share = factories.make_thread(colleague, title=f"Delt innovation {n} {WORD}", phases=phases, route="share")
        thread = db.session.get(Thread, self.ids["thread"])
        reply = factories.make_reply(thread, newcomer, f"Svar runde {n} om {WORD}",
                                     files=[(f"svar-{n}.pdf", PDF + b"s" + str(n).encode())])
        hidden = factories.make_reply(thread, colleague, f"Skjult svar {n}")
        hide.hide_post(hidden, staff, f"Skjult i runde {n}")
        threads.edit_post(db.session.get(Post, self.ids["post"]), bob if n % 2 else staff, f"Rettelse {n} om {WORD}")
        self.ids.setdefault("reply", reply.id)
        threads.edit_post(db.session.get(Post, self.ids["reply"]), staff, f"Svar rettet i runde {n}")
        threads.edit_post(reply, newcomer, f"Svar runde {n} om {WORD}, rettet")
        flag.flag_post(reply, alice, f"Anmeldelse runde {n}")
        flag.flag_post(reply, colleague, f"Anmeldelse runde {n} igen")
        flag.flag_post(first_post(own_thread), bob, f"Anmeldelse runde {n} af tråd")
        # spreading
        for who, slug in ((newcomer, PHASES[n % 6]), (colleague, "hoest")):
            spreading.record_reuse(thread, who, spreading.phase_by_slug(slug), f"Note {n}", notify_author=False)
        spreading.record_reuse(share, alice, spreading.phase_by_slug("test"), "", notify_author=False)
        spreading.record_reuse(share, bob, spreading.phase_by_slug("tilpas"), "", notify_author=False)
        # sparring
        request = db.session.get(SparringRequest, self.ids["sparring"])
        sparring.make_offer(request, newcomer, f"Jeg kan sparre, runde {n}")
        open_one = sparring.create_request(newcomer, title=f"Sparring runde {n} {WORD}", body=f"Åben for alle {WORD}",
                                           phase_slugs=list(phases), channels=["phone"])
        sparring.make_offer(open_one, alice, f"Alice tilbyder {n}")
        sparring.create_request(colleague, title=f"Sparring runde {n} til Alice", body=f"Kun Alice {WORD}",
                                phase_slugs=["test"], channels=["mail"], recipient_ids=[alice.id])
        mine = sparring.create_request(alice, title=f"Alices sparring {n} {WORD}", body="Mit spørgsmål",
                                       phase_slugs=list(phases), channels=["phone", "meeting"],
                                       recipient_ids=[newcomer.id, colleague.id])
        offer = sparring.make_offer(mine, newcomer, "Gerne")
        sparring.make_offer(mine, colleague, "Også gerne")
        if n % 2:
            sparring.accept_offer(mine, offer, alice)
        own = db.session.get(SparringRequest, self.ids["own_sparring"])
        sparring.make_offer(own, newcomer, f"Svar på Alices egen {n}")
        sparring.make_offer(request, colleague, f"Kollega tilbyder {n}")
        profiles.save_profile(newcomer, open_now=True, phase_slugs=["test", "tjek"], note=f"Profil {n}")
        profiles.save_profile(colleague, open_now=n % 2 == 0, phase_slugs=list(phases))
        # meetings
        focus = db.session.get(Meeting, self.ids["meeting"])
        meetings.answer(focus, newcomer, True)
        meetings.answer(focus, colleague, False)
        upcoming = meetings.build_meeting(self._meeting_data(f"Møde runde {n} om {WORD}",
                                                             date.today() + timedelta(days=40 + n),
                                                             f"Organisation {n}"), staff)
        past = meetings.build_meeting(self._meeting_data(f"Holdt møde {n} {WORD}", date.today() - timedelta(days=n),
                                                         f"Organisation {n}"), staff)
        db.session.add_all([Rsvp(meeting_id=past.id, member_id=alice.id, attending=True),
                            Rsvp(meeting_id=past.id, member_id=newcomer.id, attending=n % 2 == 0)])
        db.session.commit()
        meetings.answer(upcoming, alice, n % 2 == 0)
        meetings.answer(upcoming, newcomer, True)
        create_notes_thread(past, staff, f"/meetings/{past.id}")  # a pinned thread
        # notifications (replies in watched threads make some too)
        for who in (alice, majken, anna):
            outbox.notify(who, "moderation", f"Besked runde {n}", f"/threads/{own_thread.id}")
        db.session.commit()
        # applications, deletion requests, suspensions, audit entries
        months = list(range(1, 13))
        pending = applications.submit(name=f"Ansøger {n}", email=f"ansoeger{n}@region{n}.dk",
                                      organization=f"Region {n}", title="Leder", motivation="Spredning",
                                      commitment=True, months=months)
        reviewed = applications.submit(name=f"Afvist {n}", email=f"afvist{n}@region{n}.dk",
                                       organization=f"Region {n}", title="Leder", motivation="Spredning",
                                       commitment=True, months=months)
        applications.reject(reviewed, staff)
        approved = applications.submit(name=f"Optaget {n}", email=f"optaget{n}@region{n}.dk",
                                       organization=f"Region {n}", title="Leder", motivation="Spredning",
                                       commitment=True, months=months)
        with self.app.test_request_context():  # the invitation mail links back to the site
            applications.approve(approved, staff)
        db.session.commit()
        assert pending.id
        anonymise.request_deletion(newcomer, f"Slet mig, runde {n}")
        leaver = factories.make_member(f"forlader{n}@kommune{n}.dk", f"Forlader {n}", f"Forladt organisation {n}")
        factories.make_reply(own_thread, leaver, f"Farvel {n}")
        anonymise.anonymise(anonymise.request_deletion(leaver), anna, "keep")
        suspend.suspend(colleague, staff, f"Suspenderet i runde {n}", date.today() + timedelta(days=30))
        audit.record(anna, "role_change", "member", staff.id, f"runde {n}")
        lock.lock(own_thread, staff, f"Låst i runde {n}")
        db.session.commit()

    def apply_search_updates(self) -> None:
        apply_pending(search_index(self.app), db.engine)


@dataclass
class Visit:
    count: int
    statements: list[str] = field(repr=False)
    status: int
    body: str = field(repr=False)


def visit_all(clients: dict, world: World, engine) -> dict[str, Visit]:
    visits = {}
    for page in PAGES:
        client, url = clients[page.reader], page.url.format(**world.ids)
        client.get(url).close()  # close: an attachment is a file
        with counted_statements(engine) as statements:
            response = client.get(url)
            body = response.get_data(as_text=True)
            response.close()
        visits[page.id] = Visit(len(statements), list(statements), response.status_code, body)
    return visits


@pytest.fixture(scope="module")
def measured(database_template, tmp_path_factory):
    """{page id: (visit on the small world, visit on the grown world)}."""
    folder = tmp_path_factory.mktemp("statements")
    config = {**_base_config(folder), **_fresh_database(database_template, folder),
              # index updates applied once a round, not after every commit (this is not what is measured)
              "SEARCH_APPLY_AFTER_COMMIT": False,
              "PAGE_CACHE_MB": 0}  # what is counted is rendering; tests/web/test_page_cache.py counts the cache
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_hasher", fast_passwords._CHEAP)
        patch.setattr(passwords, "_DUMMY_HASH", fast_passwords._CHEAP_DUMMY)
        app = create_app(config)
        if database_template["kind"] == "postgres":
            _truncate_all(app)
        limiter.reset()
        world = World(app)
        with app.app_context():
            factories.seed_phases()
            db.session.commit()
            engine = db.engine
            world.start()
            world.add_rounds(SMALL_ROUNDS)
            world.apply_search_updates()
            emails = {key: world.member(key).email for key in ("member", "other", "facilitator", "admin")}
            db.session.remove()
        clients = {"anonymous": FormClient(app.test_client())}
        for key, email in emails.items():
            clients[key] = FormClient(app.test_client())
            clients[key].login(email)
        few = visit_all(clients, world, engine)
        with app.app_context():
            world.add_rounds(EXTRA_ROUNDS)
            world.apply_search_updates()
            db.session.remove()
        many = visit_all(clients, world, engine)
        yield {page: (few[page], many[page]) for page in few}
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def _new_statements(few: Visit, many: Visit) -> list[str]:
    extra = Counter(many.statements) - Counter(few.statements)
    return [f"{times}x {statement[:300]}" for statement, times in extra.most_common(5)]


@pytest.mark.parametrize("page", [
    pytest.param(page, id=page.id, marks=[pytest.mark.xfail(strict=True, reason=page.known_n_plus_one)]
                 if page.known_n_plus_one else []) for page in PAGES
])
def test_statements_do_not_grow_with_the_data(measured, page):
    few, many = measured[page.id]
    assert few.status == many.status == 200, (few.status, many.status)
    if page.shows:
        shows = page.shows.format(last=SMALL_ROUNDS + EXTRA_ROUNDS)
        assert shows not in few.body and shows in many.body, f"{shows!r} is not on the page of more data"
    if page.lists:
        assert page.lists in few.body and page.lists in many.body, f"{page.lists!r} is not on the page"
    if page.mixed_kinds:
        assert all(link in few.body for link in ('href="/threads/', 'href="/posts/', 'href="/sparring/', 'href="/meetings/'))
        assert many.count <= few.count, (few.count, many.count)
        return
    assert many.count == few.count, (
        f"{page.url} as {page.reader}: {few.count} statements on little data, {many.count} on more; "
        f"new or repeated: {_new_statements(few, many)}"
    )
