"""`make bench`: the platform beside a bare Flask page, same server settings, one run.

Seeds (or reuses) a generated database, starts both apps under gunicorn as the README's
deployment does, logs in as a member, loads each page with wrk and prints requests per
second, p50/p95/p99 latency, the ratio to the bare page, SQL statements per page and the
peak memory of a worker. The pages the per-member page cache serves are measured twice:
as deployed (repeat visits served from the cache) and on a second server with the cache off
(every request rendered, as the first visit after a change is).
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
GUNICORN_SETTINGS = ["--workers", "2", "--timeout", "30"]  # the README's deployment: sync workers


# The pages whose views use @cached_page (forum/pagecache).
CACHED_PAGES = ("dashboard", "threads", "thread page (20 posts shown)", "threads?phase=")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(folder: Path) -> dict:
    return {
        **os.environ,
        "FORUM_SECRET_KEY": "bench-secret-key",
        "FORUM_SQLALCHEMY_DATABASE_URI": os.environ.get("BENCH_DATABASE_URI", f"sqlite:///{folder / 'forum.db'}"),
        "FORUM_SEARCH_INDEX_DIR": str(folder / "search-index"),
        "FORUM_UPLOAD_DIR": str(folder / "uploads"),
        "PYTHONPATH": str(ROOT),
    }


def ensure_database(folder: Path, sizes: dict, env: dict) -> dict:
    marker = folder / "seed.json"
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    if marker.exists():
        seeded = json.loads(marker.read_text())
        if all(seeded[key] == value for key, value in sizes.items()):
            print(f"Reusing the benchmark database in {folder} ({marker.read_text().strip()})")
            # Seeded by older code: bring the schema up to date, as a deployment does.
            subprocess.run([*flask, "db", "upgrade"], check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
            return seeded
    folder.mkdir(parents=True, exist_ok=True)
    for stale in ("forum.db", "seed.json"):
        (folder / stale).unlink(missing_ok=True)
    subprocess.run([*flask, "db", "upgrade"], check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    started = time.monotonic()
    out = subprocess.run(
        [*flask, "seed-bench", "--members", str(sizes["members"]), "--threads", str(sizes["threads"]),
         "--posts", str(sizes["posts"])],
        check=True, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True,
    ).stdout
    seeded = json.loads(out.strip().splitlines()[-1])
    seeded["seed_seconds"] = round(time.monotonic() - started)
    marker.write_text(json.dumps(seeded))
    print(f"Seeded in {seeded['seed_seconds']} s: {json.dumps(seeded)}")
    return seeded


def start_server(app: str, port: int, env: dict, settings: list[str]) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), *settings, "--bind", f"127.0.0.1:{port}", app],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{app} did not start on port {port}")


def stop_server(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


def log_in(base: str, email: str, password: str) -> tuple[str, str]:
    """Log in through the real form; return (Cookie header, CSRF token)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{base}/login").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token}).encode()
    opener.open(f"{base}/login", data=data).read()
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    page = opener.open(f"{base}/").read().decode()
    if "/logout" not in page:
        raise RuntimeError("benchmark login failed")
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    return cookie, token


def wrk(url: str, seconds: int, connections: int, cookie: str | None = None, script: str = "report.lua",
        extra_env: dict | None = None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(ROOT / "bench" / script)]
    if cookie and script == "report.lua":
        command += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run([*command, url], check=True, stdout=subprocess.PIPE, text=True,
                         env={**os.environ, "BENCH_REPORT": str(ROOT / "bench" / "report.lua"),
                              **(extra_env or {})}).stdout
    return json.loads(out.strip().splitlines()[-1])


