"""flask mail send [--watch], flask mail digest."""
from __future__ import annotations

import signal
import time

import click
from flask import current_app
from flask.cli import with_appcontext

from forum.extensions import db
from forum.notify.delivery import BATCH, deliver_pending


@click.group("mail")
def mail():
    """Outgoing mail."""


@mail.command("send")
@click.option("--watch", is_flag=True, help="Keep running and deliver new mail as it arrives (for systemd).")
@click.option("--interval", default=10.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds between looks at the outbox in --watch mode.")
@with_appcontext
def send(watch: bool, interval: float):
    """Deliver pending mail from the outbox."""
    if not watch:
        sent, failed = deliver_pending()
        click.echo(f"{sent} sent, {failed} failed (will be retried).")
        return
    watch_outbox(interval)


def watch_outbox(interval: float, rounds: int | None = None) -> None:
    """Deliver until SIGTERM or SIGINT; `rounds` limits the loop (tests)."""
    stopping = {"now": False}

    def stop(_signum, _frame):
        stopping["now"] = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    click.echo(f"Watching the outbox every {interval:g} s; stop with SIGTERM or Ctrl-C.")
    done = 0
    try:
        while not stopping["now"] and (rounds is None or done < rounds):
            try:
                sent, failed = deliver_pending()
            except Exception:  # noqa: BLE001 - e.g. the database restarting: log, wait, try again
                current_app.logger.exception("mail delivery round failed; retrying")
                db.session.rollback()
                sent = failed = 0
            done += 1
            if sent or failed:
                click.echo(f"{sent} sent, {failed} failed (will be retried).")
            db.session.remove()  # a fresh connection and no stale objects next round
            if sent + failed >= BATCH:
                continue  # more is waiting
            slept = 0.0
            while slept < interval and not stopping["now"] and (rounds is None or done < rounds):
                time.sleep(min(0.2, interval))
                slept += 0.2
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    click.echo("Stopped.")


@mail.command("digest")
@with_appcontext
def digest():
    """Queue the daily digest for every member who chose one (run once a day)."""
    from forum.notify.digest import queue_digests

    queued = queue_digests()
    click.echo(f"{queued} digests queued.")


@mail.command("schedule")
@with_appcontext
def schedule():
    """Queue scheduled mail: meeting reminders a week before each meeting (run once a day)."""
    from forum.meetings.reminders import queue_meeting_reminders

    queued = queue_meeting_reminders()
    click.echo(f"{queued} meeting reminders queued.")
