"""The forms a page offers, read from its HTML: action, method and fields with their defaults."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

TEXT_TYPES = {"text", "email", "search", "url", "tel", "password", "number", "date", "time", "month", "hidden", ""}


@dataclass
class Form:
    action: str
    method: str
    defaults: list[tuple[str, str]] = field(default_factory=list)  # what a browser would send untouched
    text_fields: list[str] = field(default_factory=list)           # where a person types
    file_fields: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple:
        return (self.method, self.action, tuple(sorted(self.text_fields)))


class _FormParser(HTMLParser):
    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.current: Form | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = {k: v if v is not None else "" for k, v in attrs}
        if tag == "form":
            self.current = Form(action=a.get("action") or self.page_url.split("?")[0],
                                method=(a.get("method") or "get").upper())
            self.forms.append(self.current)
            return
        if self.current is None or "name" not in a:
            if tag == "option" and self._select is not None:
                self._option(a)
            return
        name, kind = a["name"], a.get("type", "").lower()
        if tag == "input":
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.current.defaults.append((name, a.get("value", "on")))
            elif kind == "file":
                self.current.file_fields.append(name)
            elif kind in ("submit", "button", "image", "reset"):
                return
            else:
                self.current.defaults.append((name, a.get("value", "")))
                if kind in TEXT_TYPES and kind != "hidden" and name != "csrf_token":
                    self.current.text_fields.append(name)
        elif tag == "textarea":
            self._textarea, self._text = name, ""
            self.current.text_fields.append(name)
        elif tag == "select":
            self._select, self._select_first, self._select_chosen = name, None, False

    def _option(self, a):
        value = a.get("value", "")
        if self._select_first is None:
            self._select_first = value
        if "selected" in a:
            self.current.defaults.append((self._select, value))
            self._select_chosen = True

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None and self.current is not None:
            self.current.defaults.append((self._textarea, self._text))
            self._textarea = None
        elif tag == "select" and self._select is not None and self.current is not None:
            if not self._select_chosen and self._select_first:
                self.current.defaults.append((self._select, self._select_first))
            self._select = None
        elif tag == "form":
            self.current = None


def forms_on(html: str, page_url: str) -> list[Form]:
    parser = _FormParser(page_url)
    parser.feed(html)
    return parser.forms
