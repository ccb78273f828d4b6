"""Rendered posts, remembered: a thread page stitches cached post HTML together.

A post's HTML depends on two things: the post as shown (`PostContent`: author line, times,
body, attachments) and what this reader may do with it (`ReaderView`: new to them? may they
edit, delete, see revisions, flag?). Both are small immutable tuples, and with the language
they are the cache key, so an edit, a rename, a hidden post or a lock is simply a new key:
nothing is ever invalidated, and no reader gets HTML rendered for another reader's rights,
because the rights are in the key (the caller has already filtered the posts through the
permission rules). The one per-request value, the CSRF token, is rendered as a placeholder
and replaced by the request's own token.
"""
from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from markupsafe import Markup

from forum.fragments import csrf_placeholder, render_cached, with_csrf_token
from forum.permissions.moderation import can_flag_post
from forum.permissions.threads import can_delete_post, can_edit_post, can_view_revisions
from forum.threads.attachments import is_image
from forum.threads.queries import PostRow, ThreadRowContent


class AttachmentContent(NamedTuple):
    id: int
    filename: str
    size: int
    is_image: bool


class PostContent(NamedTuple):
    id: int
    number: int
    author_id: int
    author_name: str
    author_title: str | None
    author_is_facilitator: bool
    organization_name: str
    created_at: datetime
    edited_at: datetime | None
    hidden: bool
    hidden_reason: str | None
    body_html: str
    attachments: tuple[AttachmentContent, ...]


class ReaderView(NamedTuple):
    is_new: bool
    may_edit: bool
    may_delete: bool
    may_see_revisions: bool
    may_flag: bool


def post_content(post: PostRow) -> PostContent:
    return PostContent(
        id=post.id, number=post.number, author_id=post.author_id, author_name=post.author_name,
        author_title=post.author_title, author_is_facilitator=post.author_is_facilitator,
        organization_name=post.organization_name, created_at=post.created_at, edited_at=post.edited_at,
        hidden=post.hidden, hidden_reason=post.hidden_reason, body_html=post.body_html,
        attachments=tuple(AttachmentContent(file.id, file.filename, file.size, is_image(file))
                          for file in post.attachments),
    )


def reader_view(member, post: PostRow, already_read: int, may_flag: bool) -> ReaderView:
    return ReaderView(
        is_new=post.number > already_read and post.author_id != member.id,
        may_edit=can_edit_post(member, post),
        may_delete=can_delete_post(member, post),
        may_see_revisions=post.edited_at is not None and can_view_revisions(member, post),
        may_flag=may_flag and can_flag_post(member, post),
    )


def rendered_posts(member, posts: list[PostRow], already_read: int, may_flag: bool) -> list[tuple[PostRow, Markup]]:
    """Each post with its HTML for `member`, who may see every one of `posts`."""
    return [
        (post, with_csrf_token(render_cached("threads/_post.html", content=post_content(post),
                                             view=reader_view(member, post, already_read, may_flag),
                                             csrf_token=csrf_placeholder)))
        for post in posts
    ]


def rendered_thread_rows(rows: list[ThreadRowContent], unread: dict[int, int]) -> list[Markup]:
    """The list rows for a reader who may see every one of the threads, with their unread counts."""
    return [Markup(render_cached("threads/_thread_row.html", row=row,  # noqa: S704 - Jinja-escaped
                                 unread_count=unread.get(row.id, 0)))
            for row in rows]
