"""Deliver the outbox: over SMTP when FORUM_MAIL_SERVER is set, else to the log.

Each mail is first claimed (its next attempt moved a lease ahead, in a committed
transaction that only succeeds for one worker), then sent, then marked sent and committed
right after the SMTP server accepted it. A failure counts an attempt and schedules the next
one with exponential backoff; nothing is ever dropped. A worker that dies holding a claim
only delays the mail until the lease runs out.
"""
from __future__ import annotations

import smtplib
import ssl
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import formataddr, formatdate, parseaddr

from flask import current_app
from sqlalchemy import select, update

from forum.extensions import db
from forum.notify.models import OutboxMail

BATCH = 50
CLAIM_LEASE = timedelta(minutes=10)
BACKOFF_FIRST = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=6)
SMTP_TIMEOUT = 30


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 ... minutes after the 1st, 2nd, 3rd, 4th failure; at most six hours."""
    delay = BACKOFF_FIRST * (2 ** max(attempts - 1, 0)) if attempts < 20 else BACKOFF_MAX
    return min(delay, BACKOFF_MAX)


def pending(now: datetime, limit: int = BATCH) -> list[OutboxMail]:
    return list(
        db.session.scalars(
            select(OutboxMail)
            .where(OutboxMail.sent_at.is_(None), OutboxMail.next_attempt_at <= now)
            .order_by(OutboxMail.id)
            .limit(limit)
        )
    )


def claim_due(now: datetime, limit: int = BATCH) -> list[int]:
    """Claim up to `limit` due mails for this worker; return their ids."""
    query = (
        select(OutboxMail.id)
        .where(OutboxMail.sent_at.is_(None), OutboxMail.next_attempt_at <= now)
        .order_by(OutboxMail.id)
        .limit(limit)
    )
    if db.engine.dialect.name == "postgresql":
        # Rows another worker is claiming right now are skipped, not waited for.
        query = query.with_for_update(skip_locked=True)
    claimed = []
    for mail_id in list(db.session.scalars(query)):
        # Conditional update: only one worker can move a due mail's next attempt ahead.
        result = db.session.execute(
            update(OutboxMail)
            .where(OutboxMail.id == mail_id, OutboxMail.sent_at.is_(None), OutboxMail.next_attempt_at <= now)
            .values(next_attempt_at=now + CLAIM_LEASE)
        )
        if result.rowcount == 1:
            claimed.append(mail_id)
    db.session.commit()
    return claimed


def build_message(mail: OutboxMail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = mail.subject
    name, address = parseaddr(sender)
    message["From"] = formataddr((name, address))
    message["To"] = mail.recipient
    message["Date"] = formatdate(localtime=False)
    domain = address.rpartition("@")[2] or "localhost"
    # Stable per outbox row, so a receiver can recognise a resend after a crash.
    message["Message-ID"] = f"<outbox-{mail.id}-{int(mail.created_at.timestamp())}@{domain}>"
    message.set_content(mail.body_text)
    if mail.body_html:
        message.add_alternative(mail.body_html, subtype="html")
    return message


def _flag(value) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    return bool(value)


class SmtpSender:
    """One SMTP connection reused for a batch; reconnects after a failure."""

    def __init__(self, config):
        self.host = config["MAIL_SERVER"]
        self.port = int(config.get("MAIL_PORT") or 25)
        self.use_ssl = _flag(config.get("MAIL_USE_SSL"))
        self.use_tls = _flag(config.get("MAIL_USE_TLS"))
        self.username = config.get("MAIL_USERNAME")
        self.password = config.get("MAIL_PASSWORD")
        self.sender = config.get("MAIL_SENDER") or "noreply@localhost"
        self.connection: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        context = ssl.create_default_context()
        if self.use_ssl:
            connection = smtplib.SMTP_SSL(self.host, self.port, timeout=SMTP_TIMEOUT, context=context)
        else:
            connection = smtplib.SMTP(self.host, self.port, timeout=SMTP_TIMEOUT)
            if self.use_tls:
                connection.starttls(context=context)
        if self.username:
            connection.login(self.username, self.password or "")
        return connection

    def __call__(self, mail: OutboxMail) -> None:
        if self.connection is None:
            self.connection = self._connect()
        try:
            self.connection.send_message(build_message(mail, self.sender))
        except Exception:
            self.close()
            raise

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.quit()
            except Exception:  # noqa: BLE001, S110 - the connection is gone either way
                pass
            self.connection = None


def log_backend(mail: OutboxMail) -> None:
    current_app.logger.info("mail to %s: %s\n%s", mail.recipient, mail.subject, mail.body_text)


def default_sender():
    if current_app.config.get("MAIL_SERVER"):
        return SmtpSender(current_app.config)
    return log_backend


def deliver_pending(send=None, now: datetime | None = None, limit: int = BATCH) -> tuple[int, int]:
    """Send what is due; return (sent, failed). Each mail is committed on its own."""
    sender = send or default_sender()
    now = now or datetime.now(UTC)
    sent = failed = 0
    try:
        for mail_id in claim_due(now, limit):
            mail = db.session.get(OutboxMail, mail_id)
            try:
                sender(mail)
            except Exception as error:  # noqa: BLE001 - any failure is retried later
                mail.attempts += 1
                mail.last_error = f"{type(error).__name__}: {error}"[:1000]
                mail.next_attempt_at = now + backoff(mail.attempts)
                failed += 1
                current_app.logger.warning("mail %s to %s failed (attempt %s): %s",
                                           mail.id, mail.recipient, mail.attempts, mail.last_error)
            else:
                mail.sent_at = datetime.now(UTC)
                sent += 1
            db.session.commit()
    finally:
        if hasattr(sender, "close"):
            sender.close()
    return sent, failed
