"""One way from a member's Markdown to HTML that is safe to show to other members.

Markdown is rendered once, on write, and the result is cleaned by nh3 (ammonia) with an
explicit allowlist. Raw HTML in the source is allowed through Markdown on purpose: nh3 is
the single gate, so there is one place to get right, not two.
"""
from __future__ import annotations

import re
from collections.abc import Callable

import markdown
import nh3

ATTACHMENT_PATH = "/attachments/"

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table", "tbody", "td",
    "th", "thead", "tr", "ul",
})

ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": set(),  # nh3 would otherwise allow title/lang on every tag
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "code": {"class"},
    "ol": {"start"},
    "td": {"align"},
    "th": {"align"},
}

URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"

# nh3 serializes its output canonically (lower-case names, double-quoted values), so these
# patterns only ever see well-formed tags.
_IMG_TAG = re.compile(r"<img\b[^>]*>")
_LANGUAGE_CLASS = re.compile(r"^language-[A-Za-z0-9_+-]{1,30}$")
_ALIGN = frozenset({"left", "right", "center"})

_EXTENSIONS = ["fenced_code", "tables", "sane_lists", "pymdownx.magiclink"]
_EXTENSION_CONFIGS = {
    # Only bare URLs and mail addresses; no shorthand for GitHub users or issues.
    "pymdownx.magiclink": {"hide_protocol": False, "repo_url_shorthand": False, "social_url_shorthand": False},
    # `align` instead of a style attribute, which the sanitizer would drop.
    "tables": {"use_align_attribute": True},
}


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Narrow what the allowlist lets through to values that cannot surprise anyone."""
    if tag == "img" and attribute == "src":
        # Images only from our own attachments: no tracking pixels, no third party.
        return value if value.startswith(ATTACHMENT_PATH) and not value.startswith("//") else None
    if tag == "code" and attribute == "class":
        return value if _LANGUAGE_CLASS.match(value) else None
    if attribute == "align":
        return value if value in _ALIGN else None
    if tag == "ol" and attribute == "start":
        return value if value.isdigit() and len(value) < 7 else None
    return value


def _tidy_image(match: re.Match) -> str:
    """An image whose source was refused is dropped; every image gets an alt text."""
    tag = match.group(0)
    if ' src="' not in tag:
        return ""
    return tag if ' alt="' in tag else tag.replace("<img", '<img alt=""', 1)


def sanitize(html: str) -> str:
    """Clean an HTML fragment with the forum's allowlist."""
    return _IMG_TAG.sub(_tidy_image, _clean(html))


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        link_rel=LINK_REL,
        url_schemes=set(URL_SCHEMES),
        strip_comments=True,
    )


def render_markdown(source: str, mentions: Callable[[str], str] | None = None) -> str:
    """Markdown source -> sanitized HTML, ready to store and to mark safe in a template.

    `mentions`, when given, receives the sanitized HTML and returns it with @mentions
    linked; its result is sanitized again, so a hook can never open a hole.
    """
    renderer = markdown.Markdown(extensions=_EXTENSIONS, extension_configs=_EXTENSION_CONFIGS, output_format="html")
    # A NUL inside a word ("java\0script:") must not survive as a stand-in character.
    html = sanitize(renderer.convert((source or "").replace("\x00", "")))
    if mentions is not None:
        html = sanitize(mentions(html))
    return html
