"""Fill an empty database with generated content, fast: bulk inserts, index built once."""
from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from html import escape

from sqlalchemy import func, insert, select, text

from forum.auth.passwords import hash_password
from forum.bench import words
from forum.extensions import db
from forum.members import rules
from forum.members.models import Member, Membership, Organization
from forum.threads.models import Attachment, Phase, Post, Thread, ThreadRead, thread_phase

CHUNK = 5_000
PASSWORD = "bench-password-1"  # noqa: S105 - a generated benchmark database's published login
LONG_THREAD_POSTS = 60

FIRST_NAMES = ["Anne", "Bo", "Camilla", "Dorte", "Emil", "Frida", "Gitte", "Hans", "Ida", "Jens", "Karen", "Lars",
               "Mette", "Niels", "Ole", "Pia", "Rasmus", "Sofie", "Torben", "Ulla", "Vibeke", "Mads", "Line", "Søren"]
LAST_NAMES = ["Andersen", "Bech", "Christensen", "Damgaard", "Eriksen", "Frederiksen", "Hansen", "Jensen",
              "Kristensen", "Larsen", "Madsen", "Nielsen", "Olsen", "Pedersen", "Rasmussen", "Sørensen", "Thomsen"]
ORGANIZATIONS = ["Aarhus Kommune", "Aalborg Kommune", "Odense Kommune", "Vejle Kommune", "Esbjerg Kommune",
                 "Randers Kommune", "Kolding Kommune", "Horsens Kommune", "Silkeborg Kommune", "Herning Kommune",
                 "Roskilde Kommune", "Næstved Kommune", "Holbæk Kommune", "Hedensted Kommune", "Gentofte Kommune",
                 "Region Midtjylland", "Region Hovedstaden", "Region Syddanmark", "Region Sjælland",
                 "Region Nordjylland", "Skattestyrelsen", "Digitaliseringsstyrelsen", "Sundhedsstyrelsen"]


class BenchError(Exception):
    """The database is not empty, or the sizes make no sense."""


@dataclass
class BenchResult:
    members: int
    threads: int
    posts: int
    long_thread_id: int
    login_email: str

    def as_json(self) -> dict:
        return {"members": self.members, "threads": self.threads, "posts": self.posts,
                "long_thread_id": self.long_thread_id,
                "login": {"email": self.login_email, "password": PASSWORD}}


def _chunks(rows: Iterator[dict]) -> Iterator[list[dict]]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(table, rows: Iterator[dict], progress: Callable[[int], None] | None = None) -> None:
    for batch in _chunks(rows):
        db.session.execute(insert(table), batch)
        if progress:
            progress(len(batch))


def _post_counts(rng: random.Random, threads: int, posts: int) -> list[int]:
    """Posts per thread: at least one each, the rest spread unevenly; thread 1 is long."""
    counts = [1] * threads
    remaining = posts - threads
    long_extra = min(LONG_THREAD_POSTS - 1, remaining)
    counts[0] += long_extra
    remaining -= long_extra
    weights = [rng.paretovariate(1.2) for _ in range(threads)]
    for index in rng.choices(range(threads), weights=weights, k=remaining):
        counts[index] += 1
    return counts


