"""notify() and queue_mail() together: one mail per event, as the member's choice says."""
from __future__ import annotations

from sqlalchemy import func, select

from forum.extensions import db
from forum.notify import preferences
from forum.notify.models import Notification, OutboxMail
from forum.notify.outbox import notify, queue_mail


def mails() -> list[OutboxMail]:
    return list(db.session.scalars(select(OutboxMail).order_by(OutboxMail.id)))


def choose(member, **values):
    preferences.save_choices(member, values)
    db.session.commit()


def test_notify_alone_queues_a_simple_mail(app, member):
    notify(member, "reply", "Bo har svaret i »Tråd«", "/threads/1#post-2")
    db.session.commit()
    [mail] = mails()
    assert mail.recipient == member.email
    assert "Bo har svaret" in mail.subject
    assert "/threads/1#post-2" in mail.body_text
    assert "/notifications/settings" in mail.body_text
    assert db.session.scalar(select(func.count(Notification.id))) == 1


def test_own_mail_after_notify_replaces_the_simple_one(app, member):
    notify(member, "sparring_offer", "Nyt tilbud", "/sparring/1")
    queue_mail(member, "notification", text="Særlig mail", url="http://x/sparring/1")
    db.session.commit()
    [mail] = mails()
    assert "Særlig mail" in mail.body_text


def test_own_mail_before_notify_is_the_only_mail(app, member):
    queue_mail(member, "notification", text="Påmindelse om mødet", url="http://x/meetings/1")
    notify(member, "meeting_reminder", "Påmindelse", "/meetings/1")
    db.session.commit()
    [mail] = mails()
    assert "Påmindelse om mødet" in mail.body_text


def test_never_and_digest_choices_queue_no_mail_in_any_order(app, member):
    choose(member, meeting="never", sparring="digest", reply="never")
    queue_mail(member, "notification", text="Påmindelse", url="http://x/meetings/1")
    notify(member, "meeting_reminder", "Påmindelse", "/meetings/1")
    notify(member, "sparring_request", "Ny anmodning", "/sparring/1")
    assert queue_mail(member, "notification", text="Anmodning", url="http://x/sparring/1") is None
    notify(member, "reply", "Svar", "/threads/1")
    db.session.commit()
    assert mails() == []
    assert db.session.scalar(select(func.count(Notification.id))) == 3


def test_mail_outside_an_event_is_always_queued(app, member):
    choose(member, reply="never", mention="never", sparring="never", meeting="never", moderation="never")
    queue_mail(member, "notification", text="Nulstil adgangskode", url="http://x/reset")
    db.session.commit()
    assert len(mails()) == 1


def test_pending_state_ends_with_the_transaction(app, member):
    notify(member, "reply", "Svar", "/threads/1")
    db.session.commit()
    queue_mail(member, "notification", text="Ny mail", url="http://x")
    db.session.commit()
    assert len(mails()) == 2


def test_mail_in_the_members_language(app, member):
    member.language = "en"
    db.session.commit()
    notify(member, "reply", "Bo replied", "/threads/1")
    db.session.commit()
    [mail] = mails()
    assert "Choose which mails" in mail.body_text or "/notifications/settings" in mail.body_text


def test_unknown_kind_defaults_to_immediate(app, member):
    assert preferences.kind_group("reuse") is None
    assert preferences.delivery_for(member, "reuse") == preferences.IMMEDIATE
    assert preferences.kind_group("sparring_offer") == "sparring"
    assert preferences.kind_group("meeting.reminder") == "meeting"


def test_choices_ignore_unknown_values(app, member):
    choose(member, reply="sometimes", new_threads="immediate", mention="digest", bogus="never")
    current = preferences.choices(member)
    assert current["reply"] == "immediate"
    assert current["new_threads"] == "never"
    assert current["mention"] == "digest"
    assert preferences.wants_digest(member)
