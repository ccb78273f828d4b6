"""The English catalog covers every Danish string in the code, and a member who chose English gets it."""
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from flask import render_template
from flask_babel import force_locale

from forum.auth.forms import LoginForm
from forum.extensions import db
from forum.notify.outbox import render_mail

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "forum/translations/en/LC_MESSAGES"
# The keywords `make translations` extracts with.
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"%(?:\([a-z_]+\))?[sdif%]")


def _scanned(dirpath: str) -> bool:
    """Like `--ignore-dirs=".* __pycache__"` in the Makefile (pybabel's default would skip templates/_macros)."""
    name = Path(dirpath).name
    return not name.startswith(".") and name != "__pycache__"


@pytest.fixture(scope="module")
def source_ids() -> set:
    """Every msgid in the code now, extracted as `make translations` does (babel.cfg)."""
    with open(ROOT / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    return {
        message for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS, directory_filter=_scanned
        )
    }


@pytest.fixture(scope="module")
def catalog():
    with open(CATALOG / "messages.po", "rb") as po:
        return read_po(po, locale="en")


def _key(message_id):
    return message_id if isinstance(message_id, str) else tuple(message_id)


def _strings(message) -> tuple:
    return (message.string,) if isinstance(message.string, str) else tuple(message.string)


def _translated(message) -> bool:
    return all(_strings(message)) and not message.fuzzy


def test_every_string_in_the_code_is_translated(source_ids, catalog):
    assert len(source_ids) > 100
    done = {_key(m.id) for m in catalog if m.id and _translated(m)}
    missing = sorted(map(str, source_ids - done))
    assert missing == [], "Run `make translations` and translate these:\n" + "\n".join(missing)


def test_no_entry_is_fuzzy_or_empty(catalog):
    bad = [m.id for m in catalog if m.id and not _translated(m)]
    assert bad == []


def test_translations_keep_the_placeholders(catalog):
    wrong = []
    for m in catalog:
        if not m.id:
            continue
        ids = (m.id,) if isinstance(m.id, str) else m.id
        for source, english in zip(ids, _strings(m), strict=True):
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(english)):
                wrong.append((source, english))
    assert wrong == []


def test_compiled_catalog_matches_the_po_file(catalog):
    """The .mo in git is what the app loads on a fresh clone: it must be compiled from this .po."""
    with open(CATALOG / "messages.mo", "rb") as mo:
        compiled = read_mo(mo)
    expected = {_key(m.id): _strings(m) for m in catalog if m.id and _translated(m)}
    actual = {_key(m.id): _strings(m) for m in compiled if m.id}
    assert actual == expected


def test_login_page_in_english(app):
    with app.test_request_context("/login"), force_locale("en"):
        html = render_template("auth/login.html", form=LoginForm(), refusal=None, next_path=None)
    assert "Log in" in html
    assert "Forgotten your password?" in html
    assert "Log ind" not in html


def test_dashboard_for_a_member_who_chose_english(app, member, make_client):
    member.language = "en"
    db.session.commit()
    response = make_client(member).get("/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="en"' in html
    assert "Welcome, Alice Andersen" in html
    assert "Log out" in html
    assert "Log ud" not in html


def test_dashboard_stays_danish_by_default(member_client):
    html = member_client.get("/").get_data(as_text=True)
    assert "Log ud" in html
    assert "Log out" not in html


def test_mail_in_english(app, member):
    subject, body, _html = render_mail(member, "password_reset", "en", link="https://example.org/x", hours=2)
    assert subject == "New password for Spredningsnetværket"
    assert "The link works once and for 2 hours." in body
