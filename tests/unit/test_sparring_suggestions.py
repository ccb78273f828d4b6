"""Finding peers by sparring profile and by who writes most in threads with the phases; the for-me list."""
from forum.extensions import db
from forum.sparring import panels, profiles, queries, service
from forum.sparring.suggestions import suggest_peers
from forum.threads.models import Phase
from forum.threads.service import reply, start_thread
from tests.unit import sparring_people

# Password-less members (these tests never log in): the same fixture names as tests/conftest.py.
carol = sparring_people.carol
facilitator = sparring_people.facilitator
member = sparring_people.member
other_member = sparring_people.other_member


def phases(*slugs):
    return [db.session.query(Phase).filter_by(slug=slug).one() for slug in slugs]


def test_profile_members_open_now_come_first(member, carol, other_member):
    profiles.save_profile(carol, open_now=True, phase_slugs=["test"], note="Gevinstrealisering")
    profiles.save_profile(other_member, open_now=False, phase_slugs=["test"])
    found = suggest_peers(member, phases("test"))
    assert [s.member for s in found] == [carol]
    assert found[0].note == "Gevinstrealisering" and [p.slug for p in found[0].phases] == ["test"]


def test_most_active_writers_in_threads_with_the_phases(member, carol, other_member):
    thread = start_thread(other_member, "Skylletoiletter i Aarhus", "Sådan gjorde vi.", ["hoest"])
    reply(thread, carol, "Tak!")
    reply(thread, other_member, "Velbekomme.")
    start_thread(carol, "Noget helt andet", "Om tjek.", ["tjek"])
    found = suggest_peers(member, phases("hoest"))
    assert [(s.member, s.post_count) for s in found] == [(other_member, 2), (carol, 1)]


def test_requester_and_inactive_members_are_never_suggested(member, carol, other_member):
    thread = start_thread(member, "Min egen tråd", "Jeg skriver meget.", ["tjek"])
    reply(thread, member, "Og igen.")
    reply(thread, carol, "Carol svarer.")
    reply(thread, other_member, "Bo svarer.")
    profiles.save_profile(member, open_now=True, phase_slugs=["tjek"])
    profiles.save_profile(other_member, open_now=True, phase_slugs=["tjek"])
    other_member.active = False
    db.session.commit()
    found = [s.member for s in suggest_peers(member, phases("tjek"))]
    assert found == [carol]


def test_no_phases_no_suggestions(member, carol):
    profiles.save_profile(carol, open_now=True, phase_slugs=["test"])
    assert suggest_peers(member, []) == []


def test_for_me_lists_directed_and_open_requests_on_known_phases(member, carol, other_member):
    profiles.save_profile(carol, open_now=False, phase_slugs=["tjek"])
    directed = service.create_request(member, title="Til Carol", body="x", phase_slugs=["hoest"],
                                      channels=["phone"], recipient_ids=[carol.id])
    known = service.create_request(member, title="Åben om tjek", body="x", phase_slugs=["tjek"], channels=["mail"])
    service.create_request(member, title="Åben om test", body="x", phase_slugs=["test"], channels=["mail"])
    service.create_request(member, title="Til Bo", body="x", phase_slugs=["tjek"], channels=["mail"],
                           recipient_ids=[other_member.id])
    own = service.create_request(carol, title="Carols egen", body="x", phase_slugs=["tjek"], channels=["mail"])
    page = queries.list_page(carol, status=None, phase=None, view="for-me", page=1)
    assert {r.id for r in page.items} == {directed.id, known.id}
    assert {r.id for r in panels.dashboard_panel(carol)["requests"]} == {directed.id, known.id}
    mine = queries.list_page(carol, status=None, phase=None, view="mine", page=1)
    assert [r.id for r in mine.items] == [own.id]
    by_phase = queries.list_page(carol, status="open", phase="hoest", view=None, page=1)
    assert [r.id for r in by_phase.items] == [directed.id]
    assert queries.list_page(carol, status="closed", phase=None, view=None, page=1).items == []
    assert queries.list_page(carol, status=None, phase=None, view=None, page=10**12).items == []


def test_export_section_holds_requests_offers_and_profile(member, carol):
    profiles.save_profile(carol, open_now=True, phase_slugs=["tjek"])
    request = service.create_request(member, title="Hjælp", body="Krop", phase_slugs=["tjek"], channels=["phone"])
    service.make_offer(request, carol, "Gerne")
    key, data = panels.export_section(carol)
    assert key == "sparring"
    assert data["profile"]["phases"] == ["tjek"]
    assert data["offers"][0]["message"] == "Gerne" and data["offers"][0]["request_title"] == "Hjælp"
    _, mine = panels.export_section(member)
    assert mine["requests"][0]["body"] == "Krop" and mine["requests"][0]["offers_received"] == 1
