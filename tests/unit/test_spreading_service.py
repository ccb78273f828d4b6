"""Reuse records: one per organization and thread, history kept, only the organization moves it."""
from datetime import timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import func, select

from forum.auth import passwords
from forum.extensions import db
from forum.notify.models import Notification
from forum.spreading import service
from forum.spreading.models import ReuseRecord, ReuseStep
from tests import factories


@pytest.fixture(autouse=True)
def cheap_password_hashing(monkeypatch):
    """Argon2 at full strength costs most of these tests' time; they test reuse, not hashing."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture
def shared(member):
    author = factories.make_member("sofie@odense.dk", "Sofie Sørensen", "Odense Kommune")
    return factories.make_thread(author, title="Ældre hjælper ældre med tablets", route="share")


def phase(slug):
    return service.phase_by_slug(slug)


def test_first_reuse_starts_a_record_with_one_step(shared, member):
    step = service.record_reuse(shared, member, phase("tjek"), "Vi har læst om den.")
    record = step.record
    assert record.organization_id == member.organization_id
    assert record.phase.slug == "tjek"
    assert [(s.phase.slug, s.previous_phase_id, s.note, s.member_id) for s in record.steps] == [
        ("tjek", None, "Vi har læst om den.", member.id)
    ]


def test_second_reuse_from_the_same_organization_moves_the_record(shared, member):
    first = service.record_reuse(shared, member, phase("tjek"), "")
    started = first.record.moved_at
    colleague = factories.make_member("bo@aarhus.dk", "Bo Bech", "Aarhus Kommune")
    service.record_reuse(shared, colleague, phase("tilpas"), "Vi tilpasser til landdistrikter.")
    assert db.session.scalar(select(func.count(ReuseRecord.id))) == 1
    record = db.session.scalar(select(ReuseRecord))
    assert record.phase.slug == "tilpas"
    assert record.moved_at >= started
    history = [(s.phase.slug, s.member_id, s.note) for s in record.steps]
    assert history == [("tjek", member.id, ""), ("tilpas", colleague.id, "Vi tilpasser til landdistrikter.")]
    assert record.steps[1].previous_phase_id == phase("tjek").id


def test_each_organization_gets_its_own_record(shared, member, other_member):
    service.record_reuse(shared, member, phase("test"))
    service.record_reuse(shared, other_member, phase("hoest"))
    organizations = set(db.session.scalars(select(ReuseRecord.organization_id)))
    assert organizations == {member.organization_id, other_member.organization_id}


def test_a_member_cannot_move_another_organizations_record(shared, member, other_member):
    service.record_reuse(shared, member, phase("test"))
    with pytest.raises(service.NotAllowed):
        service.record_reuse(shared, other_member, phase("hoest"), organization=member.organization)
    record = db.session.scalar(select(ReuseRecord))
    assert record.phase.slug == "test"
    assert len(record.steps) == 1


def test_a_facilitator_may_move_any_organizations_record(shared, member, facilitator):
    service.record_reuse(shared, member, phase("test"))
    service.record_reuse(shared, facilitator, phase("implementer"), "Aftalt på mødet.",
                         organization=member.organization)
    record = db.session.scalar(select(ReuseRecord))
    assert record.organization_id == member.organization_id
    assert record.phase.slug == "implementer"
    assert record.steps[-1].member_id == facilitator.id


def test_same_phase_without_a_note_changes_nothing(shared, member):
    service.record_reuse(shared, member, phase("test"))
    with pytest.raises(service.NothingChanged):
        service.record_reuse(shared, member, phase("test"), "   ")
    assert db.session.scalar(select(func.count(ReuseStep.id))) == 1


def test_a_note_in_the_same_phase_is_history_but_not_a_move(shared, member):
    step = service.record_reuse(shared, member, phase("test"))
    record = step.record
    record.moved_at -= timedelta(days=3)
    db.session.commit()
    moved = record.moved_at
    service.record_reuse(shared, member, phase("test"), "Pilotforsøget er i gang.")
    db.session.refresh(record)
    assert record.moved_at == moved
    assert [s.note for s in record.steps] == ["", "Pilotforsøget er i gang."]
    assert record.steps[1].previous_phase_id == record.steps[1].phase_id


def test_a_thread_that_does_not_share_is_refused(member):
    thread = factories.make_thread(member, route="reuse")
    plain = factories.make_thread(member, title="Et spørgsmål", route=None)
    for target in (thread, plain):
        with pytest.raises(service.NotShared):
            service.record_reuse(target, member, phase("tjek"))
    assert db.session.scalar(select(func.count(ReuseRecord.id))) == 0


def test_the_note_is_cut_to_its_column(shared, member):
    step = service.record_reuse(shared, member, phase("tjek"), "x" * 2000)
    assert len(step.note) == 500


def test_the_author_hears_of_a_start_and_of_harvest_only(shared, member):
    def notes():
        return list(db.session.scalars(select(Notification).where(Notification.member_id == shared.author_id)
                                       .order_by(Notification.id)))

    service.record_reuse(shared, member, phase("tjek"))
    assert len(notes()) == 1
    assert "Aarhus Kommune" in notes()[0].text and notes()[0].url == f"/threads/{shared.id}#genbrug"
    service.record_reuse(shared, member, phase("test"))
    service.record_reuse(shared, member, phase("test"), "En note")
    assert len(notes()) == 1
    service.record_reuse(shared, member, phase("hoest"))
    assert len(notes()) == 2 and "Høst" in notes()[1].text


def test_the_sharing_organization_does_not_reuse_its_own_innovation(member, other_member, facilitator):
    own = factories.make_thread(member, title="Vores egen", route="share")
    colleague = factories.make_member("bo@aarhus.dk", "Bo Bech", "Aarhus Kommune")
    for who, organization in [(colleague, None), (facilitator, member.organization)]:
        with pytest.raises(service.OwnInnovation):
            service.record_reuse(own, who, phase("tjek"), organization=organization)
    assert db.session.scalar(select(func.count(ReuseRecord.id))) == 0
    service.record_reuse(own, other_member, phase("tjek"), notify_author=False)
    assert db.session.scalar(select(func.count(Notification.id))) == 0


def test_counts_per_phase_and_order_by_spread(member, other_member, facilitator):
    author = factories.make_member("sofie@odense.dk", "Sofie Sørensen", "Odense Kommune")
    little = factories.make_thread(author, title="Lidt spredt", route="share")
    much = factories.make_thread(author, title="Meget spredt", route="share")
    far = factories.make_thread(author, title="Langt nået", route="share")
    untouched = factories.make_thread(author, title="Ikke genbrugt endnu", route="share")
    factories.make_thread(author, title="Ikke delt", route="reuse")
    service.record_reuse(little, member, phase("tjek"))
    service.record_reuse(much, member, phase("test"))
    service.record_reuse(much, other_member, phase("test"))
    service.record_reuse(much, facilitator, phase("hoest"))
    service.record_reuse(far, member, phase("hoest"))

    pagination, spreads = service.spread_page(member)
    assert [s.thread.title for s in spreads] == ["Meget spredt", "Langt nået", "Lidt spredt", untouched.title]
    assert pagination.total == 4
    by_title = {s.thread.title: s for s in spreads}
    assert by_title["Meget spredt"].per_phase == {"test": 2, "hoest": 1}
    assert by_title["Meget spredt"].total == 3
    assert by_title[untouched.title].per_phase == {}
    assert service.organizations_per_phase(member) == {"tjek": 1, "test": 2, "hoest": 2}

    _pagination, in_harvest = service.spread_page(member, phase=phase("hoest"))
    assert [s.thread.title for s in in_harvest] == ["Meget spredt", "Langt nået"]


def test_hidden_shared_threads_are_left_out_for_members(member, other_member, facilitator):
    thread = factories.make_thread(other_member, title="Skjult deling", route="share")
    service.record_reuse(thread, member, phase("tjek"))
    thread.hidden = True
    db.session.commit()
    assert service.spread_page(member)[1] == []
    assert service.organizations_per_phase(member) == {}
    assert service.visible_shared_thread(member, thread.id) is None
    assert [s.thread.id for s in service.spread_page(facilitator)[1]] == [thread.id]
