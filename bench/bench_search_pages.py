"""The search page and replying, measured on the benchmark database, two ways.

    .venv/bin/python bench/bench_search_pages.py cpu [--code DIR] [--folder DIR] [PATH ...]
    .venv/bin/python bench/bench_search_pages.py wrk [--code DIR] [--folder DIR] [--seconds 10] [NAME ...]

`cpu`: in-process with the test client, CPU milliseconds per request (median and p95 of 40)
beside wall time; the target `reply` posts replies (to a copy, please). CPU time counts every
thread of the process, so a reply's index update counts whether it runs in the request or after. CPU time hardly moves when other work shares the machine, so two versions
of the code can be compared on a busy machine; wall time cannot.

`wrk`: gunicorn exactly as bench/run.py starts it (2 gthread workers x 4 threads), wrk -t2
-c8, for the named pages (common, rare, phase, posts, newest) and `post` (replies, as
bench/post.lua). `post` writes replies into the database: point --folder at a copy.

`--code` runs another checkout (e.g. `git archive <rev> | tar -x -C /tmp/old`) on the same
data, for before/after figures side by side.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "common": "/search?q=kommune",
    "rare": "/search?q=spiserobotten",
    "phase": "/search?q=kommune&phase=tilpas",
    "posts": "/search?q=kommune&type=post",
    "newest": "/search?q=kommune&sort=newest",
}


def environment(code: Path, folder: Path) -> dict:
    return {
        **os.environ, "FORUM_SECRET_KEY": "bench-secret-key", "PYTHONPATH": str(code),
        "FORUM_SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'forum.db'}",
        "FORUM_SEARCH_INDEX_DIR": str(folder / "search-index"), "FORUM_UPLOAD_DIR": str(folder / "uploads"),
    }


def cpu(code: Path, folder: Path, paths: list[str]) -> None:
    os.environ.update(environment(code, folder))
    sys.path.insert(0, str(code))
    from forum import create_app

    login = json.loads((folder / "seed.json").read_text())["login"]
    client = create_app({"WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False}).test_client()
    client.post("/login", data={"email": login["email"], "password": login["password"]})
    for path in paths:
        def request(number, path=path):
            if path == "reply":  # a reply to thread 2, as bench/post.lua; writes to the database
                return client.post("/threads/2/posts", data={"body": f"Svar {number} fra bench_search_pages"})
            return client.get(path)

        for number in range(5):
            response = request(number)
        if response.status_code not in (200, 302):
            raise SystemExit(f"{path}: HTTP {response.status_code}")
        spent, waited = [], []
        for number in range(40):
            started, clock = time.perf_counter(), time.process_time()
            request(number)
            spent.append((time.process_time() - clock) * 1000)
            waited.append((time.perf_counter() - started) * 1000)
        spent.sort()
        print(f"{path:40s} CPU median {statistics.median(spent):6.1f} ms, p95 {spent[37]:6.1f} ms | "
              f"wall median {statistics.median(waited):6.1f} ms", flush=True)


def load(code: Path, folder: Path, seconds: int, names: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    from bench.run import BIN, GUNICORN_SETTINGS, free_port, log_in, stop_server, wrk

    login = json.loads((folder / "seed.json").read_text())["login"]
    port = free_port()
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn
        [str(BIN / "gunicorn"), *GUNICORN_SETTINGS, "--bind", f"127.0.0.1:{port}", "wsgi:app"],
        env=environment(code, folder), cwd=code, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True)
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.2)
        base = f"http://127.0.0.1:{port}"
        cookie, token = log_in(base, login["email"], login["password"])
        for name in names:
            if name == "post":
                result = wrk(f"{base}/threads/2/posts", seconds, 8, script="post.lua",
                             extra_env={"BENCH_CSRF": token, "BENCH_COOKIE": cookie})
            else:
                result = wrk(base + PAGES[name], seconds, 8, cookie)
            print(f"{name:8s} {result['rps']:6.1f} req/s, p50 {result['p50_ms']:6.1f} ms, p95 {result['p95_ms']:6.1f} ms, "
                  f"p99 {result['p99_ms']:6.1f} ms, errors {result['errors']}", flush=True)
    finally:
        stop_server(server)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=("cpu", "wrk"))
    parser.add_argument("targets", nargs="*")
    parser.add_argument("--code", default=str(ROOT))
    parser.add_argument("--folder", default=str(ROOT / "instance" / "bench"))
    parser.add_argument("--seconds", type=int, default=10)
    args = parser.parse_intermixed_args()
    code, folder = Path(args.code).resolve(), Path(args.folder).resolve()
    if args.mode == "cpu":
        cpu(code, folder, args.targets or [PAGES[name] for name in ("common", "rare", "phase", "posts")])
    else:
        load(code, folder, args.seconds, args.targets or ["common", "rare", "post"])


if __name__ == "__main__":
    main()
