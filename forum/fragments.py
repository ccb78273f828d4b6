"""Template fragments rendered once per process and reused.

A fragment template reads only the values it is given, and those values, with the request's
language and time zone, are the cache key. A change to anything shown is therefore a new key:
nothing is ever invalidated, and a fragment can only be shared between readers who would have
got exactly the same HTML (reader-specific values, like what they may do, are in the key).
Values must be hashable: tuples, NamedTuples, numbers, strings.
"""
from __future__ import annotations

from functools import lru_cache

from flask import render_template
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from forum.i18n import current_language

# Post fragments are a few kB with their keys: at most some tens of MB per worker.
CACHED_FRAGMENTS = 8192
# Where a cached fragment holds a form, its CSRF token is this placeholder, replaced by the
# request's own token. Member text can never produce it: names and titles are escaped (no
# "<"), and the sanitizer strips HTML comments from bodies (tests/web/test_post_fragments.py).
CSRF_PLACEHOLDER = Markup("<!--csrf-token-->")


def render_cached(template: str, **values) -> str:
    return _render(template, tuple(values.items()), current_language())


def with_csrf_token(html: str) -> Markup:
    """`html` from a cached fragment, with this request's CSRF token in its forms."""
    # Safe: Jinja-escaped HTML; the token is URL-safe base64 and dots.
    return Markup(html.replace(CSRF_PLACEHOLDER, generate_csrf()))  # noqa: S704


def csrf_placeholder() -> Markup:
    """Stands in for `csrf_token()` in a cached fragment's template."""
    return CSRF_PLACEHOLDER


@lru_cache(maxsize=CACHED_FRAGMENTS)
def _render(template: str, values: tuple, language: tuple[str, str]) -> str:
    # `language` is only in the key: the template reads locale and time zone from the request.
    return render_template(template, **dict(values))