def sql_statements(env: dict, pages: dict[str, str], email: str, password: str) -> dict[str, int]:
    """Statements per page, counted in-process with the test client on the same database."""
    code = f"""
import json, re
from sqlalchemy import event
from forum import create_app
from forum.extensions import db
app = create_app({{"WTF_CSRF_ENABLED": False}})
counts = {{}}
statements = []
with app.app_context():
    event.listen(db.engine, "before_cursor_execute", lambda *a, **k: statements.append(1))
# Requests outside a shared app context: each gets its own database session, as under gunicorn.
client = app.test_client()
client.post("/login", data={{"email": {email!r}, "password": {password!r}}})
for name, path in {pages!r}.items():
    client.get(path)
    statements.clear()
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    counts[name] = len(statements)
print(json.dumps(counts))
"""
    out = subprocess.run([str(BIN / "python"), "-c", code], check=True, env=env, cwd=ROOT,
                         stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def peak_worker_memory_mb(master: subprocess.Popen) -> float:
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()
    peaks = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return max(peaks) if peaks else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=20000)
    parser.add_argument("--posts", type=int, default=200000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--folder", default=str(ROOT / "instance" / "bench"))
    parser.add_argument("--gunicorn", default=" ".join(GUNICORN_SETTINGS),
                        help="server settings for both apps (default: the README's deployment)")
    args = parser.parse_args()
    settings = args.gunicorn.split()
    folder = Path(args.folder)
    env = bench_env(folder)
    seeded = ensure_database(folder, {"members": args.members, "threads": args.threads, "posts": args.posts}, env)
    email, password = seeded["login"]["email"], seeded["login"]["password"]
    long_thread = seeded["long_thread_id"]
    pages = {
        # The floor: a static text page through the whole stack (session, member, gate, layout).
        "layout only (/tilgaengelighed)": "/tilgaengelighed",
        "dashboard": "/",
        "threads": "/threads",
        # The long thread (60+ posts); its first page shows 20 (threads.queries.POSTS_PER_PAGE).
        "thread page (20 posts shown)": f"/threads/{long_thread}",
        "threads?phase=": "/threads?phase=tilpas",
        "search, common word": "/search?q=kommune",
        "search, rare word": "/search?q=spiserobotten",
    }
    # The same pages rendered every time: what the first visit after any change costs
    # (the per-member page cache, forum/pagecache, serves repeat visits while nothing changed).
    rendered = {f"{name}, rendered (page cache off)": pages[name] for name in CACHED_PAGES}
    uncached_env = {**env, "FORUM_PAGE_CACHE_MB": "0"}
    app_port, bare_port, uncached_port = free_port(), free_port(), free_port()
    app_server = start_server("wsgi:app", app_port, env, settings)
    bare_server = start_server("bench.bare_app:app", bare_port, env, settings)
    results = {}
    try:
        base = f"http://127.0.0.1:{app_port}"
        cookie, token = log_in(base, email, password)
        results["bare Flask page"] = wrk(f"http://127.0.0.1:{bare_port}/", args.seconds, args.connections)
        for name, path in pages.items():
            results[name] = wrk(base + path, args.seconds, args.connections, cookie)
        # Replies go to another thread so the thread page measured above stays the same.
        results["post a reply"] = wrk(f"{base}/threads/2/posts", args.seconds, args.connections, script="post.lua",
                                      extra_env={"BENCH_CSRF": token, "BENCH_COOKIE": cookie})
        memory = peak_worker_memory_mb(app_server)
    finally:
        stop_server(app_server)
    uncached_server = start_server("wsgi:app", uncached_port, uncached_env, settings)
    try:
        base = f"http://127.0.0.1:{uncached_port}"
        cookie, _token = log_in(base, email, password)
        for name, path in rendered.items():
            results[name] = wrk(base + path, args.seconds, args.connections, cookie)
    finally:
        stop_server(uncached_server)
        stop_server(bare_server)
    statements = {**sql_statements(env, pages, email, password),
                  **sql_statements(uncached_env, rendered, email, password)}
    rows = ["bare Flask page", "layout only (/tilgaengelighed)"]
    for name in pages:
        rows += [name, f"{name}, rendered (page cache off)"] if name in CACHED_PAGES else [name]
    rows.append("post a reply")
    bare = results["bare Flask page"]["rps"]
    print()
    database = env["FORUM_SQLALCHEMY_DATABASE_URI"].split(":")[0].split("+")[0]
    print(f"Data ({database}): {seeded['members']} members, {seeded['threads']} threads, {seeded['posts']} posts. "
          f"gunicorn {' '.join(settings)}; wrk -t2 -c{args.connections} -d{args.seconds}s; "
          f"{os.cpu_count()} cores.")
    print()
    print("| page | req/s | ratio to bare | p50 ms | p95 ms | p99 ms | errors | SQL statements |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in dict.fromkeys(rows):
        result = results[name]
        ratio = result["rps"] / bare if bare else 0
        print(f"| {name} | {result['rps']:.0f} | {ratio:.0%} | {result['p50_ms']:.1f} | {result['p95_ms']:.1f} | "
              f"{result['p99_ms']:.1f} | {result['errors']} | {statements.get(name, '')} |")
    print()
    print(f"Peak memory of a worker (VmHWM): {memory:.0f} MB")
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(
        {"seeded": seeded, "database": database, "gunicorn": settings, "results": results, "statements": statements,
         "peak_worker_mb": memory}, indent=2))


if __name__ == "__main__":
    sys.exit(main())
