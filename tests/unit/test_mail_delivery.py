"""Outbox delivery over real SMTP (aiosmtpd): retry with backoff, nothing lost, nothing twice."""
from __future__ import annotations

import email
import socket
from datetime import UTC, datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from forum.extensions import db
from forum.notify import delivery
from forum.notify.models import OutboxMail
from forum.notify.outbox import queue_mail

pytestmark = pytest.mark.slow


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(app):
    inbox = Inbox()
    port = free_port()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_SENDER="Netværket <noreply@example.dk>")
    servers = []

    def start():
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        servers.append(controller)

    def stop():
        servers.pop().stop()

    inbox.start, inbox.stop = start, stop
    yield inbox
    while servers:
        stop()


def test_backoff_grows_and_is_capped():
    assert delivery.backoff(1) == timedelta(minutes=1)
    assert delivery.backoff(2) == timedelta(minutes=2)
    assert delivery.backoff(4) == timedelta(minutes=8)
    assert delivery.backoff(50) == delivery.BACKOFF_MAX


def test_mail_survives_a_stopped_server_and_arrives_exactly_once(app, member, other_member, smtp):
    queue_mail(member, "notification", text="Første besked", url="http://x/1")
    queue_mail(other_member, "notification", text="Anden besked", url="http://x/2")
    queue_mail("extern@example.dk", "notification", text="Tredje", url="http://x/3")
    db.session.commit()

    # The server is down: every mail fails, counts an attempt and waits for its retry.
    now = datetime.now(UTC)
    assert delivery.deliver_pending(now=now) == (0, 3)
    rows = list(db.session.scalars(select(OutboxMail).order_by(OutboxMail.id)))
    assert all(r.sent_at is None and r.attempts == 1 and r.last_error for r in rows)
    assert all(r.next_attempt_at > now for r in rows)

    smtp.start()
    # Not due yet: the backoff holds them back even though the server is up.
    assert delivery.deliver_pending(now=now) == (0, 0)
    assert smtp.messages == []

    later = now + timedelta(minutes=2)
    assert delivery.deliver_pending(now=later) == (3, 0)
    assert delivery.deliver_pending(now=later + timedelta(days=1)) == (0, 0)

    assert sorted(m["To"] for m in smtp.messages) == sorted([member.email, other_member.email, "extern@example.dk"])
    assert len({m["Message-ID"] for m in smtp.messages}) == 3
    rows = list(db.session.scalars(select(OutboxMail)))
    assert all(r.sent_at is not None for r in rows)


def test_failure_after_restart_is_retried_again_with_longer_backoff(app, member, smtp):
    queue_mail(member, "notification", text="Hej", url="http://x/1")
    db.session.commit()
    now = datetime.now(UTC)
    delivery.deliver_pending(now=now)
    delivery.deliver_pending(now=now + timedelta(minutes=1, seconds=1))
    row = db.session.scalar(select(OutboxMail))
    assert row.attempts == 2
    assert row.next_attempt_at >= now + timedelta(minutes=3)
    smtp.start()
    assert delivery.deliver_pending(now=now + timedelta(hours=1)) == (1, 0)
    assert len(smtp.messages) == 1


def test_message_has_plain_text_and_html_parts_and_settings_link(app, member, smtp):
    smtp.start()
    queue_mail(member, "notification", text="Bo svarede i <Tråden>", url="http://x/threads/1")
    db.session.commit()
    assert delivery.deliver_pending() == (1, 0)
    message = smtp.messages[0]
    assert message.is_multipart()
    parts = {part.get_content_type(): part.get_payload(decode=True).decode() for part in message.walk()
             if not part.is_multipart()}
    assert "Bo svarede i <Tråden>" in parts["text/plain"]
    assert "/notifications/settings" in parts["text/plain"]
    assert "Bo svarede i &lt;Tråden&gt;" in parts["text/html"]
    assert 'href="http://x/threads/1"' in parts["text/html"]


def test_a_claimed_mail_is_not_claimed_by_a_second_worker(app, member):
    queue_mail(member, "notification", text="Hej", url="http://x/1")
    db.session.commit()
    now = datetime.now(UTC)
    first = delivery.claim_due(now)
    second = delivery.claim_due(now)
    assert len(first) == 1 and second == []
    # A worker that died holding the claim only delays the mail until the lease ends.
    assert delivery.claim_due(now + delivery.CLAIM_LEASE + timedelta(seconds=1)) == first


def test_log_backend_without_mail_server(app, member, caplog):
    app.config["MAIL_SERVER"] = None
    queue_mail(member, "notification", text="Hej log", url="http://x/1")
    db.session.commit()
    with caplog.at_level("INFO"):
        assert delivery.deliver_pending() == (1, 0)
    assert "Hej log" in caplog.text


def test_mail_send_command(app, member, smtp):
    smtp.start()
    queue_mail(member, "notification", text="Via kommandoen", url="http://x/1")
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["mail", "send"])
    assert result.exit_code == 0, result.output
    assert "1 sent, 0 failed" in result.output
    assert len(smtp.messages) == 1


def test_watch_mode_delivers_and_stops(app, member, smtp):
    from forum.notify.cli import watch_outbox

    smtp.start()
    queue_mail(member, "notification", text="Vagt", url="http://x/1")
    db.session.commit()
    watch_outbox(interval=0.1, rounds=2)
    assert len(smtp.messages) == 1
