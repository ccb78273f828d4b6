"""Write mail and notifications as rows in the caller's transaction."""
from __future__ import annotations

import re

from flask import render_template
from flask_babel import force_locale
from jinja2 import TemplateNotFound
from markupsafe import Markup, escape
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from forum.extensions import db
from forum.members.models import Member
from forum.notify import links, preferences
from forum.notify.models import Notification, OutboxMail

_URL = re.compile(r"https?://[^\s<>\"]+")
_PENDING_KEY = "notify_pending_mail"


def render_mail(recipient: Member | str, template: str, language: str, **context) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of `templates/mail/<template>.txt` (and `.html` when it exists).

    Every mail to a member ends with the link to their mail choices.
    """
    settings_url = links.settings_url() if isinstance(recipient, Member) else None
    with force_locale(language):
        rendered = render_template(
            f"mail/{template}.txt", recipient=recipient, settings_url=settings_url, **context
        )
        subject, _, body = rendered.strip().partition("\n")
        footer = ""
        if settings_url:
            footer = render_template("mail/_footer.txt", settings_url=settings_url).strip()
            body = body.strip() + "\n\n-- \n" + footer
        try:
            html = render_template(
                f"mail/{template}.html", recipient=recipient, settings_url=settings_url, subject=subject, **context
            )
        except TemplateNotFound:
            html = render_template("mail/_plain.html", subject=subject.strip(), body=text_to_html(body))
    return subject.strip()[:300], body.strip() + "\n", html


def text_to_html(text: str) -> Markup:
    """Plain mail text as HTML paragraphs, with its links clickable."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.strip()):
        escaped = str(escape(block))
        linked = _URL.sub(lambda m: f'<a href="{m.group(0)}">{m.group(0)}</a>', escaped)
        paragraphs.append("<p>" + linked.replace("\n", "<br>\n") + "</p>")
    return Markup("\n".join(paragraphs))  # noqa: S704 - built from escaped text above


def _pending(member_id: int) -> list[dict]:
    """Mails queued to a member in the current transaction (cleared on commit and rollback)."""
    return db.session.info.setdefault(_PENDING_KEY, {}).setdefault(member_id, [])


def _discard(mail: OutboxMail) -> None:
    state = inspect(mail)
    if state.pending:
        db.session.expunge(mail)
    elif state.persistent:
        db.session.delete(mail)


def _store(recipient: Member | str, template: str, language: str | None, context: dict) -> OutboxMail:
    address = recipient.email if isinstance(recipient, Member) else recipient
    if language is None:
        language = recipient.language if isinstance(recipient, Member) else "da"
    subject, body, html = render_mail(recipient, template, language, **context)
    mail = OutboxMail(recipient=address, subject=subject, body_text=body, body_html=html)
    db.session.add(mail)
    return mail


def queue_mail(recipient: Member | str, template: str, language: str | None = None, kind: str | None = None,
               **context) -> OutboxMail | None:
    """Render `templates/mail/<template>.txt` in the recipient's language into the outbox.

    The template's first line is the subject; `<template>.html`, when it exists, is the HTML
    part (else the text is turned into simple HTML). Nothing is sent here: `flask mail send`
    delivers after the surrounding transaction commits.

    A mail about an event (`kind`, or the kind of the `notify()` for the same member just
    before it in this transaction) obeys the member's choice: it is not queued when the
    member wants that kind in the digest or never, and returns None.
    """
    if not isinstance(recipient, Member):
        return _store(recipient, template, language, context)
    pending = _pending(recipient.id)
    if kind is None and pending and pending[-1]["notified"]:
        kind = pending[-1]["kind"]
    if kind is not None and preferences.delivery_for(recipient, kind) != preferences.IMMEDIATE:
        return None
    for entry in pending:
        # The specific mail replaces the generic one notify() wrote for the same event.
        if entry["generic"] and entry["kind"] == kind and entry["mail"] is not None:
            _discard(entry["mail"])
            entry["mail"] = None
    mail = _store(recipient, template, language, context)
    pending.append({"kind": kind, "mail": mail, "generic": False, "notified": False})
    return mail


def notify(member: Member, kind: str, text: str, url: str) -> Notification:
    """An in-app notification, and the mail the member's choice for `kind` asks for.

    `text` is written in the member's language by the caller. Kinds: reply, mention, sparring,
    meeting, moderation (finer kinds such as `sparring_offer` fall under their first word).
    When the member wants this kind immediately, a simple mail with `text` and the link is
    queued, unless the caller queues its own mail to the member for the event in the same
    transaction (before or after this call): then that one is sent instead. When the member
    wants the digest or nothing, no mail is queued (`flask mail digest` picks it up).
    """
    notification = Notification(member_id=member.id, kind=kind, text=text[:500], url=url[:300])
    db.session.add(notification)
    pending = _pending(member.id)
    delivery = preferences.delivery_for(member, kind) if member.active else preferences.NEVER
    earlier = [e for e in pending if not e["notified"] and e["kind"] in (None, kind) and e["mail"] is not None]
    if delivery != preferences.IMMEDIATE:
        for entry in earlier:  # the caller's own mail for this event, queued before notify()
            _discard(entry["mail"])
            entry["mail"] = None
        pending.append({"kind": kind, "mail": None, "generic": False, "notified": True})
        return notification
    if earlier:
        for entry in earlier:
            entry["kind"] = kind
        pending.append({"kind": kind, "mail": None, "generic": False, "notified": True})
        return notification
    mail = _store(member, "notification", None, {"text": text, "url": links.absolute(url)})
    pending.append({"kind": kind, "mail": mail, "generic": True, "notified": True})
    return notification


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_pending(session) -> None:
    session.info.pop(_PENDING_KEY, None)
