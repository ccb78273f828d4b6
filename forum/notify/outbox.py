"""Write mail and notifications as rows in the caller's transaction."""
from __future__ import annotations

from flask import render_template
from flask_babel import force_locale

from forum.extensions import db
from forum.members.models import Member
from forum.notify.models import Notification, OutboxMail


def queue_mail(recipient: Member | str, template: str, language: str | None = None, **context) -> OutboxMail:
    """Render `templates/mail/<template>.txt` in the recipient's language into the outbox.

    The template's first line is the subject. Nothing is sent here: `flask mail send`
    delivers after the surrounding transaction commits.
    """
    address = recipient.email if isinstance(recipient, Member) else recipient
    if language is None:
        language = recipient.language if isinstance(recipient, Member) else "da"
    with force_locale(language):
        rendered = render_template(f"mail/{template}.txt", recipient=recipient, **context)
    subject, _, body = rendered.strip().partition("\n")
    mail = OutboxMail(recipient=address, subject=subject.strip()[:300], body_text=body.strip() + "\n")
    db.session.add(mail)
    return mail


def notify(member: Member, kind: str, text: str, url: str) -> Notification:
    notification = Notification(member_id=member.id, kind=kind, text=text[:500], url=url[:300])
    db.session.add(notification)
    return notification
