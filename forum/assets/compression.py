"""Brotli and gzip: which one a client takes, and compressing HTML pages as they leave.

Levels for HTML, measured on a 44 KB thread page of 50 posts (README "Static files and
compression"): brotli quality 1 takes it to 6.4 KB in ~0.1 ms and gzip level 1 to 6.8 KB in
~0.2 ms, next to ~9 ms of CPU for rendering the page. Brotli 4 or gzip 6 save another ~800
bytes for 3-5 times the CPU; the server's CPU is what limits pages per second, members' networks
are fast, so the cheap end wins. Static files are compressed once per process at the highest
levels (brotli 11, gzip 9) and kept (see `static_view`).
"""
from __future__ import annotations

import gzip

import brotli
from flask import Flask, Response, request

ENCODINGS = ("br", "gzip")  # preferred first when the client likes both as much
HTML_BROTLI_QUALITY = 1
HTML_GZIP_LEVEL = 1
STATIC_BROTLI_QUALITY = 11
STATIC_GZIP_LEVEL = 9
MIN_SIZE = 1024  # below this the header and the CPU cost more than the bytes saved

# Fetch Metadata values of requests that a member's own browsing makes: a link or form on
# this site ("same-origin") or an address typed, bookmarked or opened from a mail client ("none").
_OWN_NAVIGATION = frozenset({"same-origin", "none"})


def negotiate() -> str | None:
    """The encoding to answer the current request with: 'br', 'gzip' or None (identity)."""
    return request.accept_encodings.best_match(ENCODINGS)


def compress(data: bytes, encoding: str, *, static: bool = False) -> bytes:
    if encoding == "br":
        return brotli.compress(data, quality=STATIC_BROTLI_QUALITY if static else HTML_BROTLI_QUALITY)
    if encoding == "gzip":
        # mtime=0: the same bytes give the same output (stable ETags, reproducible tests).
        return gzip.compress(data, compresslevel=STATIC_GZIP_LEVEL if static else HTML_GZIP_LEVEL, mtime=0)
    raise ValueError(f"unknown encoding {encoding!r}")


def add_vary(response: Response, *headers: str) -> None:
    for header in headers:
        response.vary.add(header)


def register_html_compression(app: Flask) -> None:
    """Compress HTML responses (app.config["COMPRESS_HTML"], default on).

    BREACH: a compressed page that holds a secret and text an attacker chooses leaks the secret
    through its length, if the attacker can make the member's browser fetch the page many times
    and watch the sizes on the wire. Our pages hold Flask-WTF CSRF tokens, which are not masked
    per request, and members' confidential posts. So a page is compressed only when the request
    comes from the member's own browsing (Sec-Fetch-Site `same-origin` or `none`); requests
    started by another site, and clients that send no Fetch Metadata, get it uncompressed.
    """
    app.config.setdefault("COMPRESS_HTML", True)

    def compress_html(response: Response) -> Response:
        if response.mimetype != "text/html" or request.endpoint == "static":
            return response
        add_vary(response, "Accept-Encoding", "Sec-Fetch-Site")
        if (
            not app.config["COMPRESS_HTML"]
            or response.direct_passthrough
            or response.is_streamed
            or "Content-Encoding" in response.headers
            or not (200 <= response.status_code < 300 or 400 <= response.status_code < 500)
            or request.headers.get("Sec-Fetch-Site") not in _OWN_NAVIGATION
        ):
            return response
        encoding = negotiate()
        if encoding is None:
            return response
        data = response.get_data()
        if len(data) < MIN_SIZE:
            return response
        response.set_data(compress(data, encoding))
        response.headers["Content-Encoding"] = encoding
        etag, weak = response.get_etag()
        if etag and not weak:
            response.set_etag(f"{etag}-{encoding}")
        return response

    # Runs after every other after_request function (Flask calls them last-registered first),
    # so nothing changes the body once it is compressed.
    app.after_request_funcs.setdefault(None, []).insert(0, compress_html)
