"""GET /profile/export: everything about the member as JSON, and nothing about others beyond
the names on what they share (threads, sparring)."""
from __future__ import annotations

import json
from datetime import date, time, timedelta

import pytest

from forum.extensions import db
from forum.meetings.service import MeetingData, answer, plan_meeting
from forum.members.anonymise import request_deletion
from forum.sparring.service import create_request, make_offer
from forum.spreading.service import phase_by_slug, record_reuse
from tests import factories

PNG = b"\x89PNG\r\n\x1a\n" + b"\x03" * 40


def export_of(client) -> dict:
    response = client.get("/profile/export")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    return json.loads(response.get_data(as_text=True))


@pytest.fixture
def shared_life(member, other_member, facilitator):
    """A member's data in every domain, mixed with another member's on shared things."""
    member.phone, member.bio, member.show_phone = "+45 11 22 33 44", "Innovationskonsulent i Aarhus.", True
    other_member.phone, other_member.show_phone, other_member.show_email = "+45 99 88 77 66", True, True
    other_member.bio = "Bos hemmelige noter om sig selv"
    db.session.commit()
    own = factories.make_thread(member, title="Velfærdsteknologi i hjemmeplejen", body="Alices erfaringer.",
                                phases=("tjek",), route="share", files=[("plan.png", PNG)])
    factories.make_reply(own, other_member, body="Bos svar med egne erfaringer.")
    theirs = factories.make_thread(other_member, title="Bos tråd om budgetter", body="Bos spørgsmål.", route="share")
    factories.make_reply(theirs, member, body="Alices svar til Bo.")
    request = create_request(member, title="Sparring om dataetik", body="Alices sparringsønske",
                             phase_slugs=["tjek"], channels=["mail"], recipient_ids=[other_member.id])
    make_offer(request, other_member, "Bos tilbud om sparring")
    open_request = create_request(other_member, title="Bos sparring om trivsel", body="Bos ønske",
                                  phase_slugs=["test"], channels=["phone"])
    make_offer(open_request, member, "Alices tilbud til Bo")
    meeting = plan_meeting(facilitator, MeetingData(
        title="Netværksmøde i Vejle", date=date.today() + timedelta(days=30), starts=time(10, 0),
        ends=time(15, 30), host_organization="Vejle Kommune", address="Skolegade 1"))
    answer(meeting, member, True)
    record_reuse(theirs, member, phase_by_slug("test"), note="Vi prøver det i Aarhus")
    return {"own": own, "theirs": theirs, "meeting": meeting}


def test_export_holds_profile_memberships_and_every_domain(member_client, member, shared_life):
    data = export_of(member_client)
    assert data["profile"]["email"] == "alice@aarhus.dk"
    assert data["profile"]["phone"] == "+45 11 22 33 44"
    assert data["profile"]["bio"] == "Innovationskonsulent i Aarhus."
    assert data["profile"]["organization"] == "Aarhus Kommune"
    assert [m["year"] for m in data["memberships"]] == [date.today().year]

    posts = data["threads"]["posts"]
    bodies = {post["body"] for post in posts}
    assert bodies == {"Alices erfaringer.", "Alices svar til Bo."}
    opening = next(post for post in posts if post["opening_post"])
    assert opening["thread_title"] == "Velfærdsteknologi i hjemmeplejen"
    assert opening["attachments"] == [{"filename": "plan.png", "content_type": "image/png", "size": len(PNG)}]
    assert shared_life["own"].id in data["threads"]["watching"]

    sparring = data["sparring"]
    assert [r["title"] for r in sparring["requests"]] == ["Sparring om dataetik"]
    assert sparring["requests"][0]["recipients"] == ["Bo Bech"]  # a name on a shared thing: allowed
    assert [o["message"] for o in sparring["offers"]] == ["Alices tilbud til Bo"]

    assert len(data["meeting_rsvps"]) == 1
    assert "Netværksmøde i Vejle" in json.dumps(data["meeting_rsvps"], ensure_ascii=False)
    assert [step["note"] for step in data["reuse_steps"]] == ["Vi prøver det i Aarhus"]
    assert "mail_choices" in data["notifications"]
    assert any("Bo Bech" in item["text"] for item in data["notifications"]["items"])  # Bo replied
    assert data["flags"] == []
    assert data["deletion_requests"] == []


def test_export_says_nothing_about_others_beyond_their_names(member_client, member, other_member, shared_life):
    text = json.dumps(export_of(member_client), ensure_ascii=False)
    assert "bob@vejle.dk" not in text
    assert "+45 99 88 77 66" not in text
    assert "Bos hemmelige noter" not in text
    assert "Bos svar med egne erfaringer." not in text  # Bo's post in Alice's thread is Bo's
    assert "Bos tilbud om sparring" not in text  # Bo's offer on Alice's request is Bo's
    assert "Bos ønske" not in text


def test_each_member_gets_only_their_own(make_client, member, other_member, shared_life):
    data = export_of(make_client(other_member))
    assert data["profile"]["email"] == "bob@vejle.dk"
    text = json.dumps(data, ensure_ascii=False)
    assert "alice@aarhus.dk" not in text and "+45 11 22 33 44" not in text
    assert "Alices erfaringer." not in text and "Alices svar til Bo." not in text
    assert {post["body"] for post in data["threads"]["posts"]} == {"Bos svar med egne erfaringer.", "Bos spørgsmål."}
    assert [o["message"] for o in data["sparring"]["offers"]] == ["Bos tilbud om sparring"]


def test_export_includes_the_members_deletion_request(member_client, member):
    request_deletion(member, "Jeg går på pension.")
    data = export_of(member_client)
    assert [(r["status"], r["reason"]) for r in data["deletion_requests"]] == [("pending", "Jeg går på pension.")]


def test_export_needs_login(client):
    response = client.get("/profile/export")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
