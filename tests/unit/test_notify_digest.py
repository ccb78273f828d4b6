"""The daily digest: opt-in, only what the member may see, each event once."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from forum.db import utcnow
from forum.extensions import db
from forum.moderation import hide
from forum.notify import digest, preferences
from forum.notify.models import OutboxMail
from tests.factories import make_reply, make_thread


def digest_mails(member) -> list[OutboxMail]:
    return list(db.session.scalars(
        select(OutboxMail).where(OutboxMail.recipient == member.email, OutboxMail.subject.like("Dagens nyt%"))
    ))


def opt_in(member, **values):
    preferences.save_choices(member, values)
    db.session.commit()


def test_digest_lists_visible_threads_by_phase_and_watched_replies(app, member, other_member, facilitator):
    opt_in(member, reply="digest", new_threads="digest")
    watched = make_thread(member, title="Min egen tråd om borgerdialog", phases=("tjek",))
    make_reply(watched, other_member, body="Et synligt svar")
    hidden_reply = make_reply(watched, other_member, body="Et skjult svar")
    hide.hide_post(hidden_reply, facilitator, "Upassende")
    make_thread(other_member, title="Ny tråd om velfærdsteknologi", phases=("tjek",))
    secret = make_thread(other_member, title="Skjult tråd om noget andet")
    secret.hidden = True
    db.session.commit()

    assert digest.queue_digests(now=utcnow() + timedelta(minutes=1)) == 1
    [mail] = digest_mails(member)
    assert "Ny tråd om velfærdsteknologi" in mail.body_text
    assert "Min egen tråd om borgerdialog" in mail.body_text  # replies section
    assert "1 nyt svar" in mail.body_text
    assert "Skjult tråd" not in mail.body_text and "Skjult tråd" not in mail.body_html
    assert "/notifications/settings" in mail.body_text and "/notifications/settings" in mail.body_html
    assert "Ny tråd om velfærdsteknologi" in mail.body_html


def test_no_digest_without_opt_in(app, member, other_member):
    make_thread(other_member, title="Noget nyt")
    assert digest.queue_digests(now=utcnow() + timedelta(minutes=1)) == 0
    assert digest_mails(member) == []


def test_choices_decide_the_sections(app, member, other_member):
    opt_in(member, reply="digest", new_threads="never")
    make_thread(other_member, title="Ikke valgt")
    assert digest.queue_digests(now=utcnow() + timedelta(minutes=1)) == 0


def test_one_digest_a_day_and_each_event_once(app, member, other_member):
    opt_in(member, new_threads="digest")
    make_thread(other_member, title="Første tråd")
    now = utcnow() + timedelta(minutes=1)
    assert digest.queue_digests(now=now) == 1
    assert digest.queue_digests(now=now + timedelta(hours=1)) == 0
    later = make_thread(other_member, title="Anden tråd")
    later.created_at = now + timedelta(hours=2)  # written after the first digest
    db.session.commit()
    assert digest.queue_digests(now=now + timedelta(hours=21)) == 1
    second = digest_mails(member)[-1]
    assert "Anden tråd" in second.body_text and "Første tråd" not in second.body_text


def test_digest_events_from_notifications(app, member, other_member, facilitator):
    opt_in(member, moderation="digest")
    thread = make_thread(member, title="Tråd")
    reply = make_reply(thread, member, body="Mit svar")
    hide.hide_post(reply, facilitator, "For skarpt")
    # Chosen for the digest: no immediate mail about it...
    assert not [m for m in db.session.scalars(select(OutboxMail)) if "skjult" in m.subject.lower()]
    assert digest.queue_digests(now=utcnow() + timedelta(minutes=1)) == 1
    [mail] = digest_mails(member)
    assert "For skarpt" in mail.body_text


def test_suspended_members_get_no_digest(app, member, other_member):
    opt_in(member, new_threads="digest")
    member.suspended_until = utcnow() + timedelta(days=3)
    db.session.commit()
    make_thread(other_member, title="Noget")
    assert digest.queue_digests(now=utcnow() + timedelta(minutes=1)) == 0


def test_digest_in_english(app, member, other_member):
    member.language = "en"
    opt_in(member, new_threads="digest")
    make_thread(other_member, title="Tråd")
    digest.queue_digests(now=utcnow() + timedelta(minutes=1))
    mail = db.session.scalar(select(OutboxMail).where(OutboxMail.recipient == member.email))
    assert mail is not None


def test_mail_digest_command(app, member, other_member):
    opt_in(member, new_threads="digest")
    make_thread(other_member, title="Via kommandoen")
    result = app.test_cli_runner().invoke(args=["mail", "digest"])
    assert result.exit_code == 0, result.output
    assert "digests queued" in result.output
