"""The visibility table: requester, recipient, other member, facilitator × list, view, offer, accept, close."""
import pytest
from sqlalchemy import func, select

from forum.extensions import db
from forum.permissions import (
    can_accept_sparring,
    can_close_sparring,
    can_offer_sparring,
    can_view_sparring,
    visible_sparring_requests,
)
from forum.sparring import queries, service
from tests.unit import sparring_people

# Password-less members (these tests never log in): the same fixture names as tests/conftest.py.
carol = sparring_people.carol
facilitator = sparring_people.facilitator
member = sparring_people.member
other_member = sparring_people.other_member


@pytest.fixture
def people(member, carol, other_member, facilitator):
    return {"requester": member, "recipient": carol, "other": other_member, "facilitator": facilitator}


@pytest.fixture
def directed(people):
    return service.create_request(people["requester"], title="Til Carol", body="Hjælp", phase_slugs=["tjek"],
                                  channels=["phone"], recipient_ids=[people["recipient"].id])


@pytest.fixture
def open_request(people):
    return service.create_request(people["requester"], title="Til alle", body="Hjælp", phase_slugs=["tjek"],
                                  channels=["mail"])


# who:          list,  view,  offer, accept, close
DIRECTED = {
    "requester": (True, True, False, True, True),
    "recipient": (True, True, True, False, False),
    "other": (False, False, False, False, False),
    "facilitator": (True, True, False, False, True),
}
OPEN = {
    "requester": (True, True, False, True, True),
    "recipient": (True, True, True, False, False),
    "other": (True, True, True, False, False),
    "facilitator": (True, True, True, False, True),
}


def ids_visible_to(member):
    return set(db.session.scalars(select(visible_sparring_requests(member).subquery().c.id)))


@pytest.mark.parametrize("who", DIRECTED)
def test_directed_request_table(people, directed, who):
    person = people[who]
    expected = DIRECTED[who]
    actual = (
        directed.id in ids_visible_to(person),
        can_view_sparring(person, directed),
        can_offer_sparring(person, directed),
        can_accept_sparring(person, directed),
        can_close_sparring(person, directed),
    )
    assert actual == expected
    assert (queries.visible_request(person, directed.id) is not None) == expected[1]


@pytest.mark.parametrize("who", OPEN)
def test_open_request_table(people, open_request, who):
    person = people[who]
    actual = (
        open_request.id in ids_visible_to(person),
        can_view_sparring(person, open_request),
        can_offer_sparring(person, open_request),
        can_accept_sparring(person, open_request),
        can_close_sparring(person, open_request),
    )
    assert actual == OPEN[who]


def test_directed_request_is_not_counted_for_outsiders(people, directed, open_request):
    def total(member):
        return db.session.scalar(select(func.count()).select_from(visible_sparring_requests(member).subquery()))

    assert total(people["other"]) == 1
    assert total(people["recipient"]) == 2
    assert total(people["facilitator"]) == 2


def test_nobody_signed_out_sees_anything(directed, open_request):
    assert ids_visible_to(None) == set()
    assert not can_view_sparring(None, open_request)


def test_closed_and_matched_requests_take_no_offers_or_accepts(people, open_request):
    offer = service.make_offer(open_request, people["other"], "Gerne")
    service.accept_offer(open_request, offer, people["requester"])
    assert not can_offer_sparring(people["recipient"], open_request)
    assert not can_accept_sparring(people["requester"], open_request)
    assert can_close_sparring(people["requester"], open_request)
    service.close_request(open_request, people["requester"])
    assert not can_close_sparring(people["requester"], open_request)
    assert not can_close_sparring(people["facilitator"], open_request)


def test_page_ids_beyond_integer_range_are_just_missing(people):
    assert queries.visible_request(people["requester"], 2**63) is None
    assert queries.visible_request(people["requester"], 0) is None
