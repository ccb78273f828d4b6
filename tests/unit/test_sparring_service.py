"""The life cycle of a sparring request: its rules, notifications and outbox rows."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from forum.extensions import db
from forum.notify.models import Notification, OutboxMail
from forum.sparring import profiles, service
from forum.sparring.models import SparringOffer, SparringRequest
from tests.unit import sparring_people

# Password-less members (these tests never log in): the same fixture names as tests/conftest.py.
carol = sparring_people.carol
facilitator = sparring_people.facilitator
member = sparring_people.member
other_member = sparring_people.other_member


def ask(requester, recipients=(), **overrides):
    fields = dict(title="Sparring på gevinstrealisering af velfærdsteknologi",
                  body="Hvordan gør **I** gevinsterne op?", phase_slugs=["test"], channels=["phone"],
                  recipient_ids=[m.id for m in recipients])
    fields.update(overrides)
    return service.create_request(requester, **fields)


def count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_create_directed_request(member, carol):
    request = ask(member, [carol], channels=["meeting", "phone"], answer_by=date.today() + timedelta(days=7))
    assert request.status == "open"
    assert not request.open_to_all
    assert request.recipients == [carol]
    assert [p.slug for p in request.phases] == ["test"]
    assert request.channels == "phone,meeting"
    assert "<strong>I</strong>" in request.body_html


def test_request_body_is_sanitized(member):
    request = ask(member, body="Hej <script>alert(1)</script> [x](javascript:alert(1))")
    assert "<script" not in request.body_html
    assert "javascript:" not in request.body_html


@pytest.mark.parametrize("overrides, message", [
    ({"title": "   "}, "overskrift"),
    ({"body": ""}, "Beskriv"),
    ({"phase_slugs": []}, "fase"),
    ({"phase_slugs": ["nope"]}, "Ukendt fase"),
    ({"channels": []}, "måde"),
    ({"channels": ["fax"]}, "Ukendt"),
    ({"answer_by": date.today() - timedelta(days=1)}, "før i dag"),
    ({"title": "x" * 201}, "højst"),
])
def test_create_request_refuses_bad_input(member, overrides, message):
    with pytest.raises(service.SparringError, match=message):
        ask(member, **overrides)
    assert count(SparringRequest) == 0


def test_cannot_direct_a_request_at_yourself_or_an_inactive_member(member, carol):
    with pytest.raises(service.SparringError):
        ask(member, [member])
    carol.active = False
    db.session.commit()
    with pytest.raises(service.SparringError):
        ask(member, [carol])
    assert count(SparringRequest) == 0


def test_directed_request_notifies_recipients_in_app_and_by_mail(member, carol, other_member):
    request = ask(member, [carol])
    notes = db.session.scalars(select(Notification).where(Notification.kind == "sparring_request")).all()
    assert [(n.member_id, n.url) for n in notes] == [(carol.id, f"/sparring/{request.id}")]
    mail = db.session.scalars(select(OutboxMail).where(OutboxMail.recipient == carol.email)).one()
    assert "Alice Andersen" in mail.subject
    assert f"/sparring/{request.id}" in mail.body_text
    assert count(OutboxMail, OutboxMail.recipient == other_member.email) == 0


def test_open_request_notifies_members_whose_profile_knows_the_phases(member, carol, other_member):
    profiles.save_profile(carol, open_now=True, phase_slugs=["test"])
    profiles.save_profile(other_member, open_now=True, phase_slugs=["hoest"])
    ask(member)
    notified = db.session.scalars(select(Notification.member_id).where(Notification.kind == "sparring_request")).all()
    assert notified == [carol.id]


def test_offer_notifies_requester(member, carol):
    request = ask(member, [carol])
    service.make_offer(request, carol, "Ring til mig, så tager vi en snak.")
    note = db.session.scalars(select(Notification).where(Notification.kind == "sparring_offer")).one()
    assert note.member_id == member.id
    mail = db.session.scalars(select(OutboxMail).where(OutboxMail.recipient == member.email)).one()
    assert "Ring til mig" in mail.body_text


def test_no_offer_on_your_own_request(member):
    request = ask(member)
    with pytest.raises(service.SparringForbidden):
        service.make_offer(request, member, "Jeg kan selv!")
    assert count(SparringOffer) == 0


def test_only_recipients_offer_on_a_directed_request(member, carol, other_member, facilitator):
    request = ask(member, [carol])
    for outsider in (other_member, facilitator):
        with pytest.raises(service.SparringForbidden):
            service.make_offer(request, outsider, "Jeg vil gerne.")
    assert count(SparringOffer) == 0


def test_one_offer_per_member(member, carol):
    request = ask(member)
    service.make_offer(request, carol, "Første")
    with pytest.raises(service.SparringError, match="allerede"):
        service.make_offer(request, carol, "Anden")
    assert count(SparringOffer) == 1


def test_no_offer_on_a_closed_request(member, carol):
    request = ask(member)
    service.close_request(request, member)
    with pytest.raises(service.SparringError, match="lukket"):
        service.make_offer(request, carol, "For sent?")
    assert count(SparringOffer) == 0


def test_accept_matches_and_tells_both_parties_with_contact_details(member, carol, other_member):
    member.phone = "+45 11 22 33 44"
    db.session.commit()
    request = ask(member)
    offer = service.make_offer(request, carol, "Gerne!")
    other = service.make_offer(request, other_member, "Også mig.")
    service.accept_offer(request, offer, member)
    assert request.status == "matched" and request.matched_at is not None
    assert offer.accepted and not other.accepted
    to_carol = db.session.scalars(select(OutboxMail).where(OutboxMail.recipient == carol.email)).one()
    assert member.email in to_carol.body_text and "+45 11 22 33 44" in to_carol.body_text
    to_alice = db.session.scalars(
        select(OutboxMail).where(OutboxMail.recipient == member.email, OutboxMail.subject.contains("sat sammen"))
    ).one()
    assert carol.email in to_alice.body_text and "+45 20 30 40 50" in to_alice.body_text
    kinds = dict(db.session.execute(
        select(Notification.member_id, Notification.kind).where(Notification.kind.in_(["sparring_accepted", "sparring_matched"]))
    ).all())
    assert kinds == {member.id: "sparring_accepted", carol.id: "sparring_accepted", other_member.id: "sparring_matched"}


def test_only_the_requester_accepts(member, carol, other_member):
    request = ask(member)
    offer = service.make_offer(request, carol, "Gerne!")
    for someone in (carol, other_member):
        with pytest.raises(service.SparringForbidden):
            service.accept_offer(request, offer, someone)
    assert request.status == "open" and not offer.accepted


def test_no_accepting_an_offer_of_another_request(member, carol):
    first, second = ask(member), ask(member, title="En anden anmodning")
    offer = service.make_offer(second, carol, "Gerne!")
    with pytest.raises(service.SparringError):
        service.accept_offer(first, offer, member)
    assert not offer.accepted and first.status == "open"


def test_no_accepting_on_a_closed_request(member, carol):
    request = ask(member)
    offer = service.make_offer(request, carol, "Gerne!")
    service.close_request(request, member)
    with pytest.raises(service.SparringError, match="lukket"):
        service.accept_offer(request, offer, member)
    assert not offer.accepted


def test_accept_only_once(member, carol, other_member):
    request = ask(member)
    first = service.make_offer(request, carol, "Gerne!")
    second = service.make_offer(request, other_member, "Også mig")
    service.accept_offer(request, first, member)
    with pytest.raises(service.SparringError):
        service.accept_offer(request, second, member)
    assert not second.accepted


def test_close_by_requester_or_facilitator_only(member, carol, facilitator):
    request = ask(member, [carol])
    with pytest.raises(service.SparringForbidden):
        service.close_request(request, carol)
    service.close_request(request, facilitator)
    assert request.status == "closed" and request.closed_by_id == facilitator.id
    with pytest.raises(service.SparringError, match="allerede"):
        service.close_request(request, member)


def test_close_tells_everyone_involved(member, carol, other_member):
    request = ask(member, [carol, other_member])
    service.make_offer(request, carol, "Gerne!")
    service.close_request(request, member, "Vi lærte at tælle *minutter*.")
    notified = set(db.session.scalars(select(Notification.member_id).where(Notification.kind == "sparring_closed")))
    assert notified == {carol.id, other_member.id}
    assert "<em>minutter</em>" in request.learning_html


def test_publish_learning_as_thread(member, carol):
    from forum.threads.models import Thread

    request = ask(member, phase_slugs=["test", "hoest"])
    with pytest.raises(service.SparringError):
        service.publish_learning(request, member)  # not closed yet
    service.close_request(request, member, "Tal med økonomerne fra dag ét.")
    with pytest.raises(service.SparringForbidden):
        service.publish_learning(request, carol)
    thread = service.publish_learning(request, member)
    assert request.learning_thread_id == thread.id
    assert thread.title.startswith("Læring fra sparring")
    assert [p.slug for p in db.session.get(Thread, thread.id).phases] == ["test", "hoest"]
    with pytest.raises(service.SparringError, match="allerede"):
        service.publish_learning(request, member)


def test_profile_save_and_refuse_unknown_phase(member):
    profile = profiles.save_profile(member, open_now=True, phase_slugs=["tjek", "hoest"], note="  Gevinster  ")
    assert [p.slug for p in profile.phases] == ["tjek", "hoest"] and profile.note == "Gevinster"
    with pytest.raises(service.SparringError):
        profiles.save_profile(member, open_now=True, phase_slugs=["nope"])
    profiles.save_profile(member, open_now=False, phase_slugs=[])
    assert profiles.profile_of(member).phases == []
