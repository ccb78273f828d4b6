"""Whole pages cached per member, for as long as no data has changed since (PAGE_CACHE_*).

`@cached_page` on a GET view: the page a member got is served to that member again, with
their own CSRF token, while the data generation (generation.py) is the one it was rendered
under and it is younger than PAGE_CACHE_SECONDS. Every committed write anywhere moves the
generation on, so a cached page is never older than the data it shows. The key is the
member, the full path with its query and the language: a page is never served to anyone but
the member it was rendered for, and the login gate (with the membership check) runs first.

Not cached: a page showing flashed messages, anything but an HTML 200, a response that sets
a cookie, and pages whose content does not come from the database alone (search reads the
index): those views simply do not use the decorator.
"""
from __future__ import annotations

from functools import wraps

from flask import Flask, Response, current_app, g, request, session
from flask.globals import request_ctx
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from forum.fragments import CSRF_PLACEHOLDER
from forum.i18n import current_language
from forum.pagecache import generation
from forum.pagecache.store import PageStore

_EXTENSION = "page_cache"
_NOT_STORED_HEADERS = frozenset({"content-length", "set-cookie"})


def register(app: Flask) -> None:
    app.config.setdefault("PAGE_CACHE_MB", 16)
    app.config.setdefault("PAGE_CACHE_SECONDS", 60)
    megabytes = float(app.config["PAGE_CACHE_MB"] or 0)
    if megabytes > 0:
        app.extensions[_EXTENSION] = PageStore(int(megabytes * 1024 * 1024), float(app.config["PAGE_CACHE_SECONDS"]))


def store() -> PageStore | None:
    return current_app.extensions.get(_EXTENSION)


def cached_page(view):
    """Serve this GET view's page from the member's cache while the data is unchanged."""

    @wraps(view)
    def serve(*args, **kwargs):
        pages = store()
        if pages is None or request.method != "GET" or "_flashes" in session or not current_user.is_authenticated:
            return view(*args, **kwargs)
        key = (current_user.id, request.full_path, current_language())
        data_generation = generation.at_request_start()
        page = pages.get(key, data_generation)
        if page is not None:
            return _response(page.body, page.headers)
        response = current_app.make_response(view(*args, **kwargs))
        if _may_store(response):
            pages.put(key, data_generation, _without_csrf_token(response.get_data(as_text=True)),
                      tuple((name, value) for name, value in response.headers.items()
                            if name.lower() not in _NOT_STORED_HEADERS))
        return response

    return serve


def _may_store(response: Response) -> bool:
    return (
        response.status_code == 200
        and response.mimetype == "text/html"
        and not response.is_streamed
        and "Set-Cookie" not in response.headers
        and not getattr(request_ctx, "flashes", None)  # a message shown once, not again
    )


def _without_csrf_token(html: str) -> str:
    token = g.get("csrf_token")
    return html.replace(token, CSRF_PLACEHOLDER) if token else html


def _response(body: str, headers: tuple[tuple[str, str], ...]) -> Response:
    if CSRF_PLACEHOLDER in body:
        body = body.replace(CSRF_PLACEHOLDER, generate_csrf())
    return Response(body, status=200, headers=list(headers))
