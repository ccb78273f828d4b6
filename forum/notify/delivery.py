"""Deliver the outbox. The default backend writes each mail to the log."""
from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import select

from forum.extensions import db
from forum.notify.models import OutboxMail


def pending(now: datetime, limit: int = 100) -> list[OutboxMail]:
    return list(
        db.session.scalars(
            select(OutboxMail)
            .where(OutboxMail.sent_at.is_(None), OutboxMail.next_attempt_at <= now)
            .order_by(OutboxMail.id)
            .limit(limit)
        )
    )


def log_backend(mail: OutboxMail) -> None:
    current_app.logger.info(
        "mail to %s: %s\n%s", mail.recipient, mail.subject, mail.body_text
    )


def deliver_pending(send=None) -> tuple[int, int]:
    """Send what is due; return (sent, failed). Each mail is committed on its own."""
    send = send or log_backend
    sent = failed = 0
    for mail in pending(datetime.now(UTC)):
        try:
            send(mail)
        except Exception as error:  # noqa: BLE001 - any failure is retried later
            mail.attempts += 1
            mail.last_error = str(error)[:1000]
            failed += 1
        else:
            mail.sent_at = datetime.now(UTC)
            sent += 1
        db.session.commit()
    return sent, failed
