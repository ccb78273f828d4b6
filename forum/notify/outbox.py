"""Write mail and notifications as rows in the caller's transaction."""
from __future__ import annotations

import re

from flask import render_template
from flask_babel import force_locale
from jinja2 import TemplateNotFound
from markupsafe import Markup, escape

from forum.extensions import db
from forum.members.models import Member
from forum.notify import links, preferences
from forum.notify.models import Notification, OutboxMail

_URL = re.compile(r"https?://[^\s<>\"]+")


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


def queue_mail(recipient: Member | str, template: str, language: str | None = None, **context) -> OutboxMail:
    """Render `templates/mail/<template>.txt` in the recipient's language into the outbox.

    The template's first line is the subject; `<template>.html`, when it exists, is the HTML
    part (else the text is turned into simple HTML). Nothing is sent here: `flask mail send`
    delivers after the surrounding transaction commits.
    """
    address = recipient.email if isinstance(recipient, Member) else recipient
    if language is None:
        language = recipient.language if isinstance(recipient, Member) else "da"
    subject, body, html = render_mail(recipient, template, language, **context)
    mail = OutboxMail(recipient=address, subject=subject, body_text=body, body_html=html)
    db.session.add(mail)
    return mail


def notify(member: Member, kind: str, text: str, url: str) -> Notification:
    """An in-app notification, and a mail when the member wants this kind immediately.

    `text` is written in the member's language by the caller. Kinds: reply, mention, sparring,
    meeting, moderation (finer kinds such as `sparring_offer` fall under their first word).
    Do not also queue your own mail for the same event: the member's choice decides here.
    Events the member wants in the digest are picked up by `flask mail digest`.
    """
    notification = Notification(member_id=member.id, kind=kind, text=text[:500], url=url[:300])
    db.session.add(notification)
    if member.active and preferences.delivery_for(member, kind) == preferences.IMMEDIATE:
        queue_mail(member, "notification", text=text, url=links.absolute(url))
    return notification
