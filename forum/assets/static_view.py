"""The `static` endpoint: hashed names cached for a year, plain names briefly, text compressed once."""
from __future__ import annotations

import mimetypes
import threading

from flask import Flask, Response, abort, request, send_from_directory
from werkzeug.security import safe_join

from forum.assets import compression
from forum.assets.manifest import Manifest

ONE_YEAR = 31536000
IMMUTABLE = f"public, max-age={ONE_YEAR}, immutable"
COMPRESSIBLE = frozenset(
    {"text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/json", "text/plain",
     "text/markdown"}
)
MAX_COMPRESSED_FILE = 4 * 1024 * 1024  # larger files are sent as they are, not kept in memory

_manifests: dict[tuple[str, bool], Manifest] = {}
_manifests_lock = threading.Lock()
# (file name, digest, encoding) -> compressed bytes; one entry per text file and encoding.
_compressed: dict[tuple[str, str, str], bytes] = {}


def manifest_for(folder: str, refresh: bool) -> Manifest:
    """One manifest per static folder and process: apps made later (tests, workers) share it."""
    key = (folder, refresh)
    with _manifests_lock:
        if key not in _manifests:
            _manifests[key] = Manifest(folder, refresh=refresh)
        return _manifests[key]


def register(app: Flask) -> Manifest:
    """Point url_for('static', ...) at hashed names and serve them; returns the manifest."""
    app.config.setdefault("STATIC_MAX_AGE", 3600)  # plain (unhashed) names: fonts and icons the CSS names
    folder = app.static_folder
    manifest = manifest_for(folder, refresh=app.debug)

    @app.url_defaults
    def hashed_static_names(endpoint: str, values: dict) -> None:
        if endpoint == "static" and "filename" in values:
            values["filename"] = manifest.url_name(values["filename"])

    def static(filename: str) -> Response:
        if "\x00" in filename or "\\" in filename or safe_join(folder, filename) is None:
            abort(404)  # and `..`, absolute paths: nothing outside the static folder
        resolved = manifest.resolve(filename)
        if resolved is None:
            abort(404)
        name, requested_digest = resolved
        max_age = ONE_YEAR if requested_digest else int(app.config["STATIC_MAX_AGE"])
        response = _compressed_response(manifest, folder, name)
        if response is None:
            # 404 for a folder or a missing file; conditional (ETag, Last-Modified) like Flask's own view.
            response = send_from_directory(folder, name, max_age=max_age)
            if mimetypes.guess_type(name)[0] in COMPRESSIBLE:
                compression.add_vary(response, "Accept-Encoding")
        response.headers["Cache-Control"] = IMMUTABLE if requested_digest else f"public, max-age={max_age}"
        return response

    app.view_functions["static"] = static
    app.wsgi_app = _without_cookie_vary(app.wsgi_app, app.static_url_path + "/")
    return manifest


def _without_cookie_vary(wsgi_app, prefix: str):
    """Drop `Vary: Cookie` from static files' responses.

    Flask adds it to every response whose request touched the session, and Flask-Login's
    after_request touches it on every request. A static file does not depend on the cookie,
    and a cache that keys on it would fetch every "immutable" file again whenever the session
    cookie changes (each login, each flashed message).
    """

    def app(environ, start_response):
        if not environ.get("PATH_INFO", "").startswith(prefix):
            return wsgi_app(environ, start_response)

        def start(status, headers, exc_info=None):
            kept = []
            for key, value in headers:
                if key.lower() == "vary":
                    value = ", ".join(v.strip() for v in value.split(",") if v.strip().lower() != "cookie")
                    if not value:
                        continue
                kept.append((key, value))
            return start_response(status, kept, exc_info)

        return wsgi_app(environ, start)

    return app


def _compressed_response(manifest: Manifest, folder: str, name: str) -> Response | None:
    """The file compressed as the client asks, from this process's cache; None to send it as it is."""
    mimetype = mimetypes.guess_type(name)[0]
    digest = manifest.digest(name)
    if mimetype not in COMPRESSIBLE or digest is None:
        return None
    encoding = compression.negotiate()
    if encoding is None:
        return None
    key = (name, digest, encoding)
    data = _compressed.get(key)
    if data is None:
        path = safe_join(folder, name)
        with open(path, "rb") as handle:
            raw = handle.read(MAX_COMPRESSED_FILE + 1)
        if len(raw) > MAX_COMPRESSED_FILE:
            return None
        # Two threads may compress the same file at once; both get the same bytes.
        data = _compressed[key] = compression.compress(raw, encoding, static=True)
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Encoding"] = encoding
    compression.add_vary(response, "Accept-Encoding")
    response.set_etag(f"{digest}-{encoding}")
    return response.make_conditional(request)
