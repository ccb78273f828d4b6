"""Time (and optionally profile) one page in-process on the benchmark database.

    .venv/bin/python bench/profile_page.py /threads/1 [--requests 30] [--profile] [--sort tottime]

Uses instance/bench (made by `make bench`), logs in as its member through the form, warms up,
then prints milliseconds per request and SQL statements per request.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--top", type=int, default=50)
    parser.add_argument("--folder", default=str(ROOT / "instance" / "bench"))
    args = parser.parse_args()
    folder = Path(args.folder)
    os.environ.setdefault("FORUM_SECRET_KEY", "bench-secret-key")
    os.environ.setdefault("FORUM_SQLALCHEMY_DATABASE_URI", f"sqlite:///{folder / 'forum.db'}")
    os.environ.setdefault("FORUM_SEARCH_INDEX_DIR", str(folder / "search-index"))
    os.environ.setdefault("FORUM_UPLOAD_DIR", str(folder / "uploads"))
    login = json.loads((folder / "seed.json").read_text())["login"]

    from sqlalchemy import event

    from forum import create_app
    from forum.extensions import db

    app = create_app({"WTF_CSRF_ENABLED": False})
    client = app.test_client()
    client.post("/login", data={"email": login["email"], "password": login["password"]})
    statements = []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", lambda *a, **k: statements.append(1))
    for _ in range(5):
        response = client.get(args.path)
    if response.status_code != 200:
        raise SystemExit(f"{args.path}: HTTP {response.status_code}")
    statements.clear()
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(args.requests):
        client.get(args.path)
    elapsed = (time.perf_counter() - started) / args.requests * 1000
    cpu = (time.process_time() - cpu_started) / args.requests * 1000
    # CPU time is the steadier figure when other work shares the machine.
    print(f"{args.path}: {elapsed:.2f} ms per request ({cpu:.2f} ms CPU), "
          f"{len(statements) / args.requests:.1f} SQL statements, {len(response.data)} bytes")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            client.get(args.path)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
