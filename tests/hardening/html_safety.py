"""Is anything in an HTML page executable? A strict check with html.parser.

Flags: <script> that is inline or not from /static/, any on* attribute, javascript:/data:/vbscript:
in URL attributes (after the parser has decoded entities, and with whitespace and control
characters removed as a browser does), <iframe>/<object>/<embed>/<base>/<meta http-equiv=refresh>,
and style attributes with expression() or javascript.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data", "srcset",
                  "ping", "cite", "codebase", "lowsrc", "dynsrc"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}
BAD_SCHEME = re.compile(r"^(javascript|data|vbscript|livescript):", re.IGNORECASE)
IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        if tag == "script":
            self._in_script = True
            source = values.get("src", "")
            if not source.startswith("/static/"):
                self.problems.append(f"<script src={source!r}>")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and BAD_SCHEME.match(IGNORED_IN_URL.sub("", value)):
                self.problems.append(f"<{tag} {name}={value[:60]!r}>")
            if name == "style" and re.search(r"expression|javascript|url\(", value, re.IGNORECASE):
                self.problems.append(f"<{tag} style={value[:60]!r}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"inline script: {data.strip()[:60]!r}")


def problems(html: str) -> list[str]:
    """Everything executable in `html` (empty when the page is inert)."""
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return checker.problems


def check_response(response) -> list[str]:
    if response.mimetype != "text/html":
        return []
    return problems(response.get_data(as_text=True))
