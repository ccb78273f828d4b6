"""Two app servers (gunicorn, two workers each) on two loopback ports, one PostgreSQL
database and one Redis: what is written through one is seen and found through the other,
a session made on one works on the other, and login throttling counts across both.

Runs only on PostgreSQL (FORUM_TEST_DATABASE_URI): two servers on one SQLite file would
prove little about a production setup. The database is a new one made for the test and
built by `flask db upgrade`; Redis db 13 is flushed before and after.
"""
from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.conftest import POSTGRES_URI

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not POSTGRES_URI, reason="two servers need one shared PostgreSQL database: "
                       "set FORUM_TEST_DATABASE_URI (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"),
]

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
REDIS_URL = os.environ.get("FORUM_TEST_REDIS_URI", "redis://127.0.0.1:6379/13")
PASSWORD = "to servere, en database"
TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
PNG = b"\x89PNG\r\n\x1a\n" + b"\x02" * 100


class Browser:
    """A cookie-keeping HTTP client that can switch between servers (as a load balancer would)."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, body: bytes | None = None, content_type: str | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        if content_type:
            headers["Content-Type"] = content_type
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        return response.status, response.headers, data.decode("utf-8", "replace")

    def get(self, port, path):
        return self.request(port, "GET", path)

    def token(self, port, path="/login") -> str:
        status, _headers, page = self.get(port, path)
        assert status == 200, (status, path)
        return TOKEN.search(page).group(1)

    def post(self, port, path, fields: dict, form_page: str = "/login"):
        fields = {"csrf_token": self.token(port, form_page), **fields}
        body = urlencode(fields, doseq=True).encode()
        return self.request(port, "POST", path, body, "application/x-www-form-urlencoded")

    def post_multipart(self, port, path, fields: dict, files: list[tuple[str, str, bytes]], form_page: str):
        fields = {"csrf_token": self.token(port, form_page), **fields}
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            for item in value if isinstance(value, list) else [value]:
                parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{item}\r\n'.encode())
        for name, filename, data in files:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                         f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(port, "POST", path, b"".join(parts), f"multipart/form-data; boundary={boundary}")

    def login(self, port, email, password=PASSWORD):
        return self.post(port, "/login", {"email": email, "password": password})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _on_server(statement: str) -> None:
    engine = create_engine(POSTGRES_URI, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()


def _redis():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    return client


def _flask(environment, *arguments, stdin: str | None = None):
    result = subprocess.run([str(BIN / "flask"), "--app", "wsgi", *arguments], cwd=ROOT, env=environment,
                            input=stdin, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _wait_until_up(process, port):
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"gunicorn on port {port} exited: {process.stdout.read()}")
        try:
            status, _headers, _body = Browser().get(port, "/healthz")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"gunicorn on port {port} did not answer /healthz")


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    redis = _redis()
    redis.flushdb()
    folder = tmp_path_factory.mktemp("two-servers")
    name = f"two_servers_{uuid.uuid4().hex[:10]}"
    _on_server(f'CREATE DATABASE "{name}"')
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith("FORUM_") and key != "FLASK_APP"}
    environment.update({
        "FORUM_SECRET_KEY": uuid.uuid4().hex,
        "FORUM_SQLALCHEMY_DATABASE_URI": make_url(POSTGRES_URI).set(database=name).render_as_string(False),
        "FORUM_RATELIMIT_STORAGE_URI": REDIS_URL,
        "FORUM_UPLOAD_DIR": str(folder / "shared-uploads"),
        "FORUM_SEARCH_BACKEND": "postgres",
        "FORUM_SQLALCHEMY_ENGINE_OPTIONS": '{"pool_size": 2, "max_overflow": 2, "pool_pre_ping": true}',
    })
    processes = []
    try:
        _flask(environment, "db", "upgrade")
        for email, person, organization in (("alice@aarhus.dk", "Alice Andersen", "Aarhus Kommune"),
                                            ("bo@vejle.dk", "Bo Bech", "Vejle Kommune")):
            _flask(environment, "create-member", email, "--name", person, "--organization", organization,
                   "--password-stdin", stdin=PASSWORD + "\n")
        ports = []
        for number in (1, 2):
            port = free_port()
            # Each server has a search folder of its own: the shared index is the database.
            server_env = {**environment, "FORUM_SEARCH_INDEX_DIR": str(folder / f"index-{number}")}
            process = subprocess.Popen(  # noqa: S603
                [str(BIN / "gunicorn"), "--workers", "2", "--timeout", "60", "--bind", f"127.0.0.1:{port}",
                 "tests.integration.two_server_wsgi:app"],
                cwd=ROOT, env=server_env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            processes.append(process)
            ports.append(port)
        for process, port in zip(processes, ports, strict=True):
            _wait_until_up(process, port)
        yield ports
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout:
                process.stdout.close()
        _on_server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        redis.flushdb()
        redis.close()


def test_a_thread_made_through_one_server_is_seen_and_found_through_the_other(servers):
    one, two = servers
    alice, bo = Browser(), Browser()
    assert alice.login(one, "alice@aarhus.dk")[0] == 302
    assert bo.login(two, "bo@vejle.dk")[0] == 302

    status, headers, _ = alice.post_multipart(one, "/threads/new", {
        "title": "Robotstøvsugere i hjemmeplejen", "body": "Vi har indført **robotstøvsugere** i tre distrikter.",
        "phases": ["tjek", "test"], "route": "share",
    }, [("attachments", "plan.png", PNG)], form_page="/threads/new")
    assert status == 302, status
    thread_path = headers["Location"].split("#")[0]
    thread_path = "/" + thread_path.split("/", 3)[3] if thread_path.startswith("http") else thread_path
    assert re.fullmatch(r"/threads/\d+", thread_path), thread_path

    status, _, page = bo.get(two, thread_path)
    assert status == 200 and "Robotstøvsugere i hjemmeplejen" in page and "Alice Andersen" in page
    attachment = re.search(r'href="(/attachments/\d+/[^"]+)"', page).group(1)
    status, _, _ = bo.get(two, attachment)
    assert status == 200  # the upload written by server one is served by server two

    status, _, page = bo.get(two, "/search?q=robotst%C3%B8vsuger")
    assert status == 200 and "Robotstøvsugere i hjemmeplejen" in page

    status, _, _ = bo.post(two, f"{thread_path}/posts", {"body": "Hvordan tog medarbejderne imod dem?"},
                           form_page=thread_path)
    assert status == 302
    status, _, page = alice.get(one, thread_path)
    assert "Hvordan tog medarbejderne imod dem?" in page and "Bo Bech" in page
    status, _, page = alice.get(one, "/search?q=medarbejderne")
    assert status == 200 and "Hvordan tog <mark>medarbejderne</mark> imod dem?" in page and "Svar i tråden" in page


def test_a_session_from_one_server_works_on_the_other(servers):
    one, two = servers
    alice = Browser()
    assert alice.login(one, "alice@aarhus.dk")[0] == 302
    status, _, page = alice.get(two, "/profile")
    assert status == 200 and "alice@aarhus.dk" in page
    assert alice.post(two, "/logout", {}, form_page="/profile")[0] == 302
    assert alice.get(one, "/profile")[0] == 302  # logged out everywhere: the cookie is the session


def test_failed_logins_count_across_both_servers(servers):
    one, two = servers
    intruder = Browser()
    for attempt in range(10):
        status, _, _ = intruder.login(one if attempt % 2 else two, "bo@vejle.dk", "forkert kodeord")
        assert status == 200, (attempt, status)
    assert intruder.login(one, "bo@vejle.dk", "forkert kodeord")[0] == 429
    assert intruder.login(two, "bo@vejle.dk", "forkert kodeord")[0] == 429
    assert Browser().login(two, "bo@vejle.dk")[0] == 429  # the right password waits too
    assert Browser().login(one, "alice@aarhus.dk")[0] == 302  # another email is not throttled
