"""Search benchmark on PostgreSQL full-text search (FORUM_SEARCH_BACKEND=postgres).

The same generated Danish corpus as bench/bench_search.py (same seeds, so the same texts:
a thread's title and opening post every tenth document, replies otherwise) is copied into
a new PostgreSQL database with the application's schema; then the search columns of
migration 0007 are added (timed: that is what the migration costs on an existing site),
and the same kinds of 1–2 word queries are timed through the backend's own parse + search
(the SQL the search page runs, permission filter for a member included).

    python bench/bench_search_pg.py --posts 200000
    python bench/bench_search_pg.py --posts 20000 --database-uri postgresql+psycopg://postgres@127.0.0.1:5432/postgres
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import PHASES, documents, percentile, vocabulary  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from forum import create_app  # noqa: E402
from forum.extensions import db  # noqa: E402
from forum.search import pg_backend  # noqa: E402


def _server(uri: str, statement: str) -> None:
    engine = create_engine(uri, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def load(posts: int, words: list[str]) -> None:
    """Copy the corpus in with COPY: one member, threads of ten posts, phases on threads."""
    now = datetime.now(UTC)
    db.session.execute(text(
        "INSERT INTO organization (id, name, created_at) VALUES (1, 'Benchkommune', :now)"), {"now": now})
    db.session.execute(text(
        "INSERT INTO member (id, email, name, title, organization_id, phone, bio, role, language, active, "
        "session_version, show_email, show_phone, suspension_reason, created_at) VALUES (1, 'bench@example.dk', "
        "'Bench', '', 1, '', '', 'member', 'da', true, 1, false, false, '', :now)"), {"now": now})
    for position, slug in enumerate(PHASES, start=1):
        db.session.execute(text(
            "INSERT INTO phase (id, slug, label_da, label_en, description_da, description_en, position) "
            "VALUES (:id, :slug, :slug, :slug, '', '', :id)"), {"id": position, "slug": slug})
    db.session.commit()
    raw = db.engine.raw_connection()
    try:
        cursor = raw.driver_connection.cursor()
        links = []
        with cursor.copy("COPY thread (id, title, author_id, pinned, locked, hidden, last_activity_at, post_count, "
                         "created_at) FROM STDIN") as threads:
            for document in documents(posts, words, seed=5):
                if document["kind"] == "thread":
                    thread_id = document["thread_id"]
                    threads.write_row((thread_id, document["title"][:200], 1, False, False, False,
                                       document["created"], 10, document["created"]))
                    links.extend((thread_id, PHASES.index(slug) + 1) for slug in document["phases"])
        with cursor.copy("COPY thread_phase (thread_id, phase_id) FROM STDIN") as rows:
            for link in links:
                rows.write_row(link)
        with cursor.copy("COPY post (id, thread_id, number, author_id, body_source, body_html, hidden, "
                         "hidden_reason, created_at) FROM STDIN") as rows:
            for document in documents(posts, words, seed=5):
                number = (document["object_id"] - 1) % 10 + 1
                rows.write_row((document["object_id"], document["thread_id"], number, 1, document["body"],
                                f"<p>{document['body']}</p>", False, "", document["created"]))
        raw.driver_connection.commit()
    finally:
        raw.close()


def query_sets(words: list[str], rng: random.Random, size: int) -> dict[str, list[str]]:
    """1–2 word queries by how many posts hold the word (PostgreSQL's own ts_stat counts)."""
    frequencies = dict(db.session.execute(text(
        "SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM post')")).all())
    lexemes = dict(db.session.execute(text(
        "SELECT w, (SELECT lexeme FROM unnest(to_tsvector('danish', w)) LIMIT 1) FROM unnest(CAST(:words AS text[])) w"),
        {"words": words}).all())

    def df(word):
        return frequencies.get(lexemes.get(word), 0)

    content = [word for word in words if df(word) > 0]
    bands = {
        "typical": content,
        "frequent": [w for w in content if 10_000 <= df(w) <= 50_000],
        "very frequent": [w for w in content if df(w) > 50_000],
    }
    return {name: [" ".join(rng.sample(pool, rng.randint(1, 2))) for _ in range(size)]
            for name, pool in bands.items() if len(pool) > 1}


def measure(index, queries: list[str], rng: random.Random, phase_filter: bool, highlight: bool) -> list[float]:
    timings = []
    for words in queries:
        phase = rng.choice(PHASES) if phase_filter else None
        started = time.perf_counter()
        query = index.parse(words)
        hits = index.search(query, phase=phase, member_id=7, limit=20)
        if highlight:
            for _hit in hits.hits:
                index.highlight(query, "tekst " * 80)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--database-uri", default=os.environ.get(
        "FORUM_TEST_DATABASE_URI", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"))
    parser.add_argument("--keep", action="store_true", help="keep the benchmark database")
    arguments = parser.parse_args()

    name = f"bench_search_{uuid.uuid4().hex[:8]}"
    _server(arguments.database_uri, f'CREATE DATABASE "{name}"')
    uri = make_url(arguments.database_uri).set(database=name).render_as_string(False)
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": uri, "SEARCH_BACKEND": "postgres"})
    report = {"backend": "postgres", "posts": arguments.posts, "queries": {}}
    try:
        with app.app_context():
            db.create_all()
            rng = random.Random(4)
            words = vocabulary(rng)
            started = time.perf_counter()
            load(arguments.posts, words)
            report["load_seconds"] = round(time.perf_counter() - started, 1)
            started = time.perf_counter()
            with db.engine.begin() as connection:
                pg_backend.ensure_search_columns(connection)
                connection.execute(text("ANALYZE"))
            report["migration_seconds"] = round(time.perf_counter() - started, 1)
            report["post_table_mb"] = round(db.session.execute(text(
                "SELECT pg_total_relation_size('post')")).scalar() / 1e6)
            report["gin_index_mb"] = round(db.session.execute(text(
                "SELECT pg_relation_size('ix_post_search_vector')")).scalar() / 1e6)
            print(f"loaded {arguments.posts} posts in {report['load_seconds']:.0f} s; search columns and GIN "
                  f"indexes added in {report['migration_seconds']:.0f} s (post table {report['post_table_mb']} MB, "
                  f"its GIN index {report['gin_index_mb']} MB); load average {os.getloadavg()[0]:.1f}", flush=True)
            index = pg_backend.install(app)
            sets = query_sets(words, rng, arguments.queries)
            for band, queries in sets.items():
                for phase_filter in (False, True):
                    for highlight in (False, True):
                        measure(index, queries[:50], rng, phase_filter, highlight)  # warm
                        timings = measure(index, queries, rng, phase_filter, highlight)
                        label = f"{band}{' + phase' if phase_filter else ''}{' + 20 snippets' if highlight else ''}"
                        figures = {"p50_ms": round(statistics.median(timings), 1),
                                   "p95_ms": round(percentile(timings, 0.95), 1),
                                   "max_ms": round(max(timings), 1)}
                        report["queries"][label] = figures
                        print(f"{label:>38}: p50 {figures['p50_ms']:6.1f} ms  p95 {figures['p95_ms']:6.1f} ms  "
                              f"max {figures['max_ms']:7.1f} ms  ({len(timings)} queries, load average "
                              f"{os.getloadavg()[0]:.1f})", flush=True)
            db.session.remove()
            db.engine.dispose()
    finally:
        if not arguments.keep:
            _server(arguments.database_uri, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(json.dumps(report))


if __name__ == "__main__":
    main()
