"""A member asks to be deleted on /profile; an admin anonymises them at /admin/deletions."""
from __future__ import annotations

from sqlalchemy import func, select

from forum.extensions import db
from forum.members.anonymise import ANONYMOUS_NAME, REMOVED_TEXT, placeholder_email
from forum.members.deletion_models import DeletionRequest
from forum.members.models import Member
from forum.moderation.models import AuditEntry
from forum.notify.models import Notification
from forum.threads.attachments import stored_path
from forum.threads.models import Attachment, Post, PostRevision, Thread
from forum.threads.service import edit_post
from tests import factories

PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 32


def _ask(client, **fields):
    return client.post("/profile/delete-request", {"confirm": "y", "reason": "Jeg skifter job.", **fields})


def _request_of(member) -> DeletionRequest:
    return db.session.scalar(select(DeletionRequest).where(DeletionRequest.member_id == member.id))


def _audit(action):
    return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


def test_profile_offers_deletion_and_a_request_is_recorded_once(member_client, member, admin):
    page = member_client.get("/profile").get_data(as_text=True)
    assert "Slet din konto" in page and 'action="/profile/delete-request"' in page
    response = _ask(member_client)
    assert response.status_code == 302 and response.headers["Location"].endswith("/profile#slet-konto")
    row = _request_of(member)
    assert row.status == "pending" and row.reason == "Jeg skifter job."
    assert _ask(member_client).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(DeletionRequest)) == 1
    assert [entry.actor_id for entry in _audit("deletion_requested")] == [member.id]
    assert db.session.scalar(select(Notification).where(Notification.member_id == admin.id)) is not None
    page = member_client.get("/profile").get_data(as_text=True)
    assert "Du bad om at blive slettet" in page


def test_request_needs_the_confirmation_and_csrf(member_client, member):
    response = member_client.post("/profile/delete-request", {"reason": "Uden kryds"})
    assert response.status_code == 302
    assert "Sæt kryds for at bekræfte." in member_client.get("/profile").get_data(as_text=True)
    assert member_client.post("/profile/delete-request", {"confirm": "y"}, csrf=False).status_code == 400
    too_long = member_client.post("/profile/delete-request", {"confirm": "y", "reason": "x" * 1001})
    assert too_long.status_code == 302
    assert _request_of(member) is None


def test_anonymous_visitors_cannot_ask(client):
    response = client.post("/profile/delete-request", {"confirm": "y"})
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert db.session.scalar(select(func.count()).select_from(DeletionRequest)) == 0


def test_only_admins_see_and_carry_out_requests(make_client, member, facilitator, admin):
    _ask(make_client(member))
    row = _request_of(member)
    for someone in (member, facilitator):
        client = make_client(someone)
        assert client.get("/admin/deletions").status_code == 403
        assert client.post(f"/admin/deletions/{row.id}/anonymise", {"posts": "keep"}).status_code == 403
    admin_client = make_client(admin)
    page = admin_client.get("/admin/deletions").get_data(as_text=True)
    assert "Alice Andersen" in page and "Jeg skifter job." in page
    assert admin_client.post("/admin/deletions/999999/anonymise", {"posts": "keep"}).status_code == 404
    assert admin_client.post("/admin/deletions/99999999999999999999/anonymise", {"posts": "keep"}).status_code == 404
    assert admin_client.post(f"/admin/deletions/{row.id}/anonymise", {"posts": "keep"}, csrf=False).status_code == 400
    db.session.refresh(row)
    assert row.status == "pending"
    assert db.session.get(Member, member.id).name == "Alice Andersen"