def seed_bench(members: int, threads: int, posts: int, seed: int = 2026,
               progress: Callable[[int], None] | None = None) -> BenchResult:
    if members < 3 or threads < 1 or posts < threads + LONG_THREAD_POSTS - 1:
        raise BenchError("Need at least 3 members, 1 thread and threads + 59 posts.")
    if db.session.scalar(select(func.count(Member.id))):
        raise BenchError("The database already has members; seed-bench fills an empty database.")
    rng = random.Random(seed)
    now = datetime.now(UTC)
    year = rules.membership_year(date.today())
    phase_ids = list(db.session.scalars(select(Phase.id).order_by(Phase.position)))

    organization_count = (members + 2) // 3
    _insert(Organization.__table__, (
        {"id": i, "name": ORGANIZATIONS[i - 1] if i <= len(ORGANIZATIONS) else f"Kommune nr. {i}", "created_at": now}
        for i in range(1, organization_count + 1)))
    password_hash = hash_password(PASSWORD)
    starts, ends = rules.year_bounds(year)

    def member_rows():
        for i in range(1, members + 1):
            role = "facilitator" if i <= 2 else "member"
            yield {"id": i, "email": f"medlem{i}@bench.dk", "name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                   "title": "Innovationskonsulent", "organization_id": (i - 1) // 3 + 1, "phone": "", "bio": "",
                   "role": role, "language": "da", "active": True, "password_hash": password_hash,
                   "session_version": 1, "show_email": i % 4 == 0, "show_phone": False, "suspension_reason": "",
                   "created_at": now}

    _insert(Member.__table__, member_rows())
    _insert(Membership.__table__, (
        {"id": i, "member_id": i, "organization_id": (i - 1) // 3 + 1, "year": year, "starts": starts, "ends": ends,
         "created_at": now} for i in range(1, members + 1)))

    counts = _post_counts(rng, threads, posts)
    span = timedelta(days=3 * 365).total_seconds()
    thread_rows, phase_rows, post_id = [], [], 0
    thread_start = [now - timedelta(seconds=rng.uniform(0, span)) for _ in range(threads)]
    thread_start.sort()

    def post_rows():
        nonlocal post_id
        for index in range(threads):
            thread_id = index + 1
            created = thread_start[index]
            last_author = None
            for number in range(1, counts[index] + 1):
                post_id += 1
                author = rng.randint(1, members)
                body = words.paragraph(rng)
                created = created + timedelta(minutes=rng.randint(5, 60 * 24))
                last_author = author
                yield {"id": post_id, "thread_id": thread_id, "number": number, "author_id": author,
                       "body_source": body, "body_html": f"<p>{escape(body)}</p>", "hidden": False,
                       "hidden_reason": "", "created_at": min(created, now)}
            thread_rows[index].update(post_count=counts[index], last_post_id=post_id,
                                      last_post_author_id=last_author, last_activity_at=min(created, now))

    for index in range(threads):
        route = rng.choices(["share", "reuse", None], weights=[3, 2, 5])[0]
        thread_rows.append({"id": index + 1, "title": words.title(rng), "author_id": rng.randint(1, members),
                            "route": route, "pinned": index < 3, "locked": False, "hidden": False,
                            "created_at": thread_start[index], "last_activity_at": thread_start[index],
                            "post_count": 0})
        for phase_id in rng.sample(phase_ids, rng.choice([1, 1, 2])):
            phase_rows.append({"thread_id": index + 1, "phase_id": phase_id})
    _insert(Thread.__table__, iter(thread_rows))
    _insert(thread_phase, iter(phase_rows))
    _insert(Post.__table__, post_rows(), progress)
    # Thread aggregates are known only after the posts: write them in one pass.
    for batch in _chunks(iter(thread_rows)):
        db.session.execute(
            Thread.__table__.update().where(Thread.__table__.c.id == text(":tid")),
            [{"tid": row["id"], "post_count": row["post_count"], "last_post_id": row["last_post_id"],
              "last_post_author_id": row["last_post_author_id"], "last_activity_at": row["last_activity_at"]}
             for row in batch])
    _insert(Attachment.__table__, (
        {"post_id": rng.randint(1, posts), "uploader_id": rng.randint(1, members), "filename": f"bilag-{i}.pdf",
         "content_type": "application/pdf", "size": rng.randint(20_000, 2_000_000), "sha256": f"{i:064x}",
         "created_at": now} for i in range(1, posts // 50 + 1)))
    login_id = 3
    _insert(ThreadRead.__table__, (
        {"member_id": login_id, "thread_id": t, "last_read_number": 1, "read_at": now}
        for t in range(1, threads + 1, 3)))
    _seed_other_domains(rng, members, threads, now)
    _reset_sequences()
    db.session.commit()
    _analyze()
    return BenchResult(members, threads, posts, long_thread_id=1, login_email=f"medlem{login_id}@bench.dk")


def _seed_other_domains(rng: random.Random, members: int, threads: int, now: datetime) -> None:
    """Sparring requests and meetings, through their tables."""
    from forum.meetings.models import Meeting, Rsvp
    from forum.sparring.models import SparringRequest

    _insert(SparringRequest.__table__, (
        {"id": i, "requester_id": rng.randint(1, members), "title": words.title(rng),
         "body_source": (body := words.paragraph(rng, 40)), "body_html": f"<p>{escape(body)}</p>",
         "channels": rng.choice(["phone", "mail", "phone,meeting"]), "open_to_all": True,
         "status": rng.choice(["open", "open", "matched", "closed"]), "learning_source": "", "learning_html": "",
         "created_at": now - timedelta(days=rng.randint(0, 3 * 365))}
        for i in range(1, max(threads // 20, 1) + 1)))
    meetings = []
    for offset in range(-2, 1):
        for month, day in ((2, 1), (4, 6), (6, 8), (9, 20), (11, 17)):
            meetings.append({"id": len(meetings) + 1, "title": "Netværksmøde", "date": date(now.year + offset, month, day),
                             "host_name": rng.choice(ORGANIZATIONS), "address": "", "room": "",
                             "agenda_source": "", "agenda_html": "", "status": "planned",
                             "created_at": now, "updated_at": now})
    _insert(Meeting.__table__, iter(meetings))
    _insert(Rsvp.__table__, (
        {"meeting_id": meeting["id"], "member_id": member, "attending": rng.random() < 0.7, "answered_at": now}
        for meeting in meetings for member in rng.sample(range(1, members + 1), min(members, 40))))


def _analyze() -> None:
    """PostgreSQL plans by table statistics, which autovacuum gathers only some time after a bulk
    load: until then it took 20,000 threads for 35 and sorted them all (52 ms for /threads).
    A production database has them; so should the benchmark's. (SQLite gathers none unless
    asked, in production too, so it is left as it is.)"""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ANALYZE"))
        db.session.commit()


def _reset_sequences() -> None:
    """PostgreSQL's id sequences do not see explicit ids: move them past the rows."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in db.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement:
            db.session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608 - table names from metadata
                f"COALESCE((SELECT MAX(id) FROM \"{table.name}\"), 0) + 1, false)"))
