"""Behind a reverse proxy (FORUM_PROXY_FIX=1) the app sees the client's address and scheme."""
from __future__ import annotations

from flask import request


def _seen(application, **headers):
    seen = {}

    @application.before_request
    def remember():
        seen.update(addr=request.remote_addr, scheme=request.scheme, host=request.host)

    application.test_client().get("/healthz", headers=headers, environ_base={"REMOTE_ADDR": "127.0.0.1"})
    return seen


FORWARDED = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https", "X-Forwarded-Host": "forum.example.dk"}


def test_forwarded_headers_are_trusted_with_proxy_fix(make_app):
    seen = _seen(make_app(PROXY_FIX=1), **FORWARDED)
    assert seen == {"addr": "203.0.113.7", "scheme": "https", "host": "forum.example.dk"}


def test_forwarded_headers_are_ignored_without_it(make_app):
    seen = _seen(make_app(), **FORWARDED)
    assert seen["addr"] == "127.0.0.1" and seen["scheme"] == "http"