def test_anonymise_keeping_posts(make_client, member, other_member, admin):
    member.phone, member.bio, member.title = "+45 12 34 56 78", "Jeg arbejder med velfærdsteknologi.", "Projektleder"
    db.session.commit()
    thread = factories.make_thread(member, title="Robotstøvsugere i plejeboliger", body="Vores erfaringer.")
    factories.make_reply(thread, other_member, body="Spændende!")
    member_client = make_client(member)
    _ask(member_client)
    row = _request_of(member)
    old_version = member.session_version

    response = make_client(admin).post(f"/admin/deletions/{row.id}/anonymise", {"posts": "keep"})
    assert response.status_code == 302
    db.session.expire_all()
    gone = db.session.get(Member, member.id)
    assert gone.name == ANONYMOUS_NAME
    assert gone.email == placeholder_email(gone) and gone.email.endswith(".invalid")
    assert (gone.phone, gone.bio, gone.title, gone.password_hash) == ("", "", "", None)
    assert gone.session_version == old_version + 1 and gone.active is False
    assert row.status == "done" and row.posts == "keep" and row.reason == ""

    # The old session is over, and the old email and password no longer open anything.
    assert member_client.get("/").status_code == 302
    fresh = make_client()
    refused = fresh.post("/login", {"email": "alice@aarhus.dk", "password": factories.PASSWORD})
    assert refused.status_code != 302

    # Posts stay, under the new name only.
    page = make_client(other_member).get(f"/threads/{thread.id}").get_data(as_text=True)
    assert "Vores erfaringer." in page and ANONYMOUS_NAME in page
    assert "Alice Andersen" not in page and "alice@aarhus.dk" not in page

    [entry] = _audit("anonymise_member")
    assert entry.actor_id == admin.id and entry.target_id == member.id and entry.reason == "posts: keep"
    assert "alice" not in entry.reason.lower()


def test_anonymise_removing_posts(make_client, member, other_member, admin):
    alone = factories.make_thread(member, title="Kun min tråd", body="Ingen har svaret.", files=[("a.png", PNG)])
    shared = factories.make_thread(member, title="Tråd med svar", body="Mit første indlæg.")
    factories.make_reply(shared, other_member, body="Bo svarer her.")
    theirs = factories.make_thread(other_member, title="Bos tråd", body="Bo spørger.")
    reply = factories.make_reply(theirs, member, body="Alice svarer Bo.")
    edit_post(reply, member, "Alice svarer Bo, rettet.")
    sha = db.session.scalar(select(Attachment.sha256))
    assert stored_path(sha).exists()
    _ask(make_client(member))
    row = _request_of(member)

    response = make_client(admin).post(f"/admin/deletions/{row.id}/anonymise", {"posts": "remove"})
    assert response.status_code == 302
    db.session.expire_all()
    bo = make_client(other_member)
    assert bo.get(f"/threads/{alone.id}").status_code == 404
    shared_page = bo.get(f"/threads/{shared.id}").get_data(as_text=True)
    assert "Mit første indlæg." not in shared_page and "Bo svarer her." in shared_page
    assert "fjernet, fordi forfatteren har forladt netværket" in shared_page
    theirs_page = bo.get(f"/threads/{theirs.id}").get_data(as_text=True)
    assert "Alice svarer Bo" not in theirs_page and "Bo spørger." in theirs_page
    assert db.session.get(Thread, theirs.id).post_count == 1
    assert db.session.scalar(select(func.count()).select_from(Attachment)) == 0
    assert not stored_path(sha).exists()
    assert db.session.scalar(select(func.count()).select_from(PostRevision)) == 0
    opening = db.session.scalar(select(Post).where(Post.thread_id == shared.id, Post.number == 1))
    assert opening.body_source == REMOVED_TEXT
    assert _audit("anonymise_member")[0].reason == "posts: remove"


def test_refuses_an_unknown_choice_a_second_run_and_oneself(make_client, member, admin):
    _ask(make_client(member))
    row = _request_of(member)
    admin_client = make_client(admin)
    admin_client.post(f"/admin/deletions/{row.id}/anonymise", {"posts": "<script>"})
    db.session.refresh(row)
    assert row.status == "pending"
    assert admin_client.post(f"/admin/deletions/{row.id}/anonymise", {"posts": "keep"}).status_code == 302
    admin_client.post(f"/admin/deletions/{row.id}/anonymise", {"posts": "remove"})
    db.session.refresh(row)
    assert row.posts == "keep"
    assert len(_audit("anonymise_member")) == 1

    _ask(admin_client)
    own = _request_of(admin)
    admin_client.post(f"/admin/deletions/{own.id}/anonymise", {"posts": "keep"})
    db.session.refresh(own)
    assert own.status == "pending"
    assert "en anden administrator" in admin_client.get("/admin/deletions").get_data(as_text=True)


def test_anonymised_member_leaves_the_directory(make_client, member, other_member, admin):
    _ask(make_client(member))
    make_client(admin).post(f"/admin/deletions/{_request_of(member).id}/anonymise", {"posts": "keep"})
    bo = make_client(other_member)
    assert "Alice Andersen" not in bo.get("/members").get_data(as_text=True)
    page = bo.get(f"/members/{member.id}")
    assert page.status_code == 404 or "Alice Andersen" not in page.get_data(as_text=True)
