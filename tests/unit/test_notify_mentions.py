"""@[Name] mentions: linked to the profile, notified once, only to who may see the post."""
from __future__ import annotations

from sqlalchemy import select

from forum.extensions import db
from forum.markup import render_markdown
from forum.notify.mentions import link_mentions, mentioned_names
from forum.notify.models import Notification
from forum.threads.service import edit_post
from tests.factories import make_member, make_reply, make_thread


def mentions_of(member) -> list[Notification]:
    return list(db.session.scalars(
        select(Notification).where(Notification.member_id == member.id, Notification.kind == "mention")))


def test_syntax_handles_danish_names():
    assert mentioned_names("Hej @[Søren  Ærø-Åberg] og @[bo bech]!") == {"søren ærø-åberg", "bo bech"}
    assert mentioned_names("mail@example.dk og @Bo") == set()


def test_mention_links_and_notifies_once(app, member, other_member):
    thread = make_thread(member, title="Borgerdialog", body="Hvad siger @[Bo Bech] til det?")
    post = db.session.scalar(select(thread.__class__).where(thread.__class__.id == thread.id))
    first = db.session.scalars(select(Notification).where(Notification.member_id == other_member.id)).all()
    assert [n.kind for n in first] == ["mention"]
    assert "Alice Andersen nævnte dig" in first[0].text and f"/threads/{thread.id}#post-" in first[0].url
    from forum.threads.models import Post
    opening = db.session.scalar(select(Post).where(Post.thread_id == post.id))
    assert f'<a href="/members/{other_member.id}"' in opening.body_html and "@Bo Bech</a>" in opening.body_html
    # Editing without a new mention notifies nobody again; adding one notifies the new name.
    carl = make_member("carl@odense.dk", name="Carl Clausen", organization="Odense Kommune")
    edit_post(opening, member, "Hvad siger @[Bo Bech] og @[Carl Clausen]?")
    assert len(mentions_of(other_member)) == 1
    assert len(mentions_of(carl)) == 1


def test_no_self_mention_and_unknown_or_ambiguous_names(app, member, other_member):
    make_member("bo2@aalborg.dk", name="Bo Bech", organization="Aalborg Kommune")
    thread = make_thread(member, title="T", body="Jeg @[Alice Andersen], @[Ingen Her] og @[Bo Bech]")
    assert mentions_of(member) == [] and mentions_of(other_member) == []
    from forum.threads.models import Post
    html = db.session.scalar(select(Post.body_html).where(Post.thread_id == thread.id))
    assert f"/members/{other_member.id}" not in html and "@[Ingen Her]" in html


def test_mention_in_reply_and_not_in_code(app, member, other_member):
    thread = make_thread(member, title="T", body="Start")
    reply = make_reply(thread, member, body="`@[Bo Bech]` er syntaksen")
    assert "/members/" not in reply.body_html
    assert mentions_of(other_member) == []


def test_link_mentions_cannot_inject(app, member):
    hostile = make_member("x@evil.dk", name='Eve"><script>alert(1)</script>', organization="Evil")
    html = render_markdown("Hej @[Alice Andersen]", mentions=lambda h: link_mentions(h, {"alice andersen": hostile}))
    assert "<script>" not in html
