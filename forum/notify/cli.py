"""flask mail send."""
import click
from flask.cli import with_appcontext

from forum.notify.delivery import deliver_pending


@click.group("mail")
def mail():
    """Outgoing mail."""


@mail.command("send")
@with_appcontext
def send():
    """Deliver pending mail from the outbox."""
    sent, failed = deliver_pending()
    click.echo(f"{sent} sent, {failed} failed (will be retried).")
